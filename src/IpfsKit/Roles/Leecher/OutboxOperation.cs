using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Leecher;

/// <summary>
/// One operation kept by an <see cref="OfflineOutbox"/> while the master is unreachable: plain data, made with
/// <see cref="Pin(Cid, PinMode)"/>, <see cref="Unpin"/>, <see cref="Publish"/> or <see cref="AddContent"/>.
/// <see cref="Sequence"/>, <see cref="IdempotencyKey"/> and <see cref="EnqueuedAt"/> are assigned by
/// <see cref="OfflineOutbox.EnqueueAsync"/>; the values set before that are ignored.
/// </summary>
/// <remarks>Immutable and thread-safe. <see cref="Payload"/> is compared by reference, not by content.</remarks>
public sealed record OutboxOperation
{
    private OutboxOperation(OutboxOperationKind kind) => Kind = kind;

    /// <summary>Gets what the operation asks for.</summary>
    public OutboxOperationKind Kind { get; }

    /// <summary>Gets the CID of a <see cref="OutboxOperationKind.Pin"/> or <see cref="OutboxOperationKind.Unpin"/> (empty otherwise).</summary>
    public Cid Cid { get; private init; }

    /// <summary>Gets the pin mode of a pin or unpin.</summary>
    /// <value>The default value is <see cref="PinMode.Recursive"/>.</value>
    public PinMode PinMode { get; private init; } = PinMode.Recursive;

    /// <summary>
    /// Gets the cluster policy of a pin made with <see cref="Pin(Cid, PinOptions)"/> (replication min/max, name,
    /// metadata, tags), which the master stores with the pin; <see langword="null"/> for the master's defaults.
    /// </summary>
    public PinOptions? Policy { get; private init; }

    /// <summary>Gets the topic of a <see cref="OutboxOperationKind.Publish"/> (null otherwise).</summary>
    public string? Topic { get; private init; }

    /// <summary>Gets the bytes of a publish or an add (empty otherwise).</summary>
    public ReadOnlyMemory<byte> Payload { get; private init; }

    /// <summary>Gets the position in the outbox: strictly increasing in enqueue order, never reused (0 before enqueue).</summary>
    public long Sequence { get; init; }

    /// <summary>
    /// Gets the key the receiver uses to apply the operation at most once (<see cref="Guid.Empty"/> before enqueue).
    /// A drain may send the same operation again after a crash; the receiver must ignore keys it has seen, for
    /// example with <see cref="OutboxReceiptLog"/>.
    /// </summary>
    public Guid IdempotencyKey { get; init; }

    /// <summary>Gets when the operation was enqueued, from the outbox's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Makes a recursive pin request.</summary>
    /// <param name="cid">The CID to pin.</param>
    /// <exception cref="ArgumentException"><paramref name="cid"/> is empty.</exception>
    public static OutboxOperation Pin(Cid cid) => Pin(cid, PinMode.Recursive);

    /// <summary>Makes a pin request.</summary>
    /// <param name="cid">The CID to pin.</param>
    /// <param name="mode">Recursive or direct.</param>
    /// <exception cref="ArgumentException"><paramref name="cid"/> is empty or <paramref name="mode"/> is indirect.</exception>
    public static OutboxOperation Pin(Cid cid, PinMode mode) =>
        new(OutboxOperationKind.Pin) { Cid = CheckCid(cid), PinMode = CheckMode(mode) };

    /// <summary>Makes a pin request with a cluster policy, which the master stores with the pin before placing it.</summary>
    /// <param name="cid">The CID to pin.</param>
    /// <param name="options">The mode and policy; one with only a mode is a plain pin request.</param>
    /// <exception cref="ArgumentException"><paramref name="cid"/> is empty or the mode is indirect.</exception>
    /// <exception cref="IpfsKitPinPolicyException">The replication bounds are out of range or contradict each other.</exception>
    public static OutboxOperation Pin(Cid cid, PinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Pin(cid, options.Mode) with { Policy = options.IsDefault ? null : options with { Mode = PinMode.Recursive } };
    }

    /// <summary>Makes an unpin request.</summary>
    /// <param name="cid">The CID to unpin.</param>
    /// <param name="mode">Recursive or direct.</param>
    /// <exception cref="ArgumentException"><paramref name="cid"/> is empty or <paramref name="mode"/> is indirect.</exception>
    public static OutboxOperation Unpin(Cid cid, PinMode mode = PinMode.Recursive) =>
        new(OutboxOperationKind.Unpin) { Cid = CheckCid(cid), PinMode = CheckMode(mode) };

    /// <summary>Makes a publish request. The bytes are copied.</summary>
    /// <param name="topic">The topic, not empty.</param>
    /// <param name="data">The message.</param>
    /// <exception cref="ArgumentException"><paramref name="topic"/> is null or empty.</exception>
    public static OutboxOperation Publish(string topic, ReadOnlySpan<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return new(OutboxOperationKind.Publish) { Topic = topic, Payload = data.ToArray() };
    }

    /// <summary>Makes an add request for a small payload, stored in the outbox itself. The bytes are copied.</summary>
    /// <param name="data">The content.</param>
    public static OutboxOperation AddContent(ReadOnlySpan<byte> data) =>
        new(OutboxOperationKind.AddContent) { Payload = data.ToArray() };

    /// <summary>Rebuilds a stored operation (used when reading the outbox back).</summary>
    internal static OutboxOperation Restore(OutboxOperationKind kind, Cid cid, PinMode mode, string? topic, byte[]? payload, PinOptions? policy = null) =>
        new(kind) { Cid = cid, PinMode = mode, Topic = topic, Payload = payload ?? [], Policy = kind == OutboxOperationKind.Pin ? policy : null };

    private static Cid CheckCid(Cid cid) =>
        cid.IsEmpty ? throw new ArgumentException("The CID is empty.", nameof(cid)) : cid;

    private static PinMode CheckMode(PinMode mode) =>
        mode is PinMode.Recursive or PinMode.Direct ? mode : throw new ArgumentException("Only recursive and direct pins can be requested.", nameof(mode));
}
