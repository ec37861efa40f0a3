using System.Collections.Concurrent;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Sharding.Execution.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Sharding.Execution;

/// <summary>
/// Applies a <see cref="ShardPlan"/> through the targets' transports: for each placement it puts every block the
/// placement needs to the target (never relying on the target finding blocks by itself), then pins, then checks with a
/// pin listing that every pin is in place.
/// </summary>
/// <remarks>
/// <para>
/// Idempotent and resumable: each pin applied and each placement verified is recorded in SQLite
/// (<see cref="ShardExecutorOptions.DatabasePath"/>), keyed by plan root, target, replica and pin. A re-run skips done
/// placements without calling their targets, and a cancelled or crashed run resumes at the first pin not recorded.
/// </para>
/// <para>
/// Targets are worked on in parallel (<see cref="ShardExecutorOptions.MaxParallelTargets"/>), a target's placements in
/// order. A failing target has its placement marked failed and its error reported in its
/// <see cref="ShardTargetResult"/> as an <see cref="IpfsKitRemoteException"/>; the other targets go on. Call
/// <see cref="ShardExecutionResult.EnsureSuccess"/> to throw it. Thread-safe; runs of the same plan must not overlap.
/// </para>
/// </remarks>
public sealed class ShardExecutor : IDisposable
{
    private const string Pinned = "pinned";
    private const string Verified = "verified";
    private const string Running = "running";
    private const string Done = "done";
    private const string Failed = "failed";

    private readonly ShardProgressStore _store;

    private ShardExecutor(ShardExecutorOptions options, ShardProgressStore store)
    {
        Options = options;
        _store = store;
    }

    /// <summary>Gets the executor's options.</summary>
    public ShardExecutorOptions Options { get; }

    /// <summary>Opens an executor and its progress database (created when missing).</summary>
    /// <param name="options">The options. <value>The default value is <see langword="null"/>: the defaults, progress in memory.</value></param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The executor; dispose it to close the database.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be opened.</exception>
    public static async Task<ShardExecutor> OpenAsync(ShardExecutorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ShardExecutorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelTargets, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelBlocksPerTarget, 1, nameof(options));
        var store = await ShardProgressStore.OpenAsync(options.DatabasePath, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        return new ShardExecutor(options, store);
    }

    /// <summary>Applies a plan.</summary>
    /// <param name="plan">The plan (or a repair plan).</param>
    /// <param name="targets">The transport of every target the plan names, by target id.</param>
    /// <param name="origin">Where the DAG's blocks are read from.</param>
    /// <param name="progress">Receives progress. <value>The default value is <see langword="null"/>.</value></param>
    /// <param name="cancellationToken">Stops the run; what is done stays recorded, and the next run resumes there.</param>
    /// <returns>What was done, target by target.</returns>
    /// <exception cref="ArgumentException">The plan names a target missing from <paramref name="targets"/>.</exception>
    public async Task<ShardExecutionResult> ExecuteAsync(
        ShardPlan plan,
        IReadOnlyDictionary<string, IIpfsTransport> targets,
        IBlockSource origin,
        IProgress<ShardProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(origin);
        var groups = plan.Placements.GroupBy(p => p.Target, StringComparer.Ordinal).ToList();
        if (groups.FirstOrDefault(g => !targets.ContainsKey(g.Key)) is { } missing)
        {
            throw new ArgumentException($"The plan names target '{missing.Key}', which has no transport.", nameof(targets));
        }

        var run = new Run(this, plan, origin, progress);
        var results = new ConcurrentDictionary<string, ShardTargetResult>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxParallelTargets, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(groups, parallel, async (group, token) =>
            results[group.Key] = await run.TargetAsync(group.Key, [.. group], targets[group.Key], token).ConfigureAwait(false)).ConfigureAwait(false);
        return new ShardExecutionResult([.. groups.Select(g => results[g.Key])]);
    }

    /// <summary>
    /// Forgets what was done on a target for a DAG, so that a later plan placing ranges on it applies them again: for a
    /// target whose ranges were repaired away (it may come back empty).
    /// </summary>
    /// <param name="root">The DAG's root (the plan's <see cref="ShardPlan.Root"/>).</param>
    /// <param name="target">The target's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the progress rows are gone.</returns>
    public Task ForgetTargetAsync(Cid root, string target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _store.ForgetAsync(root.ToString(), target, cancellationToken);
    }

    /// <summary>
    /// Records placements as done without applying them: ranges a plan adopted that were placed and verified before
    /// it existed (the subtrees of a streamed add), so that a later run of the plan skips them.
    /// </summary>
    internal async Task MarkDoneAsync(Cid root, IEnumerable<ShardPlacement> placements)
    {
        foreach (var placement in placements)
        {
            await _store.SetPlacementStateAsync(root.ToString(), placement, Done).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the progress database.</summary>
    public void Dispose() => _store.Dispose();

    /// <summary>One run: its counters and the work on each target.</summary>
    private sealed class Run(ShardExecutor owner, ShardPlan plan, IBlockSource origin, IProgress<ShardProgress>? progress)
    {
        private readonly string _root = plan.Root.ToString();
        private int _placementsDone;
        private long _blocksSent;
        private long _bytesSent;

        public async Task<ShardTargetResult> TargetAsync(string target, IReadOnlyList<ShardPlacement> placements, IIpfsTransport transport, CancellationToken cancellationToken)
        {
            int applied = 0, skipped = 0, pins = 0;
            long blocks = 0, bytes = 0;
            foreach (var placement in placements)
            {
                if (await owner._store.GetPlacementStateAsync(_root, placement, cancellationToken).ConfigureAwait(false) == Done)
                {
                    skipped++;
                    Report(placementDone: true);
                    continue;
                }

                await owner._store.SetPlacementStateAsync(_root, placement, Running).ConfigureAwait(false);
                try
                {
                    var (pinned, sentBlocks, sentBytes) = await ApplyAsync(placement, transport, cancellationToken).ConfigureAwait(false);
                    (pins, blocks, bytes) = (pins + pinned, blocks + sentBlocks, bytes + sentBytes);
                    await VerifyAsync(placement, transport, cancellationToken).ConfigureAwait(false);
                    await owner._store.SetPlacementStateAsync(_root, placement, Done).ConfigureAwait(false);
                    applied++;
                    Report(placementDone: true);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await owner._store.SetPlacementStateAsync(_root, placement, Failed, ex.Message).ConfigureAwait(false);
                    var error = ex as IpfsKitRemoteException
                        ?? RemoteErrors.Failed($"shard target {target}", null, ex.Message, ex.GetType().Name, ex);
                    return new ShardTargetResult(target, applied, skipped, pins, blocks, bytes, error);
                }
            }

            return new ShardTargetResult(target, applied, skipped, pins, blocks, bytes, null);
        }

        private async Task<(int Pins, long Blocks, long Bytes)> ApplyAsync(ShardPlacement placement, IIpfsTransport transport, CancellationToken cancellationToken)
        {
            var states = await owner._store.GetPinStatesAsync(_root, placement.Target, placement.Replica, cancellationToken).ConfigureAwait(false);
            var sent = new ConcurrentDictionary<Cid, bool>();
            int pins = 0;
            long blocks = 0, bytes = 0;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = owner.Options.MaxParallelBlocksPerTarget, CancellationToken = cancellationToken };
            foreach (var pin in placement.Pins)
            {
                if (states.ContainsKey(pin.Cid.ToString()))
                {
                    continue;
                }

                await Parallel.ForEachAsync(DagWalker.WalkAsync(origin, pin.Cid, new DagWalkOptions { MaxDepth = pin.Recursive ? null : 0, SkipIdentityBlocks = true }, cancellationToken), parallel, async (block, token) =>
                {
                    if (sent.TryAdd(block.Cid, true))
                    {
                        await transport.PutBlockAsync(block, token).ConfigureAwait(false);
                        Interlocked.Increment(ref blocks);
                        Interlocked.Add(ref bytes, block.Size);
                        Interlocked.Increment(ref _blocksSent);
                        Interlocked.Add(ref _bytesSent, block.Size);
                        Report(placementDone: false);
                    }
                }).ConfigureAwait(false);

                await transport.PinAsync(pin.Cid, pin.Recursive ? PinMode.Recursive : PinMode.Direct, cancellationToken).ConfigureAwait(false);
                await owner._store.SetPinStateAsync(_root, placement.Target, placement.Replica, pin, Pinned).ConfigureAwait(false);
                pins++;
            }

            return (pins, blocks, bytes);
        }

        private async Task VerifyAsync(ShardPlacement placement, IIpfsTransport transport, CancellationToken cancellationToken)
        {
            var present = new HashSet<(Cid, PinMode)>();
            await foreach (var entry in transport.ListPinsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                present.Add((entry.Cid.ToV1(), entry.Mode));
            }

            foreach (var pin in placement.Pins)
            {
                var cid = pin.Cid.ToV1();
                var there = present.Contains((cid, PinMode.Recursive)) || (!pin.Recursive && present.Contains((cid, PinMode.Direct)));
                if (!there)
                {
                    throw RemoteErrors.Failed(
                        $"pin/ls on {placement.Target}", null, $"the {(pin.Recursive ? "recursive" : "direct")} pin of {pin.Cid} is missing after pin/add");
                }

                await owner._store.SetPinStateAsync(_root, placement.Target, placement.Replica, pin, Verified).ConfigureAwait(false);
            }
        }

        private void Report(bool placementDone)
        {
            var done = placementDone ? Interlocked.Increment(ref _placementsDone) : Volatile.Read(ref _placementsDone);
            progress?.Report(new ShardProgress(done, plan.Placements.Count, Interlocked.Read(ref _blocksSent), Interlocked.Read(ref _bytesSent)));
        }
    }
}
