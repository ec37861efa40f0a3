using IpfsKit.Content;

namespace IpfsKit.Backup;

/// <summary>The roots of an export after <see cref="PinBackup.CheckRootsAsync"/>: those it can write and those it leaves out.</summary>
public sealed class BackupRoots
{
    private readonly Dictionary<Cid, Blocks.Block> _read;

    internal BackupRoots(List<Cid> kept, List<BackupSkip> skipped, Dictionary<Cid, Blocks.Block> read)
    {
        Kept = kept;
        Skipped = skipped;
        _read = read;
    }

    /// <summary>Gets the roots whose block was read (and, for dag-pb, decoded), in the order given, each once.</summary>
    public IReadOnlyList<Cid> Kept { get; }

    /// <summary>Gets the roots left out, in the order given.</summary>
    public IReadOnlyList<BackupSkip> Skipped { get; }

    /// <summary>Takes the root block read by the check, once, so the export does not read it again.</summary>
    internal Blocks.Block? Take(Cid cid) => _read.Remove(cid, out var block) ? block : null;
}
