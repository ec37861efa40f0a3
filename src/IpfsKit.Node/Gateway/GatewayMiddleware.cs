using System.Security.Cryptography;
using System.Text;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;
using IpfsKit.Node.Internal;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// Answers every request on the gateway's port (terminal: nothing of the API is reachable there): <c>GET</c> and
/// <c>HEAD</c> of <c>/ipfs/{cid}[/{path}]</c> only (405 otherwise), the bearer token when IPFS_KIT_GATEWAY_TOKEN is
/// set, at most <see cref="GatewayLimits.MaxConcurrentRequests"/> at once (503 beyond), and every failure before the
/// first byte as its status with a one-line text body (after it, the connection is cut).
/// </summary>
internal sealed partial class GatewayMiddleware : IDisposable
{
    private readonly GatewayLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewayMiddleware> _logger;
    private readonly byte[]? _tokenHash;
    private readonly SemaphoreSlim _slots;

    public GatewayMiddleware(RequestDelegate next, NodeSettings settings, GatewayLimits limits, TimeProvider time, ILogger<GatewayMiddleware> logger)
    {
        _ = next; // terminal

        _limits = limits;
        _time = time;
        _logger = logger;
        _tokenHash = settings.GatewayToken is { Length: > 0 } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
        _slots = new SemaphoreSlim(limits.MaxConcurrentRequests, limits.MaxConcurrentRequests);
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>Serves one request; the node's transport is resolved here, not when the pipeline is built (before the options are validated).</summary>
    public async Task InvokeAsync(HttpContext context, IIpfsKit ipfs)
    {
        var ct = context.RequestAborted;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "the gateway is read-only: GET and HEAD only").ConfigureAwait(false);
            return;
        }

        if (_tokenHash is not null && !BearerTokenMiddleware.IsAuthorized(context, _tokenHash))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "missing or invalid bearer token").ConfigureAwait(false);
            return;
        }

        if (!await _slots.WaitAsync(0, ct).ConfigureAwait(false))
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"the gateway is serving {_limits.MaxConcurrentRequests} requests; try again").ConfigureAwait(false);
            return;
        }

        try
        {
            await ServeAsync(context, ipfs, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var status = StatusOf(e);
            LogFailed(_logger, context.Request.Path, status, e.Message);
            if (context.Response.HasStarted)
            {
                context.Abort(); // mid-body: an incomplete response must not look complete
                return;
            }

            context.Response.Clear();
            await WriteErrorAsync(context, status, e.Message).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task ServeAsync(HttpContext context, IIpfsKit ipfs, CancellationToken ct)
    {
        var request = GatewayRequest.Parse(context);
        var blocks = await ipfs.GetBlockStoreAsync(ct).ConfigureAwait(false);
        if (request.OnlyIfCached && !await IsHeldAsync(blocks.Local, request.Root, ct).ConfigureAwait(false))
        {
            throw new GatewayException(StatusCodes.Status412PreconditionFailed, $"{request.Root} is not held by this node (Cache-Control: only-if-cached)");
        }

        var source = new GatewayBlockSource(blocks, _limits.BlockTimeout, _time);
        var reader = new UnixFsReader(source);
        var resolved = await GatewayPath.ResolveAsync(reader, source, request.Root, request.Segments, ct).ConfigureAwait(false);
        switch (request.Format)
        {
            case GatewayFormat.Raw:
                await GatewayRawResponse.WriteAsync(context, request, source, resolved, ct).ConfigureAwait(false);
                return;
            case GatewayFormat.Car:
                await GatewayCarResponse.WriteAsync(context, request, source, reader, resolved, ct).ConfigureAwait(false);
                return;
        }

        if (resolved.Cid.Codec is not (Multicodec.DagPb or Multicodec.Raw))
        {
            throw new GatewayException(StatusCodes.Status501NotImplemented, $"{resolved.Cid} is {resolved.Cid.Codec}, not UnixFS: ask for ?format=raw or ?format=car");
        }

        var info = await reader.StatAsync(resolved.Cid, ct).ConfigureAwait(false);
        if (info.IsFile)
        {
            await GatewayFileResponse.WriteAsync(context, request, reader, resolved, request.Segments.Count > 0 ? request.Segments[^1] : null, ct).ConfigureAwait(false);
        }
        else if (info.IsDirectory)
        {
            await GatewayDirectoryResponse.WriteAsync(context, request, reader, resolved, ct).ConfigureAwait(false);
        }
        else
        {
            throw new GatewayException(StatusCodes.Status501NotImplemented, $"{resolved.Cid} is a UnixFS {info.Kind}, which the gateway does not serve");
        }
    }

    private static async Task<bool> IsHeldAsync(IBlockSource local, Cid cid, CancellationToken ct) =>
        cid.HashCode == Multicodec.Identity || await local.GetAsync(cid, ct).ConfigureAwait(false) is not null;

    /// <summary>The status a failure answers: the gateway's own, 404 for an absent block, 502 for a member's bad answer, 500 otherwise.</summary>
    private static int StatusOf(Exception exception) => exception switch
    {
        GatewayException gateway => gateway.StatusCode,
        IpfsKitBlockNotFoundException => StatusCodes.Status404NotFound,
        IpfsKitIntegrityException or IpfsKitRemoteException => StatusCodes.Status502BadGateway,
        IpfsKitFormatException => StatusCodes.Status502BadGateway,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var text = message.Length <= KuboErrors.MaxMessageLength ? message : string.Concat(message.AsSpan(0, KuboErrors.MaxMessageLength - 1), "…");
        await context.Response.WriteAsync(text.ReplaceLineEndings(" ") + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(60, LogLevel.Information, "Gateway request {Path} answered {Status}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string path, int status, string reason);
}
