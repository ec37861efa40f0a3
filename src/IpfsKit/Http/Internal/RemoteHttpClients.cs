using IpfsKit.Resilience;
using IpfsKit.Resilience.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Http.Internal;

/// <summary>
/// Registers the named <see cref="HttpClient"/>s of the remotes, and is the one place where IpfsKit adds a resilience
/// pipeline to one (<see cref="ResiliencePipelines"/>, with <see cref="RejectedCallHandler"/> outside it so a timeout
/// or an open circuit reaches <see cref="RemoteHttp"/> as "no answer"). A second pipeline stacked on a client that has
/// this one would retry the retries: change this one through <see cref="IpfsKitResilienceOptions"/> instead.
/// </summary>
internal static class RemoteHttpClients
{
    /// <summary>Registers a named client.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name (also the pipeline's).</param>
    /// <param name="configure">Sets the client's base address and timeout.</param>
    /// <param name="resilience">The options of the client's pipeline, or null for a client without one (its callers retry at their own pace).</param>
    /// <returns>The client's builder, for more handlers.</returns>
    public static IHttpClientBuilder Add(IServiceCollection services, string name, Action<IServiceProvider, HttpClient> configure, Func<IServiceProvider, IpfsKitResilienceOptions>? resilience)
    {
        var builder = services.AddHttpClient(name, configure);
        if (resilience is not null)
        {
            builder
                .AddHttpMessageHandler(() => new RejectedCallHandler())
                .AddResilienceHandler(name, (pipeline, context) =>
                {
                    var options = resilience(context.ServiceProvider);
                    if (options.Enabled)
                    {
                        ResiliencePipelines.Configure(pipeline, options);
                    }
                });
        }

        return builder;
    }

    /// <summary>A remote's root as a base address: ending with <c>/</c>, so relative paths keep its path prefix.</summary>
    public static Uri Root(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
