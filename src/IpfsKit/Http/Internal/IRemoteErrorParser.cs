using System.Net;

namespace IpfsKit.Http.Internal;

/// <summary>
/// Reads one remote's error body (Kubo's <c>{"Message","Code","Type"}</c>, the cluster's <c>{"code","message"}</c>,
/// a gateway's text, the master's Kubo or problem JSON). Never throws: any text gives a typed result.
/// </summary>
internal interface IRemoteErrorParser
{
    /// <summary>Reads an error answer.</summary>
    /// <param name="status">The answer's status.</param>
    /// <param name="body">The start of the body (at most <see cref="RemoteBody.MaxErrorBodyLength"/> bytes, decoded as UTF-8).</param>
    /// <param name="reasonPhrase">The status line's reason phrase, used when the body says nothing.</param>
    /// <returns>The error.</returns>
    RemoteError Parse(HttpStatusCode status, string body, string? reasonPhrase);
}
