using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IpfsKit.Errors;

namespace IpfsKit.Http.Internal;

/// <summary>
/// The one send-and-map-errors core of the remote clients (Kubo RPC, IPFS Cluster REST, trustless gateway, master
/// link): sends with the caller's token, reads an error answer's body only to <see cref="RemoteBody.MaxErrorBodyLength"/>
/// and lets the remote's <see cref="IRemoteErrorParser"/> read it, and reports every "no answer" (refused, reset,
/// <see cref="HttpClient.Timeout"/>, the resilience pipeline's timeout or open circuit) as
/// <see cref="RemoteErrorCode.Unreachable"/>. A cancellation by the caller's token is rethrown as it is.
/// </summary>
/// <remarks>Thread-safe, like the <see cref="HttpClient"/> it uses (which it does not own).</remarks>
/// <param name="http">The client; its base address is the remote's root.</param>
/// <param name="parser">Reads the remote's error bodies.</param>
/// <param name="setting">The setting that names the root, quoted when the remote gives no answer (or null).</param>
internal sealed class RemoteHttp(HttpClient http, IRemoteErrorParser parser, string? setting)
{
    /// <summary>Gets the client (its base address is the remote's root).</summary>
    public HttpClient Client => http;

    /// <summary>
    /// Sends the request and waits for the headers only. A 2xx answer (or one <paramref name="accept"/> takes) is
    /// returned for the caller to read and dispose; any other answer is thrown as its parser reads it.
    /// </summary>
    /// <param name="request">The request (not disposed here: with a streamed upload its content may still be sending).</param>
    /// <param name="endpoint">The call as errors name it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="accept">Non-2xx statuses the caller handles itself (for example 404), or null.</param>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string endpoint, CancellationToken cancellationToken, Func<HttpStatusCode, bool>? accept = null)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RemoteErrors.IsUnreachable(e, cancellationToken))
        {
            throw Unreachable(endpoint, e);
        }

        if (response.IsSuccessStatusCode || accept?.Invoke(response.StatusCode) == true)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(endpoint, response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An error answer as the remote's parser reads the start of its body.</summary>
    public async Task<IpfsKitRemoteException> ErrorAsync(string endpoint, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await RemoteBody.ReadErrorAsync(response.Content, cancellationToken).ConfigureAwait(false);
        return RemoteErrors.Answer(endpoint, response.StatusCode, parser.Parse(response.StatusCode, body, response.ReasonPhrase));
    }

    /// <summary>
    /// The answer's body as a stream that reports a broken connection as unreachable and disposes the answer with it;
    /// the answer is disposed here when even that fails.
    /// </summary>
    /// <param name="response">The answer.</param>
    /// <param name="endpoint">The call as errors name it.</param>
    /// <param name="trailer">Reads an <c>X-Stream-Error</c> trailer, or null when the remote sends none.</param>
    /// <param name="cancellationToken">Cancels opening the body.</param>
    public async Task<RemoteResponseStream> OpenBodyAsync(HttpResponseMessage response, string endpoint, Func<string, RemoteError>? trailer, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new RemoteResponseStream(response, body, endpoint, trailer, e => Unreachable(endpoint, e));
        }
        catch (Exception e) when (RemoteErrors.IsUnreachable(e, cancellationToken))
        {
            response.Dispose();
            throw Unreachable(endpoint, e);
        }
    }

    /// <summary>Reads a 2xx answer as one JSON value: a broken connection is unreachable, anything else not the value is malformed.</summary>
    public async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> info, string endpoint, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(body, info, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("the answer is JSON null");
            }
        }
        catch (JsonException e)
        {
            throw RemoteErrors.Malformed(endpoint, response.StatusCode, $"the answer is not the expected JSON: {e.Message}", e);
        }
        catch (Exception e) when (RemoteErrors.IsUnreachable(e, cancellationToken))
        {
            throw Unreachable(endpoint, e);
        }
    }

    /// <summary>No (whole) answer came from this remote.</summary>
    public IpfsKitRemoteException Unreachable(string endpoint, Exception cause) =>
        RemoteErrors.Unreachable(endpoint, http.BaseAddress, setting, cause);
}
