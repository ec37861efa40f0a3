namespace IpfsKit.Sqlite.Internal;

/// <summary>
/// The pragmas every IpfsKit database is opened with: write-ahead logging (files only; an in-memory database has no
/// log), <c>synchronous = FULL</c> so a committed transaction survives a process kill and a power cut, and a 30 s busy
/// timeout so two connections to one file (the master's membership and pinset) wait for each other instead of failing.
/// </summary>
internal static class SqlitePragmas
{
    /// <summary>The busy timeout, in milliseconds.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>Gets the statements to run on a fresh connection (outside any transaction: the journal mode needs that).</summary>
    /// <param name="inMemory">Whether the database lives in memory (no journal mode change then).</param>
    /// <returns>The pragma statements.</returns>
    public static string For(bool inMemory) =>
        (inMemory ? string.Empty : "PRAGMA journal_mode = WAL; ")
        + "PRAGMA synchronous = FULL; PRAGMA busy_timeout = " + BusyTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
}
