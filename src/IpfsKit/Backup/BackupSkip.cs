using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Backup;

/// <summary>A pin an export leaves out because its root cannot be read or decoded (the others are still exported).</summary>
/// <param name="Cid">The pin's root.</param>
/// <param name="Error">Why: an <see cref="IpfsKitBlockNotFoundException"/> or an <see cref="IpfsKitFormatException"/>.</param>
public sealed record BackupSkip(Cid Cid, Exception Error)
{
    /// <summary>Gets the short reason: <c>block not found</c> or <c>block cannot be decoded</c>.</summary>
    public string Reason => Error is IpfsKitBlockNotFoundException ? "block not found" : "block cannot be decoded";

    /// <summary>Tells whether an error of reading a pin's root means "skip this pin" (the others can still be exported).</summary>
    /// <param name="error">The error.</param>
    /// <returns><see langword="true"/> for a missing or undecodable block.</returns>
    public static bool IsSkippable(Exception error) => error is IpfsKitBlockNotFoundException or IpfsKitFormatException;
}
