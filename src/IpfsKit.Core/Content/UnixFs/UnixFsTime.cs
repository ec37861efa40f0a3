namespace IpfsKit.Content.UnixFs;

/// <summary>A UnixFS modification time: seconds since the Unix epoch and optional nanoseconds.</summary>
/// <param name="Seconds">Seconds relative to 1970-01-01T00:00:00Z (may be negative).</param>
/// <param name="FractionalNanoseconds">Nanoseconds, 1 to 999,999,999, or <see langword="null"/>.</param>
public readonly record struct UnixFsTime(long Seconds, uint? FractionalNanoseconds);
