using System.Collections.Frozen;

namespace IpfsKit.Content;

/// <summary>Names of multicodec codes as written in the multicodec table (for example <c>dag-pb</c>).</summary>
public static class MulticodecNames
{
    private static readonly FrozenDictionary<Multicodec, string> ByCode = new Dictionary<Multicodec, string>
    {
        [Multicodec.Identity] = "identity",
        [Multicodec.Cbor] = "cbor",
        [Multicodec.Sha256] = "sha2-256",
        [Multicodec.Sha512] = "sha2-512",
        [Multicodec.Murmur3X64] = "murmur3-x64-64",
        [Multicodec.Raw] = "raw",
        [Multicodec.DagPb] = "dag-pb",
        [Multicodec.DagCbor] = "dag-cbor",
        [Multicodec.Libp2pKey] = "libp2p-key",
        [Multicodec.DagJson] = "dag-json",
        [Multicodec.Json] = "json",
    }.ToFrozenDictionary();

    // The codes of the table's "ipld" tag among those named above: formats of content a CID may address.
    private static readonly FrozenSet<Multicodec> Content = new[]
    {
        Multicodec.Cbor, Multicodec.Raw, Multicodec.DagPb, Multicodec.DagCbor, Multicodec.Libp2pKey, Multicodec.DagJson, Multicodec.Json,
    }.ToFrozenSet();

    private static readonly FrozenDictionary<string, Multicodec> ByName =
        ByCode.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>Gets the table name of <paramref name="code"/>, or its hexadecimal value when unknown.</summary>
    /// <param name="code">The code.</param>
    /// <returns>For example <c>"dag-pb"</c> or <c>"0x300001"</c>.</returns>
    public static string GetName(Multicodec code) =>
        ByCode.TryGetValue(code, out var name) ? name : "0x" + ((ulong)code).ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Looks up a code by its table name.</summary>
    /// <param name="name">For example <c>"raw"</c>.</param>
    /// <param name="code">The code when found.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryGetCode(string name, out Multicodec code) => ByName.TryGetValue(name, out code);

    /// <summary>
    /// Gets whether <paramref name="code"/> is a content codec: one the multicodec table tags <c>ipld</c> (raw,
    /// dag-pb, dag-cbor, dag-json, cbor, json, libp2p-key), which a CID's codec may be; hash functions such as
    /// sha2-256 are not.
    /// </summary>
    /// <param name="code">A multicodec code.</param>
    /// <returns><see langword="true"/> for the content codecs IpfsKit knows by name; <see langword="false"/> otherwise.</returns>
    public static bool IsContentCodec(Multicodec code) => Content.Contains(code);
}
