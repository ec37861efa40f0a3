namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>Settings of <see cref="UnixFsReader"/>.</summary>
public sealed record UnixFsReaderOptions
{
    /// <summary>The largest <see cref="ReadAheadBlocks"/> accepted.</summary>
    public const int MaxReadAheadBlocks = 32;

    /// <summary>Gets the default settings: no read-ahead.</summary>
    public static UnixFsReaderOptions Default { get; } = new();

    /// <summary>
    /// Gets how many blocks a <see cref="UnixFsFileStream"/> fetches ahead of the reader: when a read reaches a leaf,
    /// up to this many of the following siblings are fetched in the background, so a slow source (a remote node) is
    /// kept busy. A read never waits for a block it does not need, and a failed read-ahead surfaces only if the block
    /// is then read. The cost: a seek or a range read may fetch up to this many blocks it never uses.
    /// 0 to <see cref="MaxReadAheadBlocks"/>. <value>The default value is 0 (fetch only what a read needs).</value>
    /// </summary>
    public int ReadAheadBlocks { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (ReadAheadBlocks is < 0 or > MaxReadAheadBlocks)
        {
            throw new ArgumentException($"UnixFsReaderOptions.ReadAheadBlocks must be 0 to {MaxReadAheadBlocks}.", nameof(ReadAheadBlocks));
        }
    }
}
