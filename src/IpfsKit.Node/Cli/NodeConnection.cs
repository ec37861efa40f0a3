using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Node.Cli;

/// <summary>The CLI's HTTP link to a running node: the Kubo RPC client for the /api/v0 subset plus raw calls.</summary>
internal sealed class NodeConnection : IDisposable
{
    private readonly HttpClient _http;

    public NodeConnection(Uri nodeUrl, string? token)
    {
        NodeUrl = nodeUrl;
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        _http = new HttpClient(handler) { BaseAddress = nodeUrl, Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        Kubo = new KuboRpcTransport(_http);
    }

    public Uri NodeUrl { get; }

    public HttpClient Http => _http;

    public KuboRpcTransport Kubo { get; }

    /// <summary>Sends a request; an unreachable node or a non-2xx answer (except 404 when allowed) is a <see cref="CliException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, bool allowNotFound, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach the node at {NodeUrl}: {e.Message}", e);
        }

        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }

        using (response)
        {
            var error = await Kubo.ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            throw new CliException($"{path.Split('?')[0]}: HTTP {(int)response.StatusCode}: {(error.RemoteMessage?.Trim() is { Length: > 0 } message ? message : "(empty body)")}");
        }
    }

    /// <summary>Sends a request without a body, as <see cref="SendAsync"/> does, and parses its JSON answer.</summary>
    public async Task<JsonDocument> SendForJsonAsync(HttpMethod method, string path, bool allowNotFound, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, null, allowNotFound, cancellationToken).ConfigureAwait(false);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    public void Dispose() => _http.Dispose();
}
