namespace IpfsKit.Roles;

/// <summary>What the master keeps on its own disk of a DAG once every range of it is placed and verified on its workers.</summary>
public enum MasterKeeps
{
    /// <summary>
    /// The DAG's interior (non-leaf) nodes: the master plans, repairs and lists without asking anyone; leaves are read
    /// from the workers that hold them.
    /// </summary>
    InteriorNodes = 0,

    /// <summary>Nothing: every block of a placed DAG, the root too, is read from the workers that hold it.</summary>
    Nothing = 1,

    /// <summary>A full copy of every DAG it places (the master's disk bounds the cluster).</summary>
    Everything = 2,
}
