using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Blocks;

/// <summary>A block: immutable bytes and the CID that names them.</summary>
/// <remarks>
/// Create blocks with <see cref="Create"/> (hashes the bytes) or <see cref="CreateVerified"/> (checks bytes that
/// came with a CID from elsewhere). The bytes must not be changed after the block is made. Thread-safe.
/// </remarks>
public sealed class Block
{
    private Block(Cid cid, ReadOnlyMemory<byte> data)
    {
        Cid = cid;
        Data = data;
    }

    /// <summary>Gets the block's CID.</summary>
    public Cid Cid { get; }

    /// <summary>Gets the block's bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets the size of the block in bytes.</summary>
    public int Size => Data.Length;

    /// <summary>Hashes <paramref name="data"/> and makes a block of it.</summary>
    /// <param name="data">The bytes; kept, not copied.</param>
    /// <param name="codec">The codec. <value>The default value is <see cref="Multicodec.Raw"/>.</value></param>
    /// <param name="version">The CID version (0 only for dag-pb). <value>The default value is 1.</value></param>
    /// <param name="hashFunction">The hash. <value>The default value is sha2-256.</value></param>
    /// <returns>The block.</returns>
    public static Block Create(ReadOnlyMemory<byte> data, Multicodec codec = Multicodec.Raw, int version = 1, Multicodec hashFunction = Multicodec.Sha256) =>
        new(Cid.Compute(codec, data.Span, version, hashFunction), data);

    /// <summary>Makes a block of bytes that claim to be <paramref name="cid"/>, after checking their hash.</summary>
    /// <param name="cid">The claimed CID.</param>
    /// <param name="data">The bytes; kept, not copied.</param>
    /// <returns>The block.</returns>
    /// <exception cref="IpfsKitIntegrityException">The bytes do not hash to the CID's multihash.</exception>
    /// <exception cref="IpfsKitIntegrityException">
    /// The CID's hash function cannot be computed by IpfsKit, so the bytes cannot be verified.
    /// </exception>
    public static Block CreateVerified(Cid cid, ReadOnlyMemory<byte> data)
    {
        if (cid.IsEmpty)
        {
            throw new ArgumentException("The CID is empty.", nameof(cid));
        }

        if (!Multihash.IsSupported(cid.HashCode))
        {
            throw new IpfsKitIntegrityException(
                cid, $"its hash function {MulticodecNames.GetName(cid.HashCode)} cannot be computed by IpfsKit, so the bytes cannot be verified");
        }

        if (!cid.Hash.Matches(data.Span))
        {
            throw new IpfsKitIntegrityException(cid, $"{data.Length} bytes hash to a different {MulticodecNames.GetName(cid.HashCode)} digest");
        }

        return new Block(cid, data);
    }

    /// <summary>Wraps bytes whose CID was computed from them in this process (no second hash).</summary>
    internal static Block FromTrusted(Cid cid, ReadOnlyMemory<byte> data) => new(cid, data);

    /// <summary>A block with the same CID over a copy of the bytes in an array of their exact size (not zeroed first).</summary>
    internal static Block CopyOf(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var copy = GC.AllocateUninitializedArray<byte>(block.Size);
        block.Data.Span.CopyTo(copy);
        return new(block.Cid, copy);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Cid} ({Size} bytes)";
}
