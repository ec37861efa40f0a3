namespace IpfsKit.Errors;

/// <summary>
/// Thrown when a block store cannot use its folder or files: the folder is missing and cannot be created, it is
/// read-only, the disk is full, or a file cannot be written or read.
/// </summary>
/// <remarks>Nothing half-written is left visible when this is thrown from a write.</remarks>
public sealed class IpfsKitStorageException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file or folder that failed.</param>
    /// <param name="reason">Why, in words.</param>
    /// <param name="innerException">The I/O error underneath, when there is one.</param>
    public IpfsKitStorageException(string path, string reason, Exception? innerException = null)
        : base($"Storage at '{path}' failed: {reason}", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitStorageException()
        : this(string.Empty, "a storage operation failed")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What failed.</param>
    public IpfsKitStorageException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitStorageException(string message, Exception? innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>Gets the file or folder that failed (empty when not known).</summary>
    public string Path { get; }

    /// <summary>Gets why it failed, without the path.</summary>
    public string Reason { get; }
}
