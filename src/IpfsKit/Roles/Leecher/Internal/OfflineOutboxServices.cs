using IpfsKit.Diagnostics.Internal;
using IpfsKit.Internal;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>Registers a remote transport's durable offline outbox (<c>WithOfflineOutbox</c>): the outbox, the policy, the agent.</summary>
internal static class OfflineOutboxServices
{
    public static void Add(IServiceCollection services, OfflineOutboxOptions options)
    {
        services.TryAddSingleton(sp => new LeecherOutbox(
            (ReferenceEquals(options.TimeProvider, TimeProvider.System) ? options with { TimeProvider = sp.GetRequiredService<TimeProvider>() } : options)
                with { Metrics = options.Metrics ?? sp.GetService<IpfsKitMetrics>() }));
        services.TryAddSingleton<ILeecherOutbox>(sp => sp.GetRequiredService<LeecherOutbox>());
        services.TryAddSingleton<OfflineOutboxLink>();
        services.TryAddSingleton<IRoleTransportPolicy, OfflineOutboxPolicy>();
        services.AddHostedService<OfflineOutboxAgent>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IpfsKitOptions>, Validator>());
    }

    /// <summary>The outbox needs a remote transport, and a disk tier to hold what was added offline across restarts.</summary>
    private sealed class Validator : IValidateOptions<IpfsKitOptions>
    {
        public ValidateOptionsResult Validate(string? name, IpfsKitOptions options)
        {
            if (!string.IsNullOrEmpty(name))
            {
                return ValidateOptionsResult.Skip;
            }

            var failures = new List<string>();
            if (options.Transport == TransportKind.Embedded)
            {
                failures.Add("WithOfflineOutbox needs a remote transport (UseKuboRpc): the embedded node writes locally, and a leecher (UseRole) has its own outbox.");
            }

            if (options.Storage.Path is null || options.Storage.MaxStorage.Bytes == 0)
            {
                failures.Add("WithOfflineOutbox needs IpfsKit:Storage:Path (and MaxStorage above zero): adds made offline wait in that disk cache until they are sent.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
