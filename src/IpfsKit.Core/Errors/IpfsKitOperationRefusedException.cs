
namespace IpfsKit.Errors;

/// <summary>
/// Thrown when the receiver of an operation (the master, for a leecher's forwarded operation) refuses it for good: the
/// operation is malformed, or names content the receiver does not hold. Sending the same operation again cannot succeed
/// until something changes (the content reaches the receiver, the receiver is upgraded), so an
/// <c>OfflineOutbox</c> (IpfsKit.Roles.Leecher) parks it instead of retrying it forever; it is kept, listed and can be requeued.
/// </summary>
public sealed class IpfsKitOperationRefusedException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="receiver">Who refused (an endpoint URL).</param>
    /// <param name="reason">The receiver's reason, as it gave it.</param>
    /// <param name="innerException">The cause, for example the remote error.</param>
    public IpfsKitOperationRefusedException(string receiver, string reason, Exception? innerException)
        : base($"{receiver} refused the operation: {reason}", innerException)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitOperationRefusedException()
        : base("The operation was refused.")
    {
        Reason = "";
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">Why the operation was refused.</param>
    public IpfsKitOperationRefusedException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Why the operation was refused.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitOperationRefusedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Gets the receiver's reason, as it gave it.</summary>
    public string Reason { get; }
}
