using System.Net.Http.Headers;

namespace IpfsKit.Roles.Internal;

/// <summary>Adds <c>Authorization: Bearer &lt;token&gt;</c> to every request when a token is configured.</summary>
internal sealed class BearerTokenHandler(Func<string?> token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (token() is { Length: > 0 } value)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
