using System.Collections.Concurrent;
using IpfsKit.Transports;

namespace IpfsKit.Sharding.Execution;

/// <summary>
/// Checks pin targets (identify, then repo stat, within <see cref="TargetHealthOptions.CheckTimeout"/>) and declares
/// a target dead after <see cref="TargetHealthOptions.FailureThreshold"/> failed checks in a row; a good check resets
/// the count. A dead target is not checked again until <see cref="Revive"/>.
/// </summary>
/// <remarks>Thread-safe. <see cref="TargetDead"/> is raised once per death, on the thread of the check that found it.</remarks>
public sealed class TargetHealthMonitor
{
    private readonly IReadOnlyDictionary<string, IIpfsTransport> _targets;
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RepoStat> _repoStats = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _dead = new(StringComparer.Ordinal);

    /// <summary>Creates the monitor.</summary>
    /// <param name="targets">The targets' transports, by target id.</param>
    /// <param name="options">The options. <value>The default value is <see langword="null"/>: the defaults.</value></param>
    public TargetHealthMonitor(IReadOnlyDictionary<string, IIpfsTransport> targets, TargetHealthOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _targets = targets;
        Options = options ?? new TargetHealthOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.FailureThreshold, 1, nameof(options));
    }

    /// <summary>Raised when a target is declared dead.</summary>
    public event EventHandler<TargetDeadEventArgs>? TargetDead;

    /// <summary>Gets the monitor's options.</summary>
    public TargetHealthOptions Options { get; }

    /// <summary>Gets the ids of the targets declared dead.</summary>
    public IReadOnlyCollection<string> DeadTargets => [.. _dead.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Gets a target's failed checks in a row.</summary>
    /// <param name="target">The target's id.</param>
    /// <returns>The count; 0 after a good check.</returns>
    public int GetConsecutiveFailures(string target) => _failures.GetValueOrDefault(target);

    /// <summary>Gets the repo stat of a target's last good check.</summary>
    /// <param name="target">The target's id.</param>
    /// <param name="stat">The repo stat.</param>
    /// <returns>Whether the target has answered a check.</returns>
    public bool TryGetRepoStat(string target, out RepoStat stat) => _repoStats.TryGetValue(target, out stat);

    /// <summary>Forgets that a target was dead (it came back): it is checked again from a failure count of 0.</summary>
    /// <param name="target">The target's id.</param>
    public void Revive(string target)
    {
        _dead.TryRemove(target, out _);
        _failures.TryRemove(target, out _);
    }

    /// <summary>Checks every living target once, all at once.</summary>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>The targets declared dead by this round.</returns>
    public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken = default)
    {
        var living = _targets.Where(t => !_dead.ContainsKey(t.Key)).ToList();
        var outcomes = await Task.WhenAll(living.Select(t => CheckOneAsync(t.Key, t.Value, cancellationToken))).ConfigureAwait(false);
        var died = new List<string>();
        foreach (var (target, error) in outcomes.Where(o => o.Failed).Select(o => (o.Target, o.Error)))
        {
            if (_failures.AddOrUpdate(target, 1, (_, n) => n + 1) >= Options.FailureThreshold && _dead.TryAdd(target, true))
            {
                died.Add(target);
                TargetDead?.Invoke(this, new TargetDeadEventArgs(target, error));
            }
        }

        return died;
    }

    /// <summary>Checks every <see cref="TargetHealthOptions.Interval"/> until cancelled.</summary>
    /// <param name="cancellationToken">Stops the checks.</param>
    /// <returns>A task that completes (cancelled) when the token is cancelled.</returns>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await CheckAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(Options.Interval, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(string Target, bool Failed, Exception? Error)> CheckOneAsync(string target, IIpfsTransport transport, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Options.CheckTimeout, Options.TimeProvider);
        using var check = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await transport.IdentifyAsync(check.Token).ConfigureAwait(false);
            _repoStats[target] = await transport.RepoStatAsync(check.Token).ConfigureAwait(false);
            _failures[target] = 0;
            return (target, false, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (target, true, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (target, true, ex);
        }
    }
}
