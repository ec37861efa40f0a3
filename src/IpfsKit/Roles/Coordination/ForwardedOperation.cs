using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles.Leecher;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Coordination;

/// <summary>
/// An <see cref="OutboxOperation"/> on the wire to the master. The master applies each
/// <see cref="IdempotencyKey"/> at most once, so a leecher may send it again after a crash.
/// </summary>
/// <param name="IdempotencyKey">The operation's key (<see cref="OutboxOperation.IdempotencyKey"/>).</param>
/// <param name="Sequence">Its place in the sender's queue (informative).</param>
/// <param name="Kind">Pin, unpin, publish or add.</param>
/// <param name="Cid">The CID for pin and unpin, else <see langword="null"/>.</param>
/// <param name="Mode">The pin mode for pin and unpin.</param>
/// <param name="Topic">The topic for publish, else <see langword="null"/>.</param>
/// <param name="Payload">The bytes for publish and add (base64 in JSON), else <see langword="null"/>.</param>
/// <param name="Policy">A pin's cluster policy (<see cref="OutboxOperation.Policy"/>), else <see langword="null"/> (absent in JSON from older senders).</param>
/// <param name="DeviceId">The sending leecher's device id (<see cref="RolesOptions.DeviceId"/>, DEVICE_ID), else <see langword="null"/>.</param>
internal sealed record ForwardedOperation(
    Guid IdempotencyKey,
    long Sequence,
    OutboxOperationKind Kind,
    string? Cid,
    PinMode Mode,
    string? Topic,
    byte[]? Payload,
    PinOptions? Policy = null,
    string? DeviceId = null)
{
    /// <summary>Puts an outbox operation on the wire.</summary>
    /// <param name="operation">The stored operation (with its key).</param>
    /// <returns>The wire form.</returns>
    public static ForwardedOperation From(OutboxOperation operation) => From(operation, deviceId: null);

    /// <summary>Puts an outbox operation on the wire with the sender's device id.</summary>
    /// <param name="operation">The stored operation (with its key).</param>
    /// <param name="deviceId">The sending leecher's device id, or <see langword="null"/>.</param>
    /// <returns>The wire form.</returns>
    public static ForwardedOperation From(OutboxOperation operation, string? deviceId)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new ForwardedOperation(
            operation.IdempotencyKey,
            operation.Sequence,
            operation.Kind,
            operation.Cid.IsEmpty ? null : operation.Cid.ToString(),
            operation.PinMode,
            operation.Topic,
            operation.Kind is OutboxOperationKind.Publish or OutboxOperationKind.AddContent ? operation.Payload.ToArray() : null,
            operation.Policy,
            deviceId);
    }

    /// <summary>Reads the operation back, checking it is whole.</summary>
    /// <returns>The operation, with its key and sequence.</returns>
    /// <exception cref="IpfsKitFormatException">A field the kind needs is missing or malformed.</exception>
    /// <exception cref="IpfsKitPinPolicyException">A pin's policy has replication bounds out of range or contradicting each other.</exception>
    public OutboxOperation ToOperation()
    {
        if (IdempotencyKey == Guid.Empty)
        {
            throw new IpfsKitFormatException("The forwarded operation has no idempotency key.");
        }

        if (DeviceId is not null && Leecher.DeviceIds.Problem(DeviceId) is { } problem)
        {
            throw new IpfsKitFormatException($"The forwarded operation's device id is malformed: {problem}.");
        }

        var operation = Kind switch
        {
            OutboxOperationKind.Pin => Policy is { } policy ? OutboxOperation.Pin(ParseCid(), policy with { Mode = Mode }) : OutboxOperation.Pin(ParseCid(), Mode),
            OutboxOperationKind.Unpin => OutboxOperation.Unpin(ParseCid(), Mode),
            OutboxOperationKind.Publish when Topic is { Length: > 0 } => OutboxOperation.Publish(Topic, Payload ?? []),
            OutboxOperationKind.AddContent => OutboxOperation.AddContent(Payload ?? []),
            _ => throw new IpfsKitFormatException($"The forwarded operation of kind '{Kind}' is missing its topic or is of an unknown kind."),
        };
        return operation with { IdempotencyKey = IdempotencyKey, Sequence = Sequence };
    }

    private Cid ParseCid() =>
        Cid is { Length: > 0 } text && IpfsKit.Content.Cid.TryParse(text, out var cid)
            ? cid
            : throw new IpfsKitFormatException($"The forwarded {Kind} operation's CID '{Cid}' is missing or not a CID.");
}
