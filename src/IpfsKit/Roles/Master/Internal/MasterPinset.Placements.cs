using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Sharding;

namespace IpfsKit.Roles.Master.Internal;

/// <content>
/// The placements beside the plans in force: retired plans of removed pins, stale placements of dead workers, and the
/// interior nodes the master keeps of pins whose leaves it dropped.
/// </content>
internal sealed partial class MasterPinset
{
    /// <summary>Lists the plans in force (of pins placed, or failed after a placement).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plans.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<ShardPlan>> ListPlansAsync(CancellationToken cancellationToken = default) => Pins.ListPlansAsync(cancellationToken);

    /// <summary>Lists the plans of removed pins whose placements are still to be released on the workers.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The retired plans.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<ShardPlan>> ListRetiredAsync(CancellationToken cancellationToken = default) => Retired.ListAsync(cancellationToken);

    /// <summary>Forgets a retired plan once its placements are released.</summary>
    /// <param name="root">The plan's root.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the row is gone.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task ForgetRetiredAsync(Cid root, CancellationToken cancellationToken = default) => Retired.ForgetAsync(root, cancellationToken);

    /// <summary>
    /// Records what <paramref name="target"/> held of <paramref name="plan"/> before its ranges were repaired away
    /// (merged with what was recorded before for the same root and target).
    /// </summary>
    /// <param name="plan">The plan before the repair.</param>
    /// <param name="target">The dead or departed worker.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the row is written.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task RecordStaleAsync(ShardPlan plan, string target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(target);
        return Stale.RecordAsync(plan, target, cancellationToken);
    }

    /// <summary>Lists the stale placements still to be released: each a plan holding only its target's placements.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stale placements, by target.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<ShardPlan>> ListStaleAsync(CancellationToken cancellationToken = default) => Stale.ListAsync(cancellationToken);

    /// <summary>Forgets the stale placements of a root on a target once they are released there.</summary>
    /// <param name="root">The plan's root.</param>
    /// <param name="target">The worker.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the row is gone.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task ForgetStaleAsync(Cid root, string target, CancellationToken cancellationToken = default) => Stale.ForgetAsync(root, target, cancellationToken);

    /// <summary>Records the interior nodes the master keeps of a pin whose leaves it drops.</summary>
    /// <param name="root">The pin's root.</param>
    /// <param name="blocks">The interior nodes kept (the root among them).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the rows are written.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task RecordInteriorAsync(Cid root, IEnumerable<Cid> blocks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        return Interior.RecordAsync(root, blocks, cancellationToken);
    }

    /// <summary>Forgets the interior holds of a pin.</summary>
    /// <param name="root">The pin's root.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The blocks no other pin's interior holds name: the master may stop keeping them.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<IReadOnlyList<Cid>> ReleaseInteriorAsync(Cid root, CancellationToken cancellationToken = default) => Interior.ReleaseAsync(root, cancellationToken);
}
