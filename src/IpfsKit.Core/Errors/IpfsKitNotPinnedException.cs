using IpfsKit.Content;

namespace IpfsKit.Errors;

/// <summary>
/// Thrown when a pin is removed that is not there: the CID is not pinned, or not in the mode asked for (for example a
/// direct unpin of a CID that is pinned recursively). Kubo answers <c>not pinned or pinned indirectly</c>.
/// </summary>
public sealed class IpfsKitNotPinnedException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="cid">The CID that is not pinned.</param>
    /// <param name="detail">What was found instead, for example <c>"not pinned or pinned indirectly"</c>.</param>
    public IpfsKitNotPinnedException(Cid cid, string detail)
        : base($"{cid} is {detail}.")
    {
        Cid = cid;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitNotPinnedException()
        : base("The CID is not pinned.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What was not pinned.</param>
    public IpfsKitNotPinnedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was not pinned.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitNotPinnedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the CID that is not pinned (default when not known).</summary>
    public Cid Cid { get; }
}
