namespace IpfsKit.Errors;

/// <summary>
/// Thrown when bytes or text that claim to be an IPFS encoding (a CID, a varint, a multihash, a multibase string,
/// a dag-pb node, a UnixFS message, a CAR file) are malformed.
/// </summary>
/// <remarks>
/// IpfsKit keeps one exception root (<see cref="IpfsKitException"/>), so this type does not derive from
/// <see cref="FormatException"/>; <see cref="Subject"/> and <see cref="Offset"/> say what was wrong and where.
/// </remarks>
public sealed class IpfsKitFormatException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="subject">The encoding that failed to decode, for example <c>"CID"</c> or <c>"dag-pb"</c>.</param>
    /// <param name="reason">What was wrong with it.</param>
    /// <param name="offset">The byte or character offset at which the problem was found, when known.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public IpfsKitFormatException(string subject, string reason, long? offset = null, Exception? innerException = null)
        : base(Compose(subject, reason, offset), innerException)
    {
        Subject = subject;
        Reason = reason;
        Offset = offset;
    }

    /// <summary>Creates the exception with a generic subject.</summary>
    public IpfsKitFormatException()
        : this("input", "malformed")
    {
    }

    /// <summary>Creates the exception with a generic subject.</summary>
    /// <param name="message">What was wrong.</param>
    public IpfsKitFormatException(string message)
        : this("input", message)
    {
    }

    /// <summary>Creates the exception with a generic subject and a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitFormatException(string message, Exception? innerException)
        : this("input", message, null, innerException)
    {
    }

    /// <summary>Gets the encoding that failed to decode, for example <c>"CID"</c>, <c>"varint"</c> or <c>"dag-pb"</c>.</summary>
    public string Subject { get; }

    /// <summary>Gets what was wrong, without the subject.</summary>
    public string Reason { get; }

    /// <summary>Gets the byte or character offset of the problem, or <see langword="null"/> when unknown.</summary>
    public long? Offset { get; }

    private static string Compose(string subject, string reason, long? offset) =>
        offset is { } at ? $"Invalid {subject} at offset {at}: {reason}" : $"Invalid {subject}: {reason}";
}
