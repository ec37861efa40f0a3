using System.Net;

namespace IpfsKit.Errors;

/// <summary>
/// Thrown when a remote node, gateway or cluster answers with an error, answers something that is not its protocol,
/// or cannot be reached. Carries the remote's own message (Kubo's <c>{Message, Code, Type}</c>, IPFS Cluster's
/// <c>{code, message}</c>, a stream's <c>X-Stream-Error</c> trailer).
/// </summary>
public sealed class IpfsKitRemoteException : IpfsKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The URL or operation that failed, for example <c>POST http://127.0.0.1:5001/api/v0/add</c>.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> when no answer came (connection refused, reset, timeout).</param>
    /// <param name="remoteMessage">The remote's message, or a description of what went wrong.</param>
    /// <param name="remoteCode">The remote's error code or type, when it gave one.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    /// <param name="errorCode">What kind of failure this is (<see cref="ErrorCode"/>); <see langword="null"/> (the default)
    /// means <see cref="RemoteErrorCode.Unreachable"/> when <paramref name="statusCode"/> is <see langword="null"/>, else
    /// <see cref="RemoteErrorCode.Unknown"/>.</param>
    public IpfsKitRemoteException(string endpoint, HttpStatusCode? statusCode, string remoteMessage, string? remoteCode = null, Exception? innerException = null, RemoteErrorCode? errorCode = null)
        : base(Compose(endpoint, statusCode, remoteMessage), innerException)
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
        RemoteMessage = remoteMessage;
        RemoteCode = remoteCode;
        ErrorCode = errorCode ?? (statusCode is null ? RemoteErrorCode.Unreachable : RemoteErrorCode.Unknown);
    }

    /// <summary>Creates the exception with a message only.</summary>
    public IpfsKitRemoteException()
        : this(string.Empty, null, "a remote call failed", null, null, RemoteErrorCode.Unknown)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What failed.</param>
    public IpfsKitRemoteException(string message)
        : this(string.Empty, null, message, null, null, RemoteErrorCode.Unknown)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public IpfsKitRemoteException(string message, Exception? innerException)
        : this(string.Empty, null, message, null, innerException, RemoteErrorCode.Unknown)
    {
    }

    /// <summary>Gets the URL or operation that failed.</summary>
    public string Endpoint { get; }

    /// <summary>Gets the HTTP status, or <see langword="null"/> when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the remote's message, or a description of what went wrong.</summary>
    public string RemoteMessage { get; }

    /// <summary>Gets the remote's error code or type, when it gave one.</summary>
    public string? RemoteCode { get; }

    /// <summary>Gets what kind of failure this is, for callers that branch on it (never on <see cref="RemoteMessage"/>).</summary>
    public RemoteErrorCode ErrorCode { get; }

    private static string Compose(string endpoint, HttpStatusCode? status, string message) =>
        status is { } code ? $"{endpoint} failed with {(int)code} {code}: {message}" : $"{endpoint} failed: {message}";
}
