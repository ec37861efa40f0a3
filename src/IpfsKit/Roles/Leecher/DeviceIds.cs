using System.Globalization;

namespace IpfsKit.Roles.Leecher;

/// <summary>
/// The rules of a leecher's device id (<see cref="RolesOptions.DeviceId"/>, DEVICE_ID): 1 to <see cref="MaxLength"/>
/// ASCII letters, digits, <c>.</c>, <c>_</c> or <c>-</c>, so it reads the same in logs, records and file names.
/// </summary>
public static class DeviceIds
{
    /// <summary>The longest device id, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>Tells what is wrong with a device id.</summary>
    /// <param name="deviceId">The id.</param>
    /// <returns>The reason it is refused, or <see langword="null"/> when it is valid.</returns>
    public static string? Problem(string? deviceId)
    {
        if (string.IsNullOrEmpty(deviceId))
        {
            return "it is empty";
        }

        if (deviceId.Length > MaxLength)
        {
            return $"it has {deviceId.Length.ToString(CultureInfo.InvariantCulture)} characters, more than {MaxLength.ToString(CultureInfo.InvariantCulture)}";
        }

        foreach (var c in deviceId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '_' and not '-')
            {
                return c == ' ' ? "it contains a space" : $"it contains '{c}' (only letters, digits, '.', '_' and '-')";
            }
        }

        return null;
    }
}
