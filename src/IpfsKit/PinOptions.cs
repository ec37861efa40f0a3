using System.Globalization;
using IpfsKit.Errors;
using IpfsKit.Transports;

namespace IpfsKit;

/// <summary>
/// A pin's cluster policy, as IPFS Cluster's <c>replication_factor_min/max</c>, <c>name</c> and <c>metadata</c>, plus
/// member tags. A master stores it with the pin and places the pin by it; other roles pin locally and ignore it.
/// </summary>
/// <remarks>
/// <para>
/// Replication: <see langword="null"/> takes the cluster's <c>Roles:Replication</c>; <c>-1</c> means every eligible
/// member. The master aims for <see cref="ReplicationMax"/> replicas, each on a distinct member, and the pin counts as
/// under-replicated while fewer than <see cref="ReplicationMin"/> members hold it. Unlike IPFS Cluster, a pin with
/// fewer eligible members than its minimum is not refused: it is placed on those there are, shown as
/// <c>under-replicated (k of min)</c>, and topped up as members join.
/// </para>
/// <para>
/// Tags: only members carrying every one of <see cref="RequiredTags"/> are eligible (none of them: the pin stays pending
/// with that reason, never placed elsewhere); members carrying every one of <see cref="PreferredTags"/> are used first,
/// the other eligible members only when those cannot take all the replicas.
/// </para>
/// </remarks>
public sealed record PinOptions
{
    /// <summary>Gets recursive or direct. <value>The default value is <see cref="PinMode.Recursive"/>.</value></summary>
    public PinMode Mode { get; init; } = PinMode.Recursive;

    /// <summary>Gets the replicas below which the pin is under-replicated (-1: every eligible member). <value>The default value is <see langword="null"/>: the cluster's replication.</value></summary>
    public int? ReplicationMin { get; init; }

    /// <summary>Gets the replicas the master aims for (-1: every eligible member). <value>The default value is <see langword="null"/>: the cluster's replication.</value></summary>
    public int? ReplicationMax { get; init; }

    /// <summary>Gets a human name for the pin. <value>The default value is <see langword="null"/>.</value></summary>
    public string? Name { get; init; }

    /// <summary>Gets key/value metadata kept with the pin and exported with it. <value>The default value is <see langword="null"/>.</value></summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the tags a member must all carry to hold the pin. <value>The default value is <see langword="null"/>: any member.</value></summary>
    public IReadOnlyList<string>? RequiredTags { get; init; }

    /// <summary>Gets the tags of the members used first. <value>The default value is <see langword="null"/>: no preference.</value></summary>
    public IReadOnlyList<string>? PreferredTags { get; init; }

    /// <summary>Gets whether the options carry nothing but a mode (the cluster's defaults apply). Not serialized.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsDefault =>
        ReplicationMin is null && ReplicationMax is null && Name is null && (Metadata?.Count ?? 0) == 0
        && (RequiredTags?.Count ?? 0) == 0 && (PreferredTags?.Count ?? 0) == 0;

    /// <summary>
    /// Checks the replication bounds: each -1 (every member) or at least 1, min not above max (with -1 as the largest),
    /// and, given <paramref name="maxMembers"/> (the master's <see cref="Roles.RolesOptions.MaxMembers"/>), neither
    /// above it.
    /// </summary>
    /// <param name="maxMembers">The most members there can ever be, or <see langword="null"/> where that is not known (a client).</param>
    /// <exception cref="IpfsKitPinPolicyException">A bound is out of range, or min is above max; the message names the values.</exception>
    /// <exception cref="ArgumentException">The mode is neither recursive nor direct.</exception>
    public void Validate(int? maxMembers = null)
    {
        foreach (var (name, value) in new[] { ("replication min", ReplicationMin), ("replication max", ReplicationMax) })
        {
            if (value is { } v && v != -1 && v < 1)
            {
                throw Refused($"{name} {v} is out of range: -1 (every member) or at least 1", null);
            }

            if (value is { } w && maxMembers is { } cap && w > cap)
            {
                throw Refused($"{name} {w} is above the {cap} members this cluster can ever have (IpfsKit:Roles:MaxMembers)", cap);
            }
        }

        if (ReplicationMin is { } min && ReplicationMax is { } max && Rank(min) > Rank(max))
        {
            throw Refused($"replication min {min} is above replication max {max}", null);
        }

        if (Mode is not (PinMode.Recursive or PinMode.Direct))
        {
            throw new ArgumentException($"pin mode {Mode} cannot be asked for: recursive or direct");
        }
    }

    /// <summary>
    /// Gets the replication bounds in force on a cluster whose default replication is <paramref name="replication"/>:
    /// the options' own, and an unset one follows the other when that one is set (a max below the default lowers the
    /// min; a min above it raises the max).
    /// </summary>
    /// <param name="replication">The cluster's default replication (<see cref="Roles.RolesOptions"/>).</param>
    /// <returns>The minimum and maximum number of members, each -1 for every member.</returns>
    public (int Min, int Max) GetReplicationBounds(int replication)
    {
        var min = ReplicationMin ?? (ReplicationMax is { } m && Rank(m) < replication ? m : replication);
        var max = ReplicationMax ?? (Rank(min) > replication ? min : replication);
        return (min, max);
    }

    private IpfsKitPinPolicyException Refused(FormattableString message, int? maxMembers) =>
        new(message.ToString(CultureInfo.InvariantCulture), ReplicationMin, ReplicationMax, maxMembers);

    private static long Rank(int value) => value == -1 ? long.MaxValue : value;
}
