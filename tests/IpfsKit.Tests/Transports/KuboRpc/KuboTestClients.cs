using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>Shared bits of the Kubo RPC transport tests.</summary>
internal static class KuboTestClients
{
    /// <summary>A transport on an API root; the HttpClient has no timeout (large transfers) and is left to the GC.</summary>
    public static KuboRpcTransport Transport(Uri apiBase) =>
        new(new HttpClient { BaseAddress = apiBase, Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>The CID the local importer computes (only-hash) for <paramref name="content"/> with <paramref name="options"/>.</summary>
    public static async Task<Cid> LocalCidAsync(Stream content, ImportOptions options) =>
        (await new UnixFsImporter(null, options with { OnlyHash = true }).AddFileAsync(content)).Cid;

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
