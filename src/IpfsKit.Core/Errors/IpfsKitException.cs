namespace IpfsKit.Errors;

/// <summary>
/// The root of every exception that IpfsKit throws on purpose. Catch this type to handle any IpfsKit failure;
/// catch a derived type to branch on a specific cause.
/// </summary>
/// <remarks><see cref="OperationCanceledException"/> is never wrapped: cancellation surfaces as itself.</remarks>
public class IpfsKitException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public IpfsKitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public IpfsKitException()
        : base("An IpfsKit operation failed.")
    {
    }
}
