using IpfsKit.Errors;

namespace IpfsKit.Storage.Internal;

/// <summary>Builds the exceptions of the disk tier, so every storage failure says where and why in the same words.</summary>
internal static class StorageErrors
{
    private const int ENOSPC = 28;
    private const int EROFS = 30;
    private const int EDQUOT = 122;

    /// <summary>Tells whether an exception is an I/O failure the tier turns into <see cref="IpfsKitStorageException"/>.</summary>
    public static bool IsIoFailure(Exception exception) => exception is IOException or UnauthorizedAccessException;

    public static IpfsKitStorageException Storage(string path, string what, Exception innerException) =>
        new(path, $"{what}: {Describe(innerException)}", innerException);

    public static IpfsKitCapacityException Capacity(string root, long requiredBytes, long availableBytes) =>
        new($"disk tier at {root}", requiredBytes, Math.Max(0, availableBytes));

    /// <summary>Says in words what an I/O exception means: disk full, access denied, or the runtime's message.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        IOException io when (io.HResult & 0xFFFF) is ENOSPC => "the disk is full",
        IOException io when (io.HResult & 0xFFFF) is EDQUOT => "the disk quota is exceeded",
        IOException io when (io.HResult & 0xFFFF) is EROFS => "the file system is read-only",
        UnauthorizedAccessException => "access is denied",
        _ => exception.Message,
    };
}
