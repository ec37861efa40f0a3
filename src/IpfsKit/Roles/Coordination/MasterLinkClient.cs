using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Roles.Coordination.Internal;
using IpfsKit.Roles.Leecher;

namespace IpfsKit.Roles.Coordination;

/// <summary>
/// A worker's or leecher's client of the master's coordination endpoints (<see cref="CoordinationPaths"/>). The
/// <see cref="HttpClient"/> carries the master's root as <see cref="HttpClient.BaseAddress"/> and the bearer token.
/// </summary>
/// <remarks>Thread-safe. Failures reach callers as <see cref="IpfsKitRemoteException"/>; cancellation is never wrapped.</remarks>
/// <param name="httpClient">The client; its base address is the master's host API root.</param>
public sealed class MasterLinkClient(HttpClient httpClient)
{
    private readonly HttpClient _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
    private readonly RemoteHttp _remote = new(httpClient, MasterErrorParser.Instance, "IpfsKit:Roles:MasterNode");

    /// <summary>Asks the master's <c>/ready</c> whether it is up and ready.</summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns><see langword="true"/> when the master answered 200; <see langword="false"/> when it is unreachable or not ready.</returns>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative("ready"));
        try
        {
            using var response = await _remote.SendAsync(request, Endpoint("ready"), cancellationToken, accept: _ => true).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (IpfsKitRemoteException)
        {
            return false;
        }
    }

    /// <summary>Joins the master's membership (again, after a restart of either side).</summary>
    /// <param name="request">Who the worker is and where the master reaches it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The master's heartbeat expectations.</returns>
    /// <exception cref="IpfsKitRemoteException">The master is unreachable or refused the join.</exception>
    internal async Task<WorkerJoinReply> JoinAsync(WorkerJoinRequest request, CancellationToken cancellationToken = default) =>
        (await PostAsync(CoordinationPaths.Join, request, CoordinationJsonContext.Default.WorkerJoinRequest, CoordinationJsonContext.Default.WorkerJoinReply, allowNotFound: false, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Sends a heartbeat.</summary>
    /// <param name="heartbeat">The worker's report.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The master's record of the worker, or <see langword="null"/> when the master does not count it as alive (join again).</returns>
    /// <exception cref="IpfsKitRemoteException">The master is unreachable or failed.</exception>
    internal Task<WorkerInfo?> HeartbeatAsync(WorkerHeartbeat heartbeat, CancellationToken cancellationToken = default) =>
        PostAsync(CoordinationPaths.Heartbeat, heartbeat, CoordinationJsonContext.Default.WorkerHeartbeat, CoordinationJsonContext.Default.WorkerInfo, allowNotFound: true, cancellationToken);

    /// <summary>Leaves the membership in good order, for good or (<see cref="WorkerLeaveRequest.Restarting"/>) for a restart.</summary>
    /// <param name="request">The leave.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the master acknowledged.</returns>
    /// <exception cref="IpfsKitRemoteException">The master is unreachable or failed.</exception>
    internal async Task LeaveAsync(WorkerLeaveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var response = await SendAsync(CoordinationPaths.Leave, JsonContent.Create(request, CoordinationJsonContext.Default.WorkerLeaveRequest), allowNotFound: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the master to decommission the worker: its ranges go to the others while it serves, then it is left.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The master's record of the worker (draining, or left once handed over), or <see langword="null"/> when the master does not know it.</returns>
    /// <exception cref="IpfsKitRemoteException">The master is unreachable or failed.</exception>
    public Task<WorkerInfo?> DrainAsync(string workerId, CancellationToken cancellationToken = default) =>
        PostAsync(CoordinationPaths.Drain, new WorkerLeaveRequest(workerId), CoordinationJsonContext.Default.WorkerLeaveRequest, CoordinationJsonContext.Default.WorkerInfo, allowNotFound: true, cancellationToken);

    /// <summary>Sends one outbox operation; the master applies its idempotency key at most once.</summary>
    /// <param name="operation">The stored operation (with its key).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this call applied it, and its CID.</returns>
    /// <exception cref="IpfsKitOperationRefusedException">
    /// The master refused the operation for good (400: malformed; 409 or 422: names content the master does not hold).
    /// </exception>
    /// <exception cref="IpfsKitRemoteException">The master is unreachable, failed, or refused the caller (401, 403).</exception>
    public Task<ForwardedOperationReply> ForwardAsync(OutboxOperation operation, CancellationToken cancellationToken) =>
        ForwardAsync(operation, deviceId: null, cancellationToken);

    /// <summary>Sends one outbox operation with the sender's device id; the master applies its idempotency key at most once.</summary>
    /// <param name="operation">The stored operation (with its key).</param>
    /// <param name="deviceId">The leecher's device id (DEVICE_ID), recorded by the master as the pin's source. <value>The default value is <see langword="null"/>: none.</value></param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this call applied it, and its CID.</returns>
    /// <exception cref="IpfsKitOperationRefusedException">The master refused the operation for good (400, 409, 422).</exception>
    /// <exception cref="IpfsKitRemoteException">The master is unreachable, failed, or refused the caller (401, 403).</exception>
    public async Task<ForwardedOperationReply> ForwardAsync(OutboxOperation operation, string? deviceId = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await PostAsync(CoordinationPaths.Operations, ForwardedOperation.From(operation, deviceId), CoordinationJsonContext.Default.ForwardedOperation, CoordinationJsonContext.Default.ForwardedOperationReply, allowNotFound: false, cancellationToken).ConfigureAwait(false))!;
        }
        catch (IpfsKitRemoteException ex) when (ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            throw RemoteErrors.Refused(ex);
        }
    }

    /// <summary>Lists the workers the master knows.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The workers.</returns>
    /// <exception cref="IpfsKitRemoteException">The master is unreachable or failed.</exception>
    public Task<IReadOnlyList<WorkerInfo>> ListWorkersAsync(CancellationToken cancellationToken = default) =>
        GetAsync(CoordinationPaths.Workers, CoordinationJsonContext.Default.IReadOnlyListWorkerInfo, cancellationToken);

    /// <summary>Lists the master's pinset.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pins.</returns>
    /// <exception cref="IpfsKitRemoteException">The master is unreachable or failed.</exception>
    public Task<IReadOnlyList<MasterPinInfo>> ListPinsAsync(CancellationToken cancellationToken = default) =>
        GetAsync(CoordinationPaths.Pins, CoordinationJsonContext.Default.IReadOnlyListMasterPinInfo, cancellationToken);

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative(path));
        using var response = await _remote.SendAsync(request, Endpoint(path), cancellationToken).ConfigureAwait(false);
        return await _remote.ReadJsonAsync(response, type, Endpoint(path), cancellationToken).ConfigureAwait(false);
    }

    private async Task<TReply?> PostAsync<TRequest, TReply>(string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TReply> replyType, bool allowNotFound, CancellationToken cancellationToken)
        where TReply : class
    {
        using var response = await SendAsync(path, JsonContent.Create(body, requestType), allowNotFound, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await _remote.ReadJsonAsync(response, replyType, Endpoint(path), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts <paramref name="content"/>; a non-2xx answer is thrown (except 404 when <paramref name="allowNotFound"/>).</summary>
    private async Task<HttpResponseMessage> SendAsync(string path, HttpContent content, bool allowNotFound, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Relative(path)) { Content = content };
        return await _remote.SendAsync(request, Endpoint(path), cancellationToken, status => allowNotFound && status == HttpStatusCode.NotFound).ConfigureAwait(false);
    }

    private string Endpoint(string path) => new Uri(_http.BaseAddress ?? new Uri("http://master/"), Relative(path)).ToString();

    private static Uri Relative(string path) => new(path.TrimStart('/'), UriKind.Relative);
}
