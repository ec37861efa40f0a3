using IpfsKit.Transports;

namespace IpfsKit.Roles.Coordination;

/// <summary>A pin of the master's pinset.</summary>
/// <param name="Cid">The pinned root.</param>
/// <param name="Mode">Recursive or direct.</param>
/// <param name="Source">Who asked for it: <c>local</c> (the master's own API) or <c>forwarded</c> (a leecher or app).</param>
/// <param name="State">Pending, placed or failed.</param>
/// <param name="Targets">The workers its plan in force places ranges on (empty until placed).</param>
/// <param name="AddedAt">When it was ingested.</param>
/// <param name="Error">The last placement error, when <see cref="State"/> is <see cref="MasterPinState.Failed"/>.</param>
public sealed record MasterPinInfo(
    string Cid,
    PinMode Mode,
    string Source,
    MasterPinState State,
    IReadOnlyList<string> Targets,
    DateTimeOffset AddedAt,
    string? Error);
