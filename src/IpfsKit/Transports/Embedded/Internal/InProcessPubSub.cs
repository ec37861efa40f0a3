using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace IpfsKit.Transports.Embedded.Internal;

/// <summary>
/// Pubsub inside one process: each subscriber has its own bounded channel of <see cref="SubscriberCapacity"/> messages
/// that drops its oldest message when full, so a slow subscriber never blocks a publisher nor holds unbounded memory.
/// </summary>
internal sealed class InProcessPubSub(string self) : IDisposable
{
    /// <summary>How many undelivered messages a subscriber may have before the oldest is dropped.</summary>
    public const int SubscriberCapacity = 1024;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<PubSubMessage>, byte>> _topics = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    /// <summary>Delivers a copy of the message to every current subscriber of the topic.</summary>
    public void Publish(string topic, ReadOnlyMemory<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_topics.TryGetValue(topic, out var subscribers) || subscribers.IsEmpty)
        {
            return;
        }

        var message = new PubSubMessage(topic, data.ToArray(), self);
        foreach (var channel in subscribers.Keys)
        {
            channel.Writer.TryWrite(message);
        }
    }

    /// <summary>Receives the topic's messages from the first enumeration step until cancellation (which throws) or disposal (which ends).</summary>
    public async IAsyncEnumerable<PubSubMessage> SubscribeAsync(string topic, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var channel = Channel.CreateBounded<PubSubMessage>(new BoundedChannelOptions(SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var subscribers = _topics.GetOrAdd(topic, _ => new());
        subscribers.TryAdd(channel, 0);
        if (_disposed)
        {
            channel.Writer.TryComplete();
        }

        try
        {
            await foreach (var message in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return message;
            }
        }
        finally
        {
            subscribers.TryRemove(channel, out _);
        }
    }

    /// <summary>Ends every subscription.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var subscribers in _topics.Values)
        {
            foreach (var channel in subscribers.Keys)
            {
                channel.Writer.TryComplete();
            }
        }
    }
}
