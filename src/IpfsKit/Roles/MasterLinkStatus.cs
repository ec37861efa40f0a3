namespace IpfsKit.Roles;

/// <summary>What a worker or leecher last learned about its master (<see cref="IMasterLinkMonitor.Current"/>).</summary>
/// <param name="Reachable">Whether the last contact succeeded (<see langword="false"/> before the first one).</param>
/// <param name="LastContact">When the master last answered, or <see langword="null"/> when it never has.</param>
/// <param name="LastError">The last failure while the link is down, or <see langword="null"/>.</param>
/// <param name="DrainError">
/// Why a leecher's last outbox drain stopped although the master answered (it failed an operation), until a drain
/// completes; otherwise <see langword="null"/>.
/// </param>
public sealed record MasterLinkStatus(bool Reachable, DateTimeOffset? LastContact, string? LastError, string? DrainError);
