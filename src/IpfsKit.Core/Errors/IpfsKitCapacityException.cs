namespace IpfsKit.Errors;

/// <summary>
/// Thrown when a bounded store cannot take a block: the block is larger than the store's budget, or the budget is
/// filled by pinned blocks that may not be evicted.
/// </summary>
public sealed class IpfsKitCapacityException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="store">The store that is full, for example <c>"disk tier at /data/blocks"</c>.</param>
    /// <param name="requiredBytes">The bytes the operation needed.</param>
    /// <param name="availableBytes">The bytes that could be made free.</param>
    public IpfsKitCapacityException(string store, long requiredBytes, long availableBytes)
        : base($"The {store} cannot take {requiredBytes} bytes: only {availableBytes} bytes can be made free within its budget.")
    {
        Store = store;
        RequiredBytes = requiredBytes;
        AvailableBytes = availableBytes;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitCapacityException()
        : base("A store is full.")
    {
        Store = string.Empty;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What was full.</param>
    public IpfsKitCapacityException(string message)
        : base(message)
    {
        Store = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was full.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitCapacityException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Store = string.Empty;
    }

    /// <summary>Gets the store that is full.</summary>
    public string Store { get; }

    /// <summary>Gets the bytes the operation needed.</summary>
    public long RequiredBytes { get; }

    /// <summary>Gets the bytes that could be made free.</summary>
    public long AvailableBytes { get; }
}
