namespace IpfsKit.Roles.Coordination;

/// <summary>A worker's periodic report: it is alive, how much room it has, how many pins it holds.</summary>
/// <param name="WorkerId">The worker's id.</param>
/// <param name="CapacityBytes">The worker's storage budget.</param>
/// <param name="FreeBytes">What is left of it.</param>
/// <param name="PinCount">How many pins the worker holds (its placement status).</param>
internal sealed record WorkerHeartbeat(string WorkerId, long CapacityBytes, long FreeBytes, int PinCount)
{
    /// <summary>Gets, for a sub-cluster's master, how many alive members it has. <value>The default value is 0.</value></summary>
    public int Members { get; init; }
}
