using System.Globalization;
using Cronos;
using IpfsKit.Errors;

namespace IpfsKit.Roles.Leecher;

/// <summary>
/// An edge leecher's sync windows (<see cref="RolesOptions.SyncSchedule"/>, <see cref="RolesOptions.SyncWindow"/>): a
/// window opens at each occurrence of a cron expression (UTC; five fields, or six with seconds first) and stays open for
/// a duration. The leecher drains its outbox and refreshes its prioritized CIDs only inside a window.
/// </summary>
/// <remarks>Immutable and thread-safe. Time is passed in, so the window logic needs no clock of its own.</remarks>
public sealed class SyncSchedule
{
    private readonly CronExpression _cron;

    private SyncSchedule(string expression, CronExpression cron, TimeSpan window)
    {
        Expression = expression;
        _cron = cron;
        Window = window;
    }

    /// <summary>Gets the cron expression.</summary>
    public string Expression { get; }

    /// <summary>Gets how long each window stays open after an occurrence.</summary>
    public TimeSpan Window { get; }

    /// <summary>Parses a schedule.</summary>
    /// <param name="expression">A cron expression: five fields (<c>0 */4 * * *</c>) or six with seconds first (<c>*/10 * * * * *</c>), UTC.</param>
    /// <param name="window">How long a window stays open; above zero.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="IpfsKitFormatException">The expression is not a cron expression, or the window is not above zero.</exception>
    public static SyncSchedule Parse(string expression, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (window <= TimeSpan.Zero)
        {
            throw new IpfsKitFormatException($"The sync window '{window}' is not above zero.");
        }

        var trimmed = expression.Trim();
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            var cron = fields switch
            {
                5 => CronExpression.Parse(trimmed, CronFormat.Standard),
                6 => CronExpression.Parse(trimmed, CronFormat.IncludeSeconds),
                _ => throw new IpfsKitFormatException($"'{expression}' is not a cron expression: it has {fields.ToString(CultureInfo.InvariantCulture)} fields, not 5 (minute hour day month weekday) or 6 (seconds first)."),
            };
            return new SyncSchedule(trimmed, cron, window);
        }
        catch (CronFormatException ex)
        {
            throw new IpfsKitFormatException($"'{expression}' is not a cron expression: {ex.Message}");
        }
    }

    /// <summary>Tells when the window open at <paramref name="now"/> closes.</summary>
    /// <param name="now">The time.</param>
    /// <returns>The end of the open window (of the latest occurrence at or before <paramref name="now"/>), or <see langword="null"/> when no window is open.</returns>
    public DateTimeOffset? ClosesAt(DateTimeOffset now)
    {
        DateTimeOffset? closes = null;
        var from = now - Window;
        while (_cron.GetNextOccurrence(from.UtcDateTime, inclusive: closes is null) is { } occurrence && occurrence <= now.UtcDateTime)
        {
            closes = new DateTimeOffset(occurrence, TimeSpan.Zero) + Window;
            from = new DateTimeOffset(occurrence, TimeSpan.Zero);
        }

        return closes > now ? closes : null;
    }

    /// <summary>Tells when the next window opens after <paramref name="now"/>.</summary>
    /// <param name="now">The time.</param>
    /// <returns>The next occurrence after <paramref name="now"/>, or <see langword="null"/> when the expression has none (e.g. February 30th).</returns>
    public DateTimeOffset? NextOpening(DateTimeOffset now) =>
        _cron.GetNextOccurrence(now.UtcDateTime, inclusive: false) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    /// <inheritdoc />
    public override string ToString() => $"{Expression} for {Window}";
}
