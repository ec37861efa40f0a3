using IpfsKit.Internal;
using IpfsKit.Sharding.Execution;
using Microsoft.Extensions.Options;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// Opens, once and lazily, the master's durable state: membership and pinset in <c>&lt;Storage.Path&gt;/master.db</c>,
/// the executor's progress in <c>&lt;Storage.Path&gt;/shards.db</c> (all in memory when Storage.Path is null).
/// </summary>
internal sealed class MasterStore : IAsyncDisposable, IDisposable
{
    private readonly OpenOnce<Opened> _opened;

    public MasterStore(IOptions<IpfsKitOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value.Roles;
        Time = time;
        var folder = options.Value.Storage.Path;
        _opened = new(() => OpenAsync(folder, CancellationToken.None)); // a failed open is tried again on the next call
    }

    public RolesOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>
    /// Gets or sets, for the master of a sub-cluster, its parent's lineage (the parent's id, then its parent's, up to the
    /// root) as the parent's join reply gave it: a join of one of those ids here would make a cycle. Empty for a root.
    /// </summary>
    public IReadOnlyList<string> ParentLineage { get; set; } = [];

    public async Task<WorkerMembership> MembershipAsync(CancellationToken cancellationToken) =>
        (await _opened.GetAsync(cancellationToken).ConfigureAwait(false)).Membership;

    public async Task<MasterPinset> PinsetAsync(CancellationToken cancellationToken) =>
        (await _opened.GetAsync(cancellationToken).ConfigureAwait(false)).Pinset;

    public async Task<ShardExecutor> ExecutorAsync(CancellationToken cancellationToken) =>
        (await _opened.GetAsync(cancellationToken).ConfigureAwait(false)).Executor;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (!_opened.TryGetOpened(out var opened))
        {
            return;
        }

        await opened.Membership.DisposeAsync().ConfigureAwait(false);
        await opened.Pinset.DisposeAsync().ConfigureAwait(false);
        opened.Executor.Dispose();
    }

    private async Task<Opened> OpenAsync(string? folder, CancellationToken cancellationToken)
    {
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var masterDb = folder is null ? null : Path.Combine(folder, "master.db");
        var membership = await WorkerMembership.OpenAsync(masterDb, Options, Time, cancellationToken).ConfigureAwait(false);
        var pinset = await MasterPinset.OpenAsync(masterDb, Time, cancellationToken).ConfigureAwait(false);
        var executor = await ShardExecutor.OpenAsync(
            new ShardExecutorOptions { DatabasePath = folder is null ? null : Path.Combine(folder, "shards.db"), TimeProvider = Time }, cancellationToken)
            .ConfigureAwait(false);
        return new Opened(membership, pinset, executor);
    }

    private sealed record Opened(WorkerMembership Membership, MasterPinset Pinset, ShardExecutor Executor);
}
