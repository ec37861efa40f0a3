using IpfsKit.Content;

namespace IpfsKit.Errors;

/// <summary>
/// Thrown when a block's bytes do not hash to the multihash in its CID: the data is corrupt or was substituted.
/// The block is never stored or returned.
/// </summary>
public sealed class IpfsKitIntegrityException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="cid">The CID the bytes claimed to be.</param>
    /// <param name="detail">What did not match.</param>
    public IpfsKitIntegrityException(Cid cid, string detail)
        : base($"Block {cid} failed verification: {detail}")
    {
        Cid = cid;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitIntegrityException()
        : base("A block failed verification.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What was wrong.</param>
    public IpfsKitIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitIntegrityException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the CID whose bytes failed verification (default when not known).</summary>
    public Cid Cid { get; }
}
