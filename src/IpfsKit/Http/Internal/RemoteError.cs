using IpfsKit.Errors;

namespace IpfsKit.Http.Internal;

/// <summary>What a remote's error answer said, as its <see cref="IRemoteErrorParser"/> read it.</summary>
/// <param name="Message">The remote's message, or a description of the answer (never empty).</param>
/// <param name="RemoteCode">The remote's own code or type (Kubo's <c>Type</c>, the cluster's <c>code</c>), when it gave one.</param>
/// <param name="Code">The typed code callers branch on.</param>
internal readonly record struct RemoteError(string Message, string? RemoteCode, RemoteErrorCode Code);
