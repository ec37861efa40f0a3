using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Transports.Embedded.Internal;

namespace IpfsKit.Transports.Embedded;

/// <content>The SQLite pinset and in-process pubsub.</content>
public sealed partial class EmbeddedTransport
{
    /// <inheritdoc/>
    /// <remarks>
    /// A recursive pin walks the DAG once in the local store (the node fetches nothing) and records every block; a
    /// direct pin holds the root block only. Pinning again what is already held as strongly does nothing; a recursive
    /// pin replaces a direct pin of the same root; a direct pin of a recursively pinned root does nothing (Kubo refuses it).
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is <see cref="PinMode.Indirect"/>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block of the DAG is not in the store; nothing is pinned.</exception>
    public Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckMode(mode);
        return _pins.PinAsync(cid, mode, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// As <c>ipfs pin rm</c>: <see cref="PinMode.Recursive"/> removes the recursive pin, or the direct pin when that is
    /// the only one; <see cref="PinMode.Direct"/> removes only a direct pin. Blocks no other pin holds become evictable.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is <see cref="PinMode.Indirect"/>.</exception>
    /// <exception cref="IpfsKitNotPinnedException">There is no such pin.</exception>
    public Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckMode(mode);
        return _pins.UnpinAsync(cid, mode, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks><see cref="PinMode.Indirect"/> lists the blocks held only through recursive pins.</remarks>
    public async IAsyncEnumerable<PinEntry> ListPinsAsync(PinMode? mode = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        foreach (var pin in await _pins.ListAsync(mode, cancellationToken).ConfigureAwait(false))
        {
            yield return pin;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Delivers a copy to every current subscriber of the topic in this node, with this node's peer ID as sender.</remarks>
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        _pubSub.Publish(topic, data);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// In-process: the subscription starts with the first <c>MoveNextAsync</c> and sees messages published after that.
    /// Each subscriber has a bounded queue of <see cref="InProcessPubSub.SubscriberCapacity"/> (1,024) messages that drops
    /// the oldest when full (<c>BoundedChannelFullMode.DropOldest</c>), so a slow reader loses old messages instead of
    /// blocking publishers. Cancellation ends it with <see cref="OperationCanceledException"/>; disposing the
    /// transport ends it normally; either way the subscriber is removed.
    /// </remarks>
    public IAsyncEnumerable<PubSubMessage> SubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ThrowIfDisposed();
        return _pubSub.SubscribeAsync(topic, cancellationToken);
    }

    private static void CheckMode(PinMode mode)
    {
        if (mode is not (PinMode.Recursive or PinMode.Direct))
        {
            throw new ArgumentException($"Only recursive and direct pins can be added or removed, not {mode}.", nameof(mode));
        }
    }
}
