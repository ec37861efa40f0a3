using IpfsKit.Diagnostics.Internal;
using IpfsKit.Errors;
namespace IpfsKit.Roles.Leecher;

/// <summary>Options of an <see cref="OfflineOutbox"/>.</summary>
public sealed record OfflineOutboxOptions
{
    /// <summary>Gets the SQLite file of the outbox, created when missing; null keeps the outbox in memory (lost on dispose).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Path { get; init; }

    /// <summary>Gets the most operations the outbox holds; one more gives <see cref="IpfsKitOutboxFullException"/>.</summary>
    /// <value>The default value is 10,000.</value>
    public int MaxOfflineQueue { get; init; } = 10_000;

    /// <summary>Gets the largest payload (bytes) of a publish or add; a larger one gives <see cref="IpfsKitCapacityException"/>.</summary>
    /// <value>The default value is 1 MiB.</value>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Gets how long the outbox of a remote transport (<c>WithOfflineOutbox</c>) waits between attempts to replay what it
    /// holds while the node stays unreachable; a write also triggers an attempt. Not used by <see cref="OfflineOutbox.OpenAsync"/> itself.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the clock that stamps <see cref="OutboxOperation.EnqueuedAt"/>.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the instruments of the service provider that opened the outbox; null (opened without DI) reports into <see cref="IpfsKitMetrics.Shared"/>.</summary>
    internal IpfsKitMetrics? Metrics { get; init; }
}
