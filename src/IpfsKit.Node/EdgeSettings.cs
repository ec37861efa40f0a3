using IpfsKit.Errors;
using IpfsKit.Roles;
using IpfsKit.Roles.Leecher;

namespace IpfsKit.Node;

/// <summary>
/// An edge leecher's host settings (docs/deployment.md, "Edge leechers"): OFFLINE_MODE, DEVICE_ID,
/// IPFS_KIT_SYNC_SCHEDULE and IPFS_KIT_SYNC_WINDOW. Each maps to the <see cref="RolesOptions"/> member of the same name;
/// <see langword="null"/> keeps the configured value.
/// </summary>
/// <param name="OfflineMode">OFFLINE_MODE (<c>true</c>/<c>false</c>): talk to the master only in sync windows.</param>
/// <param name="DeviceId">DEVICE_ID: the leecher's identity in the master's records.</param>
/// <param name="SyncSchedule">IPFS_KIT_SYNC_SCHEDULE: a cron expression (UTC, 5 fields or 6 with seconds).</param>
/// <param name="SyncWindow">IPFS_KIT_SYNC_WINDOW: how long a window stays open (e.g. 5m).</param>
public sealed record EdgeSettings(bool? OfflineMode, string? DeviceId, string? SyncSchedule, TimeSpan? SyncWindow)
{
    /// <summary>Gets the environment variables these settings read.</summary>
    public static IReadOnlyList<string> EnvironmentVariables { get; } = ["OFFLINE_MODE", "DEVICE_ID", "IPFS_KIT_SYNC_SCHEDULE", "IPFS_KIT_SYNC_WINDOW"];

    /// <summary>Reads and checks the settings; each problem is added to <paramref name="errors"/>, naming its variable.</summary>
    internal static EdgeSettings Read(Func<string, string?> get, NodeRole role, TimeSpan? window, List<string> errors)
    {
        bool? offline = null;
        if (get("OFFLINE_MODE") is { } offlineText)
        {
            offline = offlineText.ToUpperInvariant() switch
            {
                "TRUE" or "1" or "YES" => true,
                "FALSE" or "0" or "NO" => false,
                _ => null,
            };
            if (offline is null)
            {
                errors.Add($"OFFLINE_MODE: '{offlineText}' is not true or false.");
            }
        }

        var device = get("DEVICE_ID");
        if (device is not null && DeviceIds.Problem(device) is { } problem)
        {
            errors.Add($"DEVICE_ID: '{device}' is not a device id: {problem}.");
        }

        var schedule = get("IPFS_KIT_SYNC_SCHEDULE");
        if (window is { } span && span <= TimeSpan.Zero)
        {
            errors.Add("IPFS_KIT_SYNC_WINDOW: a sync window must be above zero (e.g. 5m).");
        }
        else if (schedule is not null)
        {
            try
            {
                Roles.Leecher.SyncSchedule.Parse(schedule, window ?? new RolesOptions().SyncWindow);
            }
            catch (IpfsKitFormatException ex)
            {
                errors.Add($"IPFS_KIT_SYNC_SCHEDULE: {ex.Reason}");
            }
        }

        var settings = new EdgeSettings(offline, device, schedule, window);
        if (role != NodeRole.Leecher && (offline == true || schedule is not null || device is not null))
        {
            errors.Add($"OFFLINE_MODE, DEVICE_ID and IPFS_KIT_SYNC_SCHEDULE are for the leecher role, not {role.ToString().ToLowerInvariant()}.");
        }

        return settings;
    }

    /// <summary>Applies the settings that are set to <paramref name="roles"/>.</summary>
    /// <param name="roles">The role options to change.</param>
    public void ApplyTo(RolesOptions roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        roles.OfflineMode = OfflineMode ?? roles.OfflineMode;
        roles.DeviceId = DeviceId ?? roles.DeviceId;
        roles.SyncSchedule = SyncSchedule ?? roles.SyncSchedule;
        roles.SyncWindow = SyncWindow ?? roles.SyncWindow;
    }
}
