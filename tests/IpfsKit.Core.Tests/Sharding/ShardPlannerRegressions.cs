using IpfsKit.Sharding;

namespace IpfsKit.Tests.Sharding;

/// <summary>Cases the properties once found (or that a rejected variant of the planner failed), replayed every run.</summary>
[Trait("Category", "Sharding")]
public sealed class ShardPlannerRegressions
{
    /// <summary>
    /// Three replicas where two sub-clusters hold 95 % of the space: separate domains for every leaf are impossible
    /// (Σ min(free, DAG) &lt; 3 × DAG), which an earlier, wrong condition of the property did not see.
    /// </summary>
    [Fact]
    public void Plan_ThreeReplicasThreeLevels_ReplicasStayInDifferentSubClusters() =>
        new ShardPlannerProperties().Plan_Replicas_InDifferentTopLevelSubClustersWhenPossible(
            ShardingGen.Build(1339108489, 4, 125, 0, 65536, 1461614851, 3, 0.3, 3, 50, 0));

    /// <summary>A whole pin refused because no single target can take the DAG, though the cluster could.</summary>
    [Fact]
    public void Plan_WholePinLargerThanEveryTarget_RefusedSoundly() =>
        new ShardPlannerProperties().Plan_AnyCase_CoversEveryLeafOnReplicationDistinctTargetsWithinFreeBytes(
            ShardingGen.Build(799487323, 2, 171, 0, 65536, 1639916912, 3, 0.6, 1, 8000, 0));

    /// <summary>A dead top-level target: its cluster is the root, so the repair may use any sub-cluster.</summary>
    [Fact]
    public void Repair_DeadTopLevelTarget_StaysInTheRootCluster() =>
        new ShardPlannerRepairProperties().Repair_SiblingsWithRoom_StaysInTheSameSubCluster(
            ShardingGen.Build(407302393, 4, 242, 0, 65536, 69986119, 2, 0.05, 1, 50, 1048576), -5);
}
