using IpfsKit.Content;

namespace IpfsKit.Errors;

/// <summary>
/// Thrown when an IPFS path names nothing: a segment names no entry of its directory, or a node on the way is not a
/// directory. The blocks on the way were read; a missing block is <see cref="IpfsKitBlockNotFoundException"/> instead.
/// </summary>
public sealed class IpfsKitPathNotFoundException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The path being resolved.</param>
    /// <param name="segment">The segment that names nothing.</param>
    /// <param name="parent">The node the segment was looked up in.</param>
    /// <param name="reason">Why, when the parent is not a directory; <see langword="null"/> when it has no such entry.</param>
    public IpfsKitPathNotFoundException(string path, string segment, Cid parent, string? reason = null)
        : base($"{path}: no link named \"{segment}\" under {parent}{(reason is null ? string.Empty : ": " + reason)}.")
    {
        Path = path;
        Segment = segment;
        Parent = parent;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitPathNotFoundException()
        : base("A path names nothing.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What was not found.</param>
    public IpfsKitPathNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was not found.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitPathNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the path being resolved (<c>/ipfs/&lt;cid&gt;/…</c>), or empty.</summary>
    public string Path { get; } = string.Empty;

    /// <summary>Gets the segment that names nothing, or empty.</summary>
    public string Segment { get; } = string.Empty;

    /// <summary>Gets the node the segment was looked up in.</summary>
    public Cid Parent { get; }
}
