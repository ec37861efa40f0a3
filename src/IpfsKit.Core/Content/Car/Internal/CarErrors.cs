using System.Text;
using IpfsKit.Errors;

namespace IpfsKit.Content.Car.Internal;

/// <summary>Builds the exceptions of the CAR reader, so every CAR failure has the same subject and shape.</summary>
internal static class CarErrors
{
    /// <summary>The <see cref="IpfsKitFormatException.Subject"/> of every CAR format error.</summary>
    public const string Subject = "CAR";

    private const int MaxShownTextLength = 40;

    public static IpfsKitFormatException Format(string reason, long offset, Exception? innerException = null) =>
        new(Subject, reason, offset, innerException);

    /// <summary>Shows untrusted text (a header key) in a message: printable ASCII as is, the rest escaped, long text cut.</summary>
    public static string Quote(ReadOnlySpan<byte> text)
    {
        var shown = new StringBuilder("'");
        foreach (var b in text[..Math.Min(text.Length, MaxShownTextLength)])
        {
            shown.Append(b is >= 0x20 and < 0x7F and not (byte)'\'' and not (byte)'\\' ? (char)b : $"\\x{b:X2}");
        }

        return shown.Append(text.Length > MaxShownTextLength ? "…'" : "'").ToString();
    }
}
