namespace IpfsKit.Transports;

/// <summary>A pubsub message.</summary>
/// <param name="Topic">The topic it was published on.</param>
/// <param name="Data">The message bytes.</param>
/// <param name="From">The publishing peer, when known.</param>
public sealed record PubSubMessage(string Topic, ReadOnlyMemory<byte> Data, string? From);
