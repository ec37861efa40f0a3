using IpfsKit.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Tests.Sqlite;

/// <summary>
/// With the native SQLite present (the tests reference the bundle, as the IpfsKit package does) no failure is taken for
/// a missing library, so a real open error keeps its own message. The missing case itself runs in a consumer app
/// published without it: tests/IpfsKit.Deployment.Tests/Packaging/ManagedPackageTests.
/// </summary>
[Trait("Category", "Storage")]
public sealed class SqliteNativeLibraryTests
{
    [Fact]
    public void IsMissing_NativeLibraryPresent_IsFalseForAnyFailure()
    {
        Assert.False(SqliteNativeLibrary.IsMissing(new InvalidOperationException("not SQLite's")));
        Assert.False(SqliteNativeLibrary.IsMissing(new SqliteException("SQLite Error 14: 'unable to open database file'.", 14)));
    }

    [Fact]
    public void MissingError_NamesThePackageToAdd()
    {
        var error = SqliteNativeLibrary.MissingError("/data/pins.db", "the pinset database", new InvalidOperationException("no provider"));

        Assert.Equal("/data/pins.db", error.Path);
        Assert.Contains("reference the package 'IpfsKit' instead of 'IpfsKit.Managed'", error.Reason, StringComparison.Ordinal);
        Assert.Contains("SQLitePCLRaw.bundle_e_sqlite3", error.Reason, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }
}
