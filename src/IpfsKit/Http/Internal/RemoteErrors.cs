using System.Net;
using IpfsKit.Errors;

namespace IpfsKit.Http.Internal;

/// <summary>
/// The one factory of <see cref="IpfsKitRemoteException"/> (STYLE rule 11): every remote client builds its errors
/// here, so an unreachable remote, an error answer and an answer that is not the protocol read the same everywhere.
/// </summary>
internal static class RemoteErrors
{
    /// <summary>No answer came (refused, reset, closed, timed out, open circuit); names the remote's root and its setting.</summary>
    /// <param name="endpoint">The call, for example <c>POST /api/v0/id</c>.</param>
    /// <param name="root">The remote's configured root, or null when not known.</param>
    /// <param name="setting">The setting that names the root (for example <c>IpfsKit:Endpoint</c>), or null.</param>
    /// <param name="cause">What failed.</param>
    public static IpfsKitRemoteException Unreachable(string endpoint, Uri? root, string? setting, Exception cause)
    {
        var message = Describe(cause);
        if (root is not null)
        {
            message += setting is null
                ? $" (no answer from {root.GetLeftPart(UriPartial.Path)})"
                : $" (no answer from {root.GetLeftPart(UriPartial.Path)}, {setting})";
        }

        return new IpfsKitRemoteException(endpoint, null, message, null, cause, RemoteErrorCode.Unreachable);
    }

    /// <summary>An error answer (non-2xx, an error line or trailer in a stream) as the remote's parser read it.</summary>
    public static IpfsKitRemoteException Answer(string endpoint, HttpStatusCode? status, RemoteError error, Exception? cause = null) =>
        new(endpoint, status, error.Message, error.RemoteCode, cause, error.Code);

    /// <summary>The answer was 2xx but not what the call returns: <c>unexpected answer: {detail}</c>.</summary>
    public static IpfsKitRemoteException Malformed(string endpoint, HttpStatusCode? status, string detail, Exception? cause = null) =>
        new(endpoint, status, $"unexpected answer: {detail}", null, cause, RemoteErrorCode.MalformedAnswer);

    /// <summary>The remote sent more than the caller accepts.</summary>
    public static IpfsKitRemoteException TooLarge(string endpoint, HttpStatusCode? status, string detail, string? remoteCode = null) =>
        new(endpoint, status, detail, remoteCode, null, RemoteErrorCode.TooLarge);

    /// <summary>A failure that is neither an answer nor a lost connection (a local step of a remote operation failed).</summary>
    public static IpfsKitRemoteException Failed(string endpoint, HttpStatusCode? status, string detail, string? remoteCode = null, Exception? cause = null) =>
        new(endpoint, status, detail, remoteCode, cause, RemoteErrorCode.Unknown);

    /// <summary>A remote's error answer that refuses the operation for good (sending it again cannot succeed).</summary>
    public static IpfsKitOperationRefusedException Refused(IpfsKitRemoteException answer) =>
        new(answer.Endpoint, answer.RemoteMessage, answer);

    /// <summary>The typed code an HTTP status alone implies (401/403, 404), for parsers whose tables know nothing better.</summary>
    public static RemoteErrorCode CodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => RemoteErrorCode.Unauthorized,
        HttpStatusCode.NotFound => RemoteErrorCode.NotFound,
        _ => RemoteErrorCode.Unknown,
    };

    /// <summary>Tells whether an exception from sending or reading means no (whole) answer came, the caller's cancellation aside.</summary>
    public static bool IsUnreachable(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>A cancellation that is not the caller's is a timeout (<see cref="HttpClient.Timeout"/>) and says so; other causes keep their message.</summary>
    private static string Describe(Exception cause) =>
        cause is OperationCanceledException ? $"no answer in time: {cause.Message}" : cause.Message;
}
