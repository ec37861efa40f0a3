using FsCheck;
using FsCheck.Xunit;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

/// <summary>The disk tier against the same model harness as the memory tier (real files, one folder per scenario).</summary>
[Trait("Category", "Storage")]
public sealed class DiskBlockTierSharedModelTests : IDisposable
{
    private readonly DiskTierFolder _root = new();

    public void Dispose() => _root.Dispose();

    // Observed evictions: the disk tier orders by access like the memory tier, but the harness checks only what any
    // LRU tier must do (evict unpinned blocks, keep the budget, keep pins, return exact bytes or a miss).
    [Property(MaxTest = 40)]
    public Property Commands_RandomSequence_MatchObservedEvictionModel() =>
        TierModel.Property(
            async capacity => await DiskBlockTier.OpenAsync(new DiskBlockTierOptions
            {
                Path = Path.Combine(_root.Path, Guid.NewGuid().ToString("N")),
                Capacity = capacity,
                Fsync = false,
            }),
            exactLru: false);
}
