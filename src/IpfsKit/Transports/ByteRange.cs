namespace IpfsKit.Transports;

/// <summary>A range of a file's bytes.</summary>
/// <param name="Offset">The first byte wanted (0-based).</param>
/// <param name="Length">The number of bytes wanted, or <see langword="null"/> for the rest of the file.</param>
public readonly record struct ByteRange(long Offset, long? Length = null)
{
    /// <summary>Checks the range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset or length is negative.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Offset, nameof(Offset));
        if (Length is { } length)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length, nameof(Length));
        }
    }
}
