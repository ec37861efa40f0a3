namespace IpfsKit.Content;

/// <summary>
/// Codes from the multicodec table that IpfsKit knows by name. Any other code is still carried as a value
/// (cast a <see cref="ulong"/> to this type); <see cref="MulticodecNames"/> gives names.
/// </summary>
#pragma warning disable CA1008 // Identity (0x00) is the zero value of the table, not a "None".
#pragma warning disable CA1028 // The multicodec table's codes are unsigned 64-bit varints.
public enum Multicodec : ulong
#pragma warning restore CA1028
#pragma warning restore CA1008
{
    /// <summary>identity multihash: the "digest" is the data itself (0x00).</summary>
    Identity = 0x00,

    /// <summary>CBOR (0x51).</summary>
    Cbor = 0x51,

    /// <summary>sha2-256 multihash (0x12).</summary>
    Sha256 = 0x12,

    /// <summary>sha2-512 multihash (0x13).</summary>
    Sha512 = 0x13,

    /// <summary>murmur3-x64-64, the hash of UnixFS HAMT directories (0x22).</summary>
    Murmur3X64 = 0x22,

    /// <summary>raw binary block (0x55).</summary>
    Raw = 0x55,

    /// <summary>MerkleDAG protobuf, the block format of UnixFS (0x70).</summary>
    DagPb = 0x70,

    /// <summary>MerkleDAG CBOR (0x71).</summary>
    DagCbor = 0x71,

    /// <summary>libp2p public key (0x72).</summary>
    Libp2pKey = 0x72,

    /// <summary>MerkleDAG JSON (0x0129).</summary>
    DagJson = 0x0129,

    /// <summary>JSON (0x0200).</summary>
    Json = 0x0200,
}
