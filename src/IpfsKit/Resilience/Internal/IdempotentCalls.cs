namespace IpfsKit.Resilience.Internal;

/// <summary>
/// Which remote calls may be retried and timed per attempt. Kubo's RPC API uses POST for every command, so the HTTP
/// method says nothing: the command in the path does.
/// </summary>
internal static class IdempotentCalls
{
    // Kubo RPC commands and gateway/cluster reads that change nothing on the node.
    private static readonly string[] KuboReads =
    [
        "/api/v0/cat", "/api/v0/get", "/api/v0/ls", "/api/v0/block/get", "/api/v0/block/stat", "/api/v0/pin/ls",
        "/api/v0/id", "/api/v0/repo/stat", "/api/v0/swarm/peers", "/api/v0/version", "/api/v0/dag/get",
        "/api/v0/dag/export", "/api/v0/object/stat", "/api/v0/files/stat",
    ];

    // Calls whose request body is the content: no attempt timeout (it would bound the upload) and never retried.
    private static readonly string[] Uploads = ["/api/v0/add", "/api/v0/block/put", "/api/v0/dag/import", "/add"];

    /// <summary>Tells whether a request changes nothing and may be sent again.</summary>
    public static bool IsIdempotent(HttpRequestMessage? request)
    {
        if (PathOf(request) is not { } path)
        {
            return false;
        }

        if (request!.Method == HttpMethod.Get || request.Method == HttpMethod.Head)
        {
            return true;
        }

        return request.Method == HttpMethod.Post && Array.Exists(KuboReads, read => path.EndsWith(read, StringComparison.Ordinal));
    }

    /// <summary>Tells whether a request streams content up (its duration is the content's, so no attempt timeout).</summary>
    public static bool IsUpload(HttpRequestMessage? request)
    {
        return PathOf(request) is { } path && Array.Exists(Uploads, upload => path.EndsWith(upload, StringComparison.Ordinal));
    }

    /// <summary>Tells whether a request is a long-lived subscription (no attempt timeout, no retry).</summary>
    public static bool IsSubscription(HttpRequestMessage? request) =>
        PathOf(request) is { } path && path.EndsWith("/api/v0/pubsub/sub", StringComparison.Ordinal);

    /// <summary>The request's path without its query, or null when it has no URI.</summary>
    private static string? PathOf(HttpRequestMessage? request) => request?.RequestUri is not { } uri
        ? null
        : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
}
