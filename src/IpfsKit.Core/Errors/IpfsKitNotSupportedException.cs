namespace IpfsKit.Errors;

/// <summary>Thrown when a transport is asked for an operation it cannot do, such as an add through a read-only gateway.</summary>
/// <remarks>
/// It derives from <see cref="IpfsKitException"/>, not <see cref="NotSupportedException"/>: IpfsKit keeps one root for
/// every error it throws. Check <c>IIpfsTransport.Capabilities</c> first to avoid it.
/// </remarks>
public sealed class IpfsKitNotSupportedException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transport">The transport's name.</param>
    /// <param name="operation">The operation, for example <c>"add"</c>.</param>
    public IpfsKitNotSupportedException(string transport, string operation)
        : base($"The {transport} transport does not support {operation}.")
    {
        Transport = transport;
        Operation = operation;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitNotSupportedException()
        : this("unknown", "this operation")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What is not supported.</param>
    public IpfsKitNotSupportedException(string message)
        : base(message)
    {
        Transport = string.Empty;
        Operation = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is not supported.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitNotSupportedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Transport = string.Empty;
        Operation = string.Empty;
    }

    /// <summary>Gets the transport's name.</summary>
    public string Transport { get; }

    /// <summary>Gets the operation that is not supported.</summary>
    public string Operation { get; }
}
