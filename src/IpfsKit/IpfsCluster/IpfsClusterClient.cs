using System.Net.Http.Headers;
using System.Text;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.IpfsCluster.Internal;

namespace IpfsKit.IpfsCluster;

/// <summary>
/// A client of the IPFS Cluster REST API (default port 9094): a pinning engine that replicates pins over the cluster's
/// IPFS daemons, not a node transport. Routes and shapes follow ipfs-cluster <c>api/rest/restapi.go</c> and
/// <c>api/types.go</c>.
/// </summary>
/// <remarks>
/// <para>
/// The <see cref="HttpClient"/>'s <see cref="HttpClient.BaseAddress"/> is the REST API root, for example
/// <c>http://127.0.0.1:9094/</c>. Authentication (<see cref="IpfsClusterClientOptions"/>) is set on every request.
/// Listings are streamed: NDJSON from Cluster 1.0, a JSON array from older releases, both read as they arrive.
/// </para>
/// <para>
/// Errors: the cluster's <c>{"code","message"}</c>, a failure reported in the <c>X-Stream-Error</c> trailer of a stream,
/// an answer that is not the expected JSON, or no answer all surface as <see cref="IpfsKitRemoteException"/>.
/// Cancellation surfaces as <see cref="OperationCanceledException"/>. Thread-safe.
/// </para>
/// </remarks>
public sealed class IpfsClusterClient
{
    private readonly IpfsClusterHttp _http;

    /// <summary>Creates a client without authentication.</summary>
    /// <param name="httpClient">The client; its <see cref="HttpClient.BaseAddress"/> is the REST API root. Not disposed by this client.</param>
    public IpfsClusterClient(HttpClient httpClient)
        : this(httpClient, new IpfsClusterClientOptions())
    {
    }

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The client; its <see cref="HttpClient.BaseAddress"/> is the REST API root. Not disposed by this client.</param>
    /// <param name="options">The authentication.</param>
    /// <exception cref="ArgumentException">The options set both Basic and bearer authentication.</exception>
    public IpfsClusterClient(HttpClient httpClient, IpfsClusterClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        AuthenticationHeaderValue? authorization =
            options.BearerToken is { } token ? new("Bearer", token)
            : options.Username is { } user ? new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password}")))
            : null;
        _http = new IpfsClusterHttp(httpClient, authorization);
    }

    /// <summary>Gets the peer the client talks to (<c>GET /id</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The peer.</returns>
    public Task<IpfsClusterPeer> IdAsync(CancellationToken cancellationToken = default) =>
        _http.SendJsonAsync(HttpMethod.Get, "id", IpfsClusterJsonContext.Default.IpfsClusterPeer, cancellationToken);

    /// <summary>Gets the cluster's version (<c>GET /version</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The version, for example <c>1.1.6</c>.</returns>
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        var body = await _http.SendJsonAsync(HttpMethod.Get, "version", IpfsClusterJsonContext.Default.IpfsClusterVersionBody, cancellationToken).ConfigureAwait(false);
        return body.Version ?? string.Empty;
    }

    /// <summary>Lists the cluster's peers (<c>GET /peers</c>).</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The peers, as they arrive.</returns>
    public IAsyncEnumerable<IpfsClusterPeer> PeersAsync(CancellationToken cancellationToken = default) =>
        _http.StreamAsync(HttpMethod.Get, "peers", null, IpfsClusterJsonContext.Default.IpfsClusterPeer, cancellationToken);

    /// <summary>
    /// Adds a file through the cluster (<c>POST /add</c>, multipart, streamed from <paramref name="content"/> without
    /// buffering it): the cluster builds the DAG, sends it to the allocated peers' IPFS daemons and pins it.
    /// </summary>
    /// <param name="content">The file's bytes, read once to the end (not disposed).</param>
    /// <param name="options">Replication, name, CID version, raw leaves, chunker, local. <value>The default value is <see langword="null"/>: the cluster's defaults.</value></param>
    /// <param name="progress">Receives every line of the answer. <value>The default value is <see langword="null"/>.</value></param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The last line: the root.</returns>
    public async Task<IpfsClusterAddedOutput> AddAsync(Stream content, IpfsClusterAddOptions? options = null, IProgress<IpfsClusterAddedOutput>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new IpfsClusterAddOptions();
        using var form = new MultipartFormDataContent();
        var part = new StreamContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
        {
            Name = "\"file\"",
            FileName = "\"" + Uri.EscapeDataString(options.FileName ?? "file") + "\"",
        };
        form.Add(part);
        IpfsClusterAddedOutput? last = null;
        await foreach (var line in _http.StreamAsync(HttpMethod.Post, "add" + IpfsClusterQuery.Add(options), form, IpfsClusterJsonContext.Default.IpfsClusterAddedOutput, cancellationToken).ConfigureAwait(false))
        {
            progress?.Report(line);
            last = line;
        }

        return last ?? throw RemoteErrors.Malformed("POST add", System.Net.HttpStatusCode.NoContent, "the cluster answered no added node");
    }

    /// <summary>Lists the pins in the cluster's shared state (<c>GET /allocations?filter=…</c>).</summary>
    /// <param name="filter">The kinds of pin wanted. <value>The default value is <see cref="IpfsClusterPinTypes.All"/>.</value></param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The pins, as they arrive.</returns>
    public IAsyncEnumerable<IpfsClusterPin> AllocationsAsync(IpfsClusterPinTypes filter = IpfsClusterPinTypes.All, CancellationToken cancellationToken = default) =>
        _http.StreamAsync(HttpMethod.Get, "allocations?filter=" + Uri.EscapeDataString(IpfsClusterNames.Format(filter)), null, IpfsClusterJsonContext.Default.IpfsClusterPin, cancellationToken);

    /// <summary>Gets one pin from the cluster's shared state (<c>GET /allocations/{cid}</c>).</summary>
    /// <param name="cid">The pinned CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The pin.</returns>
    /// <exception cref="IpfsKitRemoteException">The CID is not pinned (404) or the request failed.</exception>
    public Task<IpfsClusterPin> AllocationAsync(Cid cid, CancellationToken cancellationToken = default) =>
        _http.SendJsonAsync(HttpMethod.Get, "allocations/" + Text(cid), IpfsClusterJsonContext.Default.IpfsClusterPin, cancellationToken);

    /// <summary>Lists the state of every pin on every peer (<c>GET /pins[?filter=…]</c>).</summary>
    /// <param name="filter">Only pins with a peer in one of these states. <value>The default value is <see langword="null"/>: every pin.</value></param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The states, as they arrive.</returns>
    public IAsyncEnumerable<IpfsClusterPinStatus> PinsAsync(IpfsClusterTrackerStatus? filter = null, CancellationToken cancellationToken = default) =>
        _http.StreamAsync(HttpMethod.Get, filter is { } f ? "pins?filter=" + Uri.EscapeDataString(IpfsClusterNames.Format(f)) : "pins", null, IpfsClusterJsonContext.Default.IpfsClusterPinStatus, cancellationToken);

    /// <summary>Gets a CID's state on every peer (<c>GET /pins/{cid}</c>).</summary>
    /// <param name="cid">The CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The state per peer.</returns>
    public Task<IpfsClusterPinStatus> PinStatusAsync(Cid cid, CancellationToken cancellationToken = default) =>
        _http.SendJsonAsync(HttpMethod.Get, "pins/" + Text(cid), IpfsClusterJsonContext.Default.IpfsClusterPinStatus, cancellationToken);

    /// <summary>Pins a CID in the cluster (<c>POST /pins/{cid}?…</c>); the cluster allocates it and its peers pin it in the background.</summary>
    /// <param name="cid">The CID.</param>
    /// <param name="options">Name, mode, replication, allocations, expiry, metadata. <value>The default value is <see langword="null"/>: a recursive pin with the cluster's defaults.</value></param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The pin as the cluster recorded it.</returns>
    /// <exception cref="ArgumentException">The mode is <see cref="Transports.PinMode.Indirect"/>.</exception>
    public Task<IpfsClusterPin> PinAsync(Cid cid, IpfsClusterPinOptions? options = null, CancellationToken cancellationToken = default) =>
        _http.SendJsonAsync(HttpMethod.Post, "pins/" + Text(cid) + IpfsClusterQuery.Pin(options ?? new IpfsClusterPinOptions()), IpfsClusterJsonContext.Default.IpfsClusterPin, cancellationToken);

    /// <summary>Unpins a CID from the cluster (<c>DELETE /pins/{cid}</c>).</summary>
    /// <param name="cid">The CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The pin that was removed.</returns>
    public Task<IpfsClusterPin> UnpinAsync(Cid cid, CancellationToken cancellationToken = default) =>
        _http.SendJsonAsync(HttpMethod.Delete, "pins/" + Text(cid), IpfsClusterJsonContext.Default.IpfsClusterPin, cancellationToken);

    /// <summary>Retries a pin that is in an error state (<c>POST /pins/{cid}/recover</c>).</summary>
    /// <param name="cid">The CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The state per peer after the retry started.</returns>
    public Task<IpfsClusterPinStatus> RecoverAsync(Cid cid, CancellationToken cancellationToken = default) =>
        _http.SendJsonAsync(HttpMethod.Post, "pins/" + Text(cid) + "/recover", IpfsClusterJsonContext.Default.IpfsClusterPinStatus, cancellationToken);

    /// <summary>Lists every peer's last metric of a name (<c>GET /monitor/metrics/{name}</c>), for example <c>freespace</c>.</summary>
    /// <param name="name">The metric's name.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The metrics, one a peer, as they arrive.</returns>
    public IAsyncEnumerable<IpfsClusterMetric> MetricsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _http.StreamAsync(HttpMethod.Get, "monitor/metrics/" + Uri.EscapeDataString(name), null, IpfsClusterJsonContext.Default.IpfsClusterMetric, cancellationToken);
    }

    /// <summary>Checks that the REST API answers (<c>GET /health</c>, 204 No Content).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the API answered.</returns>
    /// <exception cref="IpfsKitRemoteException">The API answered an error or could not be reached.</exception>
    public Task HealthAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Get, "health", cancellationToken);

    private static string Text(Cid cid) =>
        cid.IsEmpty ? throw new ArgumentException("The CID is empty (default(Cid)).", nameof(cid)) : cid.ToString();
}
