using FsCheck;
using FsCheck.Xunit;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class MemoryBlockTierPropertyTests
{
    // Exact LRU: the model predicts every eviction of the memory tier.
    [Property(MaxTest = 200)]
    public Property Commands_RandomSequence_MatchExactLruModel() =>
        TierModel.Property(capacity => new MemoryBlockTier(capacity));

    // The lenient form a tier with another recency policy would use; the memory tier must pass it too.
    [Property(MaxTest = 100)]
    public Property Commands_RandomSequence_MatchObservedEvictionModel() =>
        TierModel.Property(capacity => new MemoryBlockTier(capacity), exactLru: false);
}
