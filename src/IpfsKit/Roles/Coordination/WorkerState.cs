namespace IpfsKit.Roles.Coordination;

/// <summary>What the master thinks of a worker.</summary>
public enum WorkerState
{
    /// <summary>Heartbeats arrive; the worker can be given ranges.</summary>
    Alive,

    /// <summary>Missed more heartbeats than allowed; its ranges were (or are being) repaired onto the others.</summary>
    Dead,

    /// <summary>Left in good order.</summary>
    Left,
}
