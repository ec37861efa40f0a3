using IpfsKit;
using IpfsKit.Roles.Leecher;
using IpfsKit.Roles.Leecher.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Durable offline writes for a remote transport: <c>services.AddIpfsKit(…).UseKuboRpc(url).WithOfflineOutbox(path)</c>.</summary>
public static class IpfsKitOutboxBuilderExtensions
{
    /// <summary>
    /// Keeps writes made while the remote node is unreachable in a durable outbox (SQLite at <paramref name="path"/>) and
    /// replays them in order when it answers again. See <see cref="WithOfflineOutbox(IIpfsKitBuilder, OfflineOutboxOptions)"/>.
    /// </summary>
    /// <param name="builder">The builder of the unkeyed registration, with a remote transport.</param>
    /// <param name="path">The outbox's database file, created when missing (for example <c>data/outbox.db</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="NotSupportedException">The builder is a keyed registration.</exception>
    public static IIpfsKitBuilder WithOfflineOutbox(this IIpfsKitBuilder builder, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.WithOfflineOutbox(new OfflineOutboxOptions { Path = path });
    }

    /// <summary>
    /// Keeps writes made while the remote node is unreachable in a durable outbox and replays them in order, once the node
    /// answers: <see cref="IIpfsKit.AddAsync"/> (imported into the local disk cache, so its CID is returned and its
    /// content readable at once; the blocks are held there until they reached the node), <see cref="IIpfsKit.PinAsync(IpfsKit.Content.Cid, IpfsKit.Transports.PinMode, CancellationToken)"/>,
    /// <see cref="IIpfsKit.UnpinAsync"/> and <see cref="IIpfsKit.PublishAsync"/>. Writes made while something waits join
    /// the end of the queue, so the node sees every write in the order it was made. Reads are answered from the cache
    /// tiers where they hold the blocks. <see cref="IIpfsKit.IsOnline"/> tells whether the node answered last;
    /// <see cref="ILeecherOutbox"/> counts what waits and lists what the node refused for good (parked).
    /// A background service replays the outbox (run the app in a generic host), and so does every write.
    /// </summary>
    /// <remarks>
    /// Replay is at least once: an operation sent just before a crash is sent again (a pin or an unpin twice is
    /// harmless; a message may be published twice). Requires <c>Storage.Path</c> (checked at start).
    /// </remarks>
    /// <param name="builder">The builder of the unkeyed registration, with a remote transport.</param>
    /// <param name="options">Where the outbox is (<see cref="OfflineOutboxOptions.Path"/>; null: in memory, lost at exit), its bounds and <see cref="OfflineOutboxOptions.RetryInterval"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="NotSupportedException">The builder is a keyed registration.</exception>
    public static IIpfsKitBuilder WithOfflineOutbox(this IIpfsKitBuilder builder, OfflineOutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RetryInterval, TimeSpan.Zero);
        if (builder.Key is not null)
        {
            throw new NotSupportedException($"The offline outbox is the app's own: call WithOfflineOutbox on AddIpfsKit(), not on the keyed client '{builder.Key}'.");
        }

        OfflineOutboxServices.Add(builder.Services, options);
        return builder;
    }
}
