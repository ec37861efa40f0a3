namespace IpfsKit.Roles.Leecher;

/// <summary>An operation the master refused for good, kept by an <see cref="OfflineOutbox"/> until it is requeued.</summary>
/// <param name="Operation">The operation, with its original key (a requeued operation is still applied at most once).</param>
/// <param name="Reason">The master's reason.</param>
/// <param name="ParkedAt">When it was parked.</param>
public sealed record ParkedOperation(OutboxOperation Operation, string Reason, DateTimeOffset ParkedAt);
