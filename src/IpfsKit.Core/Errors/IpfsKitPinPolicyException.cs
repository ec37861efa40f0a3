namespace IpfsKit.Errors;

/// <summary>
/// Thrown when a pin's policy (<c>PinOptions</c>) cannot be met by any cluster: a replication bound below 1
/// (other than -1, every member), a minimum above the maximum, or a bound above the members the master admits
/// (<c>RolesOptions.MaxMembers</c>). The message names the values; nothing was pinned. The host answers it
/// with 400, and a master refuses a leecher's forwarded pin carrying it for good (the leecher parks it).
/// </summary>
public sealed class IpfsKitPinPolicyException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the values.</param>
    /// <param name="replicationMin">The policy's replication minimum.</param>
    /// <param name="replicationMax">The policy's replication maximum.</param>
    /// <param name="maxMembers">The most members the master admits, when that is the bound exceeded.</param>
    public IpfsKitPinPolicyException(string message, int? replicationMin, int? replicationMax, int? maxMembers)
        : base(message)
    {
        ReplicationMin = replicationMin;
        ReplicationMax = replicationMax;
        MaxMembers = maxMembers;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitPinPolicyException()
        : base("The pin's policy cannot be met.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What is wrong.</param>
    public IpfsKitPinPolicyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitPinPolicyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the policy's replication minimum (<see langword="null"/>: the cluster's).</summary>
    public int? ReplicationMin { get; }

    /// <summary>Gets the policy's replication maximum (<see langword="null"/>: the cluster's).</summary>
    public int? ReplicationMax { get; }

    /// <summary>Gets the most members the master admits, when a bound was above it; else <see langword="null"/>.</summary>
    public int? MaxMembers { get; }
}
