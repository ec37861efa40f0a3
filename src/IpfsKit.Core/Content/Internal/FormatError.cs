using IpfsKit.Errors;

namespace IpfsKit.Content.Internal;

/// <summary>
/// Why a decoder refused its input, before it becomes an <see cref="IpfsKitFormatException"/>: the decoders' cores return
/// one instead of throwing, so the <c>Try…</c> forms (a gateway path, a query argument) never pay for an exception.
/// </summary>
/// <param name="Subject">What was being decoded.</param>
/// <param name="Reason">What was wrong with it.</param>
/// <param name="Offset">Where, when known.</param>
/// <param name="Cause">The error of the part that made this one, when the value is made of parts.</param>
internal sealed record FormatError(string Subject, string Reason, long? Offset = null, FormatError? Cause = null)
{
    /// <summary>Gets the exception the throwing forms raise.</summary>
    /// <returns>The exception.</returns>
    public IpfsKitFormatException ToException() => new(Subject, Reason, Offset, Cause?.ToException());

    /// <summary>Gets this error as part of a larger value, e.g. the base32 of a CID.</summary>
    /// <param name="subject">The larger value.</param>
    /// <param name="reason">Its reason, made from this one.</param>
    /// <param name="shift">Where this part starts in the larger value (added to a known offset).</param>
    /// <returns>The error of the larger value.</returns>
    public FormatError Within(string subject, string reason, long shift) => new(subject, reason, Offset + shift, this);
}
