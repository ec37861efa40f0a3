using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using IpfsKit.Content;

namespace IpfsKit.Transports.Gateway.Internal;

/// <summary>
/// The HTTP side of the trustless gateway protocol (https://specs.ipfs.tech/http-gateways/trustless-gateway/):
/// <c>GET /ipfs/{cid}?format=raw|car</c> with the matching <c>Accept</c> media type, errors mapped to IpfsKit's.
/// </summary>
internal static class GatewayHttp
{
    /// <summary>The media type of one block (trustless gateway spec, "Response Types").</summary>
    public const string RawMediaType = "application/vnd.ipld.raw";

    /// <summary>The media type of a CAR stream (trustless gateway spec, "Response Types").</summary>
    public const string CarMediaType = "application/vnd.ipld.car";

    private const int MaxErrorBodyLength = 4096;

    /// <summary>Sends <c>GET ipfs/{cid}?format=…</c> and waits for the headers only; transport failures become remote errors.</summary>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, Cid cid, string format, string mediaType, CancellationToken cancellationToken)
    {
        // Relative to BaseAddress (the gateway root), so a root with a path prefix ending in '/' keeps it.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"ipfs/{cid}?format={format}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new IpfsKitRemoteException(Endpoint(http, cid, format), e.StatusCode, e.Message, null, e);
        }
    }

    /// <summary>The endpoint text used in errors: <c>GET {root}ipfs/{cid}?format=…</c>.</summary>
    public static string Endpoint(HttpClient http, Cid cid, string format) => $"GET {http.BaseAddress}ipfs/{cid}?format={format}";

    /// <summary>Throws <see cref="IpfsKitRemoteException"/> with the start of the body unless the status is 2xx.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var message = response.ReasonPhrase ?? "error";
        try
        {
            var body = await ReadBoundedAsync(response.Content, MaxErrorBodyLength, truncate: true, endpoint, response.StatusCode, cancellationToken).ConfigureAwait(false);
            if (body.Length > 0)
            {
                message = System.Text.Encoding.UTF8.GetString(body).Trim();
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The status is what matters; a body that cannot be read leaves the reason phrase.
        }

        throw new IpfsKitRemoteException(endpoint, response.StatusCode, message);
    }

    /// <summary>
    /// Reads a body of at most <paramref name="maxLength"/> bytes, never buffering more than that (plus one read): a longer
    /// body is cut (<paramref name="truncate"/>) or rejected with <see cref="IpfsKitRemoteException"/>.
    /// </summary>
    public static async Task<byte[]> ReadBoundedAsync(HttpContent content, int maxLength, bool truncate, string endpoint, HttpStatusCode? status, CancellationToken cancellationToken)
    {
        if (!truncate && content.Headers.ContentLength is { } declared && declared > maxLength)
        {
            throw TooLarge(endpoint, status, $"{declared} bytes, more", maxLength);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (content.Headers.ContentLength is { } exact && exact <= maxLength)
            {
                return await ReadDeclaredAsync(stream, (int)exact, endpoint, status, cancellationToken).ConfigureAwait(false);
            }

            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxLength + 1, 64 * 1024));
            try
            {
                var total = 0;
                using var result = new MemoryStream();
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (total + read > maxLength)
                    {
                        if (truncate)
                        {
                            result.Write(buffer, 0, maxLength - total);
                            break;
                        }

                        throw TooLarge(endpoint, status, "more bytes", maxLength);
                    }

                    result.Write(buffer, 0, read);
                    total += read;
                }

                return result.ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Reads a body whose length the server declared straight into an array of that length (one copy, no growing buffer);
    /// a body that ends early is returned as far as it came, one that goes on is rejected.
    /// </summary>
    private static async Task<byte[]> ReadDeclaredAsync(Stream stream, int length, string endpoint, HttpStatusCode? status, CancellationToken cancellationToken)
    {
        var data = GC.AllocateUninitializedArray<byte>(length);
        var total = await stream.ReadAtLeastAsync(data, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (total < length)
        {
            return data.AsSpan(0, total).ToArray();
        }

        var probe = new byte[1];
        if (await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
        {
            throw new IpfsKitRemoteException(endpoint, status, $"the gateway sent more than the {length} bytes it declared");
        }

        return data;
    }

    private static IpfsKitRemoteException TooLarge(string endpoint, HttpStatusCode? status, string size, int maxLength) =>
        new(endpoint, status, $"the gateway sent {size} than the maximum block size of {maxLength} bytes", "block-too-large");
}
