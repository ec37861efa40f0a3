namespace IpfsKit.Roles.Internal;

/// <summary>What a worker or leecher last learned about its master: read by the host's "master link" health check.</summary>
internal sealed class MasterLinkState : IMasterLinkMonitor
{
    private volatile MasterLinkStatus _current = new(false, null, null, null);

    /// <summary>Gets whether the last contact with the master succeeded.</summary>
    public bool IsReachable => _current.Reachable;

    /// <summary>Gets the latest state.</summary>
    public MasterLinkStatus Current => _current;

    /// <summary>Records a successful contact.</summary>
    /// <param name="at">When.</param>
    public void Reached(DateTimeOffset at) => _current = _current with { Reachable = true, LastContact = at, LastError = null };

    /// <summary>Records a failed contact.</summary>
    /// <param name="error">Why.</param>
    public void Lost(string error) => _current = _current with { Reachable = false, LastError = error };

    /// <summary>Records that the leecher's outbox is stuck on an operation the master answered with a failure (5xx, 401, 403).</summary>
    /// <param name="error">The master's answer.</param>
    public void DrainFailed(string error) => _current = _current with { DrainError = error };

    /// <summary>Records a drain that sent everything queued (or parked what the master refused): the outbox is not stuck.</summary>
    public void Drained() => _current = _current with { DrainError = null };
}
