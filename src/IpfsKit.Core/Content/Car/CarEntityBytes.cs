namespace IpfsKit.Content.Car;

/// <summary>
/// A byte range of a UnixFS file whose blocks a CAR export holds: the trustless gateway's <c>entity-bytes=from:to</c>,
/// both ends inclusive.
/// </summary>
/// <param name="From">The first byte; negative counts from the end (<c>-1024</c>: the last 1,024 bytes).</param>
/// <param name="To">The last byte; negative counts from the end; <see langword="null"/> is the end (<c>*</c>).</param>
public readonly record struct CarEntityBytes(long From, long? To)
{
    /// <summary>Resolves the range against a file of <paramref name="length"/> bytes.</summary>
    /// <param name="length">The file's length.</param>
    /// <returns>The inclusive first and last byte, or <see langword="null"/> when the range holds no byte of the file.</returns>
    public (long First, long Last)? Resolve(long length)
    {
        var first = Math.Max(0, From < 0 ? length + From : From);
        var last = Math.Min(length - 1, To is null ? length - 1 : To.Value < 0 ? length + To.Value : To.Value);
        return first <= last ? (first, last) : null;
    }
}
