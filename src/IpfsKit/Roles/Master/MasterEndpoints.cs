using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IpfsKit.Content;
using IpfsKit.Content.Internal;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Coordination.Internal;
using IpfsKit.Sharding;

namespace IpfsKit.Roles.Master;

/// <summary>
/// The master's coordination calls (<see cref="CoordinationPaths"/>) as a library service for a host: each takes the
/// request body as it arrived and returns the answer, whose JSON the library writes, so the wire records stay the
/// library's. The host keeps the routing, the authentication and HTTP. Resolve it from DI after
/// <c>UseRole(NodeRole.Master)</c>. Thread-safe.
/// </summary>
/// <remarks>
/// A malformed body throws <see cref="ArgumentException"/> naming what is wrong (answer 400); a forwarded operation
/// naming content the master does not hold throws <see cref="IpfsKitBlockNotFoundException"/>; a join beyond the member
/// limit throws <see cref="IpfsKitOperationRefusedException"/>.
/// </remarks>
public sealed class MasterEndpoints
{
    private static CoordinationJsonContext Json => CoordinationJsonContext.Default;

    private readonly MasterNode _master;

    internal MasterEndpoints(MasterNode master) => _master = master;

    /// <summary><see cref="CoordinationPaths.Join"/>: a worker's (or sub-master's) join request; answers its join reply.</summary>
    /// <param name="body">The request body (JSON).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<CoordinationAnswer> JoinAsync(Stream body, CancellationToken cancellationToken = default)
    {
        var join = await ReadAsync(body, Json.WorkerJoinRequest, cancellationToken).ConfigureAwait(false);
        return CoordinationAnswer.Json(await _master.JoinAsync(join, cancellationToken).ConfigureAwait(false), Json.WorkerJoinReply);
    }

    /// <summary><see cref="CoordinationPaths.Heartbeat"/>: answers the member's <see cref="WorkerInfo"/>, or 404 when the master does not know it as alive (it joins again).</summary>
    /// <param name="body">The request body (JSON).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<CoordinationAnswer> HeartbeatAsync(Stream body, CancellationToken cancellationToken = default)
    {
        var beat = await ReadAsync(body, Json.WorkerHeartbeat, cancellationToken).ConfigureAwait(false);
        return await _master.HeartbeatAsync(beat, cancellationToken).ConfigureAwait(false) is { } worker
            ? CoordinationAnswer.Json(worker, Json.WorkerInfo)
            : CoordinationAnswer.NotFound($"worker {Shown.Quote(beat.WorkerId, '\'')} is not known as alive: join again");
    }

    /// <summary><see cref="CoordinationPaths.Leave"/>: the member leaves (or, restarting, is away for the grace); answers 204.</summary>
    /// <param name="body">The request body (JSON).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<CoordinationAnswer> LeaveAsync(Stream body, CancellationToken cancellationToken = default)
    {
        var leave = await ReadAsync(body, Json.WorkerLeaveRequest, cancellationToken).ConfigureAwait(false);
        ArgumentException.ThrowIfNullOrWhiteSpace(leave.WorkerId, "workerId");
        _ = leave.Restarting
            ? await _master.AwayAsync(leave.WorkerId, cancellationToken).ConfigureAwait(false)
            : await _master.LeaveAsync(leave.WorkerId, cancellationToken).ConfigureAwait(false);
        return CoordinationAnswer.NoContent();
    }

    /// <summary><see cref="CoordinationPaths.Drain"/>: starts the member's decommission; answers its <see cref="WorkerInfo"/>, or 404 when unknown.</summary>
    /// <param name="body">The request body (JSON).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<CoordinationAnswer> DrainAsync(Stream body, CancellationToken cancellationToken = default)
    {
        var drain = await ReadAsync(body, Json.WorkerLeaveRequest, cancellationToken).ConfigureAwait(false);
        ArgumentException.ThrowIfNullOrWhiteSpace(drain.WorkerId, "workerId");
        return await _master.DrainAsync(drain.WorkerId, cancellationToken).ConfigureAwait(false) is { } worker
            ? CoordinationAnswer.Json(worker, Json.WorkerInfo)
            : CoordinationAnswer.NotFound($"worker {Shown.Quote(drain.WorkerId, '\'')} is not known");
    }

    /// <summary><see cref="CoordinationPaths.Workers"/>: every member the master knows, as <see cref="WorkerInfo"/>s.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<CoordinationAnswer> ListWorkersAsync(CancellationToken cancellationToken = default) =>
        CoordinationAnswer.Json(await _master.ListWorkersAsync(cancellationToken).ConfigureAwait(false), Json.IReadOnlyListWorkerInfo);

    /// <summary><see cref="CoordinationPaths.Operations"/>: applies a forwarded operation once per idempotency key; answers whether this call applied it.</summary>
    /// <param name="body">The request body (JSON).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<CoordinationAnswer> ApplyAsync(Stream body, CancellationToken cancellationToken = default)
    {
        var operation = await ReadAsync(body, Json.ForwardedOperation, cancellationToken).ConfigureAwait(false);
        return CoordinationAnswer.Json(await _master.ApplyAsync(operation, cancellationToken).ConfigureAwait(false), Json.ForwardedOperationReply);
    }

    /// <summary><see cref="CoordinationPaths.Pins"/>: the master's pinset, as <see cref="MasterPinInfo"/>s.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<CoordinationAnswer> ListPinsAsync(CancellationToken cancellationToken = default) =>
        CoordinationAnswer.Json(await _master.ListPinsAsync(cancellationToken).ConfigureAwait(false), Json.IReadOnlyListMasterPinInfo);

    /// <summary>The plan in force for a root (<see cref="ShardPlanJson"/>), or 404 when it has none.</summary>
    /// <param name="root">The pin's root.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<CoordinationAnswer> GetPlanAsync(Cid root, CancellationToken cancellationToken = default) =>
        await _master.GetPlanAsync(root, cancellationToken).ConfigureAwait(false) is { } plan
            ? CoordinationAnswer.JsonText(ShardPlanJson.Serialize(plan))
            : CoordinationAnswer.NotFound($"{root} has no plan in force");

    private static async Task<T> ReadAsync<T>(Stream body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException($"the body is null, not a {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            // The reason without System.Text.Json's " Path: …" tail, whose property names come from the body: quoted short.
            var reason = e.Message.Split(" Path:", 2)[0];
            throw new ArgumentException($"the body is not a valid {typeof(T).Name} at {Shown.Quote(e.Path, '\'')} (line {e.LineNumber}, byte {e.BytePositionInLine}): {reason}", e);
        }
    }
}
