using System.Text;
using IpfsKit.Backup;

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

    private readonly List<BackupSkip> _skipped = [];
    private readonly ILogger _logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("IpfsKit.Node.Backup");

    public void Add(BackupSkip skip)
    {
        _skipped.Add(skip);
        LogSkipped(_logger, endpoint, skip.Cid.ToString(), skip.Error.Message);
    }

    /// <summary>Sets the header when anything was skipped; call before the body starts.</summary>
    public void WriteHeader()
    {
        if (_skipped.Count == 0)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var skip in _skipped.Take(Listed))
        {
            text.Append(text.Length == 0 ? "" : "; ").Append(skip.Cid.ToString()).Append(" (").Append(skip.Reason).Append(')');
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
