using IpfsKit.Content;

namespace IpfsKit.Backup;

/// <summary>What <see cref="PinBackup.ImportCarAsync"/> read.</summary>
/// <param name="Roots">The CAR header's roots.</param>
/// <param name="Blocks">How many blocks were put.</param>
/// <param name="Bytes">Their bytes.</param>
public sealed record CarImportResult(IReadOnlyList<Cid> Roots, long Blocks, long Bytes);
