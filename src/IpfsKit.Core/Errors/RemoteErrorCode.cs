namespace IpfsKit.Errors;

/// <summary>
/// What kind of failure an <see cref="IpfsKitRemoteException"/> reports, so callers branch on a code instead of the
/// remote's message text. Each remote's error parser maps its known answers to these codes in one table.
/// </summary>
public enum RemoteErrorCode
{
    /// <summary>The remote answered an error that no table knows; see <see cref="IpfsKitRemoteException.RemoteMessage"/>.</summary>
    Unknown = 0,

    /// <summary>No answer came: the connection was refused or broke, the call timed out, or the circuit is open.</summary>
    Unreachable,

    /// <summary>The remote answered, but not what its protocol says (not JSON, a missing field, a JSON null).</summary>
    MalformedAnswer,

    /// <summary>The remote does not have what was asked for (HTTP 404, or a "not found" message).</summary>
    NotFound,

    /// <summary>The remote refused the caller's credentials (HTTP 401 or 403).</summary>
    Unauthorized,

    /// <summary>An unpin named a CID that is not pinned, or not in the mode asked for (Kubo's <c>not pinned or pinned indirectly</c>).</summary>
    NotPinned,

    /// <summary>A pubsub publish found no peer to send to (js-ipfs's <c>PublishError.InsufficientPeers</c>).</summary>
    InsufficientPeers,

    /// <summary>The remote sent more bytes than the caller accepts (for example a block above the maximum block size).</summary>
    TooLarge,
}
