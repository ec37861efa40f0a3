using IpfsKit.Transports;

namespace IpfsKit.Roles.Coordination;

/// <summary>A pin of the master's pinset.</summary>
/// <param name="Cid">The pinned root.</param>
/// <param name="Mode">Recursive or direct.</param>
/// <param name="Source">Who asked for it: <c>local</c> (the master's own API), <c>forwarded</c> (a leecher or app) or <c>forwarded:&lt;device id&gt;</c> (a leecher with a DEVICE_ID).</param>
/// <param name="State">Pending, placed or failed.</param>
/// <param name="Targets">The workers its plan in force places ranges on (empty until placed).</param>
/// <param name="AddedAt">When it was ingested.</param>
/// <param name="Error">The last placement error when <see cref="State"/> is <see cref="MasterPinState.Failed"/>, or why a pending pin waits (no member has its required tags).</param>
public sealed record MasterPinInfo(
    string Cid,
    PinMode Mode,
    string Source,
    MasterPinState State,
    IReadOnlyList<string> Targets,
    DateTimeOffset AddedAt,
    string? Error)
{
    /// <summary>Gets how many distinct alive workers hold the pin's least held leaf (<see langword="null"/> until it has a plan).</summary>
    public int? LiveReplicas { get; init; }

    /// <summary>Gets how many replicas the pin must have to count as fully replicated.</summary>
    public int WantedReplicas { get; init; }

    /// <summary>
    /// Gets the replication as text: <c>2 of 2</c>, or <c>under-replicated (1 of 2)</c> while <see cref="LiveReplicas"/>
    /// is below <see cref="WantedReplicas"/> (the coordinator adds the missing replicas as soon as members can take them).
    /// </summary>
    public string? Replication { get; init; }

    /// <summary>Gets whether the pin has a plan whose live replicas are below <see cref="WantedReplicas"/>.</summary>
    public bool UnderReplicated => LiveReplicas is { } live && live < WantedReplicas;

    /// <summary>Gets the pin's policy (replication bounds, name, metadata, tags), or <see langword="null"/> for the cluster's defaults.</summary>
    public PinOptions? Policy { get; init; }

    /// <summary>Gets the plan in force as read from the pinset (not serialized).</summary>
    internal Sharding.ShardPlan? Plan { get; init; }
}
