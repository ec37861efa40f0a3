using System.Security.Cryptography;
using IpfsKit.Blocks;

namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>Hashes encoded nodes into CIDs and, unless only hashing, stores them without copying.</summary>
internal sealed class BlockSink(IBlockStore? store, int cidVersion)
{
    public int CidVersion { get; } = cidVersion;

    public bool Stores => store is not null;

    /// <summary>Hashes a node encoded into an array of its own and stores that array (the sink owns it from now on).</summary>
    public async ValueTask<Cid> PutAsync(Multicodec codec, byte[] bytes, int version, CancellationToken cancellationToken)
    {
        var cid = Hash(codec, bytes, version);
        if (store is not null)
        {
            await store.PutAsync(Block.FromTrusted(cid, bytes), cancellationToken).ConfigureAwait(false);
        }

        return cid;
    }

    /// <summary>
    /// Hashes a node held in a buffer the caller reuses once this completes, and lends it to the store
    /// (<see cref="IBlockStore.PutLentAsync"/>: a store copies only what it keeps).
    /// </summary>
    public async ValueTask<Cid> PutLentAsync(Multicodec codec, ReadOnlyMemory<byte> bytes, int version, CancellationToken cancellationToken)
    {
        var cid = Hash(codec, bytes.Span, version);
        if (store is not null)
        {
            await store.PutLentAsync(Block.FromTrusted(cid, bytes), cancellationToken).ConfigureAwait(false);
        }

        return cid;
    }

    private static Cid Hash(Multicodec codec, ReadOnlySpan<byte> bytes, int version)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return Cid.FromSha256Digest(version, codec, digest);
    }
}
