
namespace IpfsKit.Errors;

/// <summary>
/// Thrown when an operation is enqueued into an offline outbox that already holds its maximum number of operations
/// (<c>OfflineOutboxOptions.MaxOfflineQueue</c>). The operation was not stored; nothing already queued was
/// dropped. Drain the outbox (or raise the bound) and enqueue again.
/// </summary>
public sealed class IpfsKitOutboxFullException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="capacity">The maximum number of operations the outbox holds.</param>
    public IpfsKitOutboxFullException(int capacity)
        : base($"The offline outbox is full: it holds its maximum of {capacity} operations. Nothing was dropped; drain it before enqueueing more.")
    {
        Capacity = capacity;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitOutboxFullException()
        : base("The offline outbox is full.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What was full.</param>
    public IpfsKitOutboxFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was full.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitOutboxFullException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the maximum number of operations the outbox holds (0 when not known).</summary>
    public int Capacity { get; }
}
