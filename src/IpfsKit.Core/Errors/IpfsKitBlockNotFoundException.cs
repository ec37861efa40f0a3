using IpfsKit.Content;

namespace IpfsKit.Errors;

/// <summary>Thrown when a block that an operation needs is not in the block source it reads from.</summary>
public sealed class IpfsKitBlockNotFoundException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="cid">The missing block's CID.</param>
    public IpfsKitBlockNotFoundException(Cid cid)
        : base($"Block {cid} was not found.")
    {
        Cid = cid;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitBlockNotFoundException()
        : base("A block was not found.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What was missing.</param>
    public IpfsKitBlockNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was missing.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitBlockNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the CID of the missing block.</summary>
    public Cid Cid { get; }
}
