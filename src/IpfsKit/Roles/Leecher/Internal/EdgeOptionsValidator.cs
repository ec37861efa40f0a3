using IpfsKit.Errors;
using Microsoft.Extensions.Options;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>
/// Checks an edge leecher's settings at start: the device id (DEVICE_ID), the sync schedule (IPFS_KIT_SYNC_SCHEDULE) and
/// its window (IPFS_KIT_SYNC_WINDOW); each failure names the setting and its variable.
/// </summary>
internal sealed class EdgeOptionsValidator : IValidateOptions<IpfsKitOptions>
{
    public ValidateOptionsResult Validate(string? name, IpfsKitOptions options)
    {
        if (!string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var roles = options.Roles;
        var failures = new List<string>();
        if (roles.DeviceId is not null && DeviceIds.Problem(roles.DeviceId) is { } problem)
        {
            failures.Add($"IpfsKit:Roles:DeviceId (DEVICE_ID) '{roles.DeviceId}' is not a device id: {problem}.");
        }

        if (roles.SyncWindow <= TimeSpan.Zero)
        {
            failures.Add($"IpfsKit:Roles:SyncWindow (IPFS_KIT_SYNC_WINDOW) {roles.SyncWindow} must be above zero.");
        }
        else if (roles.SyncSchedule is not null)
        {
            try
            {
                SyncSchedule.Parse(roles.SyncSchedule, roles.SyncWindow);
            }
            catch (IpfsKitFormatException ex)
            {
                failures.Add($"IpfsKit:Roles:SyncSchedule (IPFS_KIT_SYNC_SCHEDULE): {ex.Reason}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
