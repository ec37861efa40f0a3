using IpfsKit.Errors;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Sqlite.Internal;

/// <summary>
/// Tells a missing native SQLite apart from other open failures. IpfsKit compiles against Microsoft.Data.Sqlite.Core
/// (managed only); the native library comes with SQLitePCLRaw.bundle_e_sqlite3, which the package <c>IpfsKit</c> brings
/// and <c>IpfsKit.Managed</c> does not. Without it, SQLitePCLRaw throws a plain <see cref="Exception"/> asking for a
/// provider (or a <see cref="DllNotFoundException"/> when the bundle lacks the app's platform).
/// </summary>
internal static class SqliteNativeLibrary
{
    /// <summary>The package that brings the native SQLite with IpfsKit.</summary>
    public const string PackageWithNative = "IpfsKit";

    /// <summary>The package without it.</summary>
    public const string ManagedPackage = "IpfsKit.Managed";

    /// <summary>The SQLitePCLRaw bundle that holds the native library.</summary>
    public const string BundlePackage = "SQLitePCLRaw.bundle_e_sqlite3";

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown while opening a connection, means this app has no usable native
    /// SQLite: it is not a <see cref="SqliteException"/> (SQLite ran and refused) and SQLitePCLRaw cannot call SQLite.
    /// </summary>
    public static bool IsMissing(Exception exception)
    {
        if (exception is SqliteException or OperationCanceledException)
        {
            return false;
        }

        try
        {
            _ = SQLitePCL.raw.sqlite3_libversion_number();
            return false;
        }
#pragma warning disable CA1031 // any failure to call SQLite at all means it is not there
        catch (Exception)
#pragma warning restore CA1031
        {
            return true;
        }
    }

    /// <summary>The error for <paramref name="what"/> at <paramref name="dataSource"/>, naming the package to add.</summary>
    public static IpfsKitStorageException MissingError(string dataSource, string what, Exception innerException) =>
        new(dataSource,
            $"{what} needs the native SQLite library, which this app does not ship: reference the package '{PackageWithNative}' "
            + $"instead of '{ManagedPackage}' (or add '{BundlePackage}')",
            innerException);
}
