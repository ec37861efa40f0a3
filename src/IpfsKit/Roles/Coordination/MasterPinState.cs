namespace IpfsKit.Roles.Coordination;

/// <summary>Where a pin of the master's pinset stands.</summary>
public enum MasterPinState
{
    /// <summary>Ingested; not yet placed on workers (none alive, or waiting its turn).</summary>
    Pending,

    /// <summary>Its plan is in force and every placement was verified on its worker.</summary>
    Placed,

    /// <summary>The last placement attempt failed; it is retried.</summary>
    Failed,
}
