using System.Globalization;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>The bounds of what a member may report: a join or heartbeat outside them is refused (400) and changes nothing.</summary>
internal static class MemberCapacity
{
    /// <summary>The largest capacity or free bytes a member may report: 2^60 bytes (1 EiB), far above any real cluster.</summary>
    public const long MaxBytes = 1L << 60;

    /// <exception cref="ArgumentException">A value is negative or above <see cref="MaxBytes"/>.</exception>
    public static void Validate(long capacityBytes, long freeBytes, int members)
    {
        Check(capacityBytes, "capacityBytes");
        Check(freeBytes, "freeBytes");
        if (members < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"members: {members} is negative"), nameof(members));
        }
    }

    private static void Check(long value, string name)
    {
        if (value is < 0 or > MaxBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name}: {value} is not a possible capacity (0 to 2^60 bytes)"), name);
        }
    }
}
