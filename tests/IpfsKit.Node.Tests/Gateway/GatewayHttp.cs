using IpfsKit.Content;
using IpfsKit.Content.Car;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>Plain-HTTP helpers of the gateway tests: requests with headers, and a CAR body read back (roots, blocks in order).</summary>
internal static class GatewayHttp
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Get, path, headers);

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";

    /// <summary>Reads a CAR body: its roots and its blocks' CIDs in order (every block verified by the reader).</summary>
    public static async Task<(IReadOnlyList<Cid> Roots, List<Cid> Blocks)> ReadCarAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        var car = await CarReader.OpenAsync(body, new CarReaderOptions { VerifyBlocks = true });
        await using (car)
        {
            var blocks = new List<Cid>();
            await foreach (var block in car.ReadBlocksAsync())
            {
                blocks.Add(block.Cid);
            }

            return (car.Roots, blocks);
        }
    }
}
