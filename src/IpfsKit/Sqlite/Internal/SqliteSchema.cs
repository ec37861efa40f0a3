namespace IpfsKit.Sqlite.Internal;

/// <summary>
/// The schema of one kind of database file, as ordered migrations: migration <c>n</c> (1-based) takes a file from
/// <c>PRAGMA user_version = n - 1</c> to <c>n</c>. Types that share a file share its schema.
/// </summary>
/// <remarks>
/// Migration 1 of every schema is the tables as they were before versioning, written with <c>IF NOT EXISTS</c>, so a
/// file made before versioning (version 0, its tables there) opens unchanged. Later migrations are appended, never edited.
/// </remarks>
/// <param name="What">What the file holds, for errors ("the pinset database").</param>
/// <param name="Migrations">The SQL of each migration, in order.</param>
internal sealed record SqliteSchema(string What, IReadOnlyList<string> Migrations)
{
    /// <summary>Gets the version a file has once every migration ran.</summary>
    public int Version => Migrations.Count;
}
