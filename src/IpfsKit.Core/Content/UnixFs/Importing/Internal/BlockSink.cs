using IpfsKit.Blocks;

namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>Hashes encoded nodes into CIDs and, unless only hashing, stores them.</summary>
internal sealed class BlockSink(IBlockStore? store, int cidVersion)
{
    public int CidVersion { get; } = cidVersion;

    public bool Stores => store is not null;

    /// <summary>Hashes a node's bytes and stores a copy of them.</summary>
    public async ValueTask<Cid> PutAsync(Multicodec codec, ReadOnlyMemory<byte> bytes, int version, CancellationToken cancellationToken)
    {
        Span<byte> digest = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(bytes.Span, digest);
        var cid = Cid.FromSha256Digest(version, codec, digest);
        if (store is not null)
        {
            await store.PutAsync(Block.FromTrusted(cid, bytes.ToArray()), cancellationToken).ConfigureAwait(false);
        }

        return cid;
    }
}
