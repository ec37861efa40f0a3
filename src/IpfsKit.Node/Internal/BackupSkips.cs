using System.Text;
using IpfsKit.Content;

namespace IpfsKit.Node.Internal;

/// <summary>
/// The pins an export leaves out because their root cannot be read or decoded, so one bad pin never fails the backup
/// of the others: each is logged as a warning, and the response names them in an <c>X-IpfsKit-Skipped</c> header
/// (<c>cid (reason); …</c>, the first <see cref="Listed"/>, then how many more), set before the body starts.
/// </summary>
internal sealed partial class BackupSkips(HttpContext context, string endpoint)
{
    /// <summary>The header naming the skipped pins.</summary>
    public const string Header = "X-IpfsKit-Skipped";

    /// <summary>How many skipped pins the header lists by CID; a header stays short whatever the pinset.</summary>
    public const int Listed = 20;

    private readonly List<(Cid Cid, string Reason)> _skipped = [];
    private readonly ILogger _logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("IpfsKit.Node.Backup");

    /// <summary>Tells whether an error of reading a pin's root means "skip this pin" (the others can still be exported).</summary>
    public static bool IsSkippable(Exception e) => e is IpfsKitBlockNotFoundException or IpfsKitFormatException;

    public void Add(Cid cid, Exception error)
    {
        var reason = error is IpfsKitBlockNotFoundException ? "block not found" : "block cannot be decoded";
        _skipped.Add((cid, reason));
        LogSkipped(_logger, endpoint, cid.ToString(), error.Message);
    }

    /// <summary>Sets the header when anything was skipped; call before the body starts.</summary>
    public void WriteHeader()
    {
        if (_skipped.Count == 0)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var (cid, reason) in _skipped.Take(Listed))
        {
            text.Append(text.Length == 0 ? "" : "; ").Append(cid.ToString()).Append(" (").Append(reason).Append(')');
        }

        if (_skipped.Count > Listed)
        {
            text.Append("; and ").Append(_skipped.Count - Listed).Append(" more");
        }

        context.Response.Headers[Header] = text.ToString();
    }

    [LoggerMessage(50, LogLevel.Warning, "{Endpoint} skipped pin {Cid}, the others are exported: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string endpoint, string cid, string reason);
}
