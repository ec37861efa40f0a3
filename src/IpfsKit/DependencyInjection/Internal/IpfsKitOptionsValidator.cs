using IpfsKit.Transports;
using Microsoft.Extensions.Options;

namespace IpfsKit.DependencyInjection.Internal;

/// <summary>The cross-field rules of <see cref="IpfsKitOptions"/>, checked at start (<c>ValidateOnStart</c>).</summary>
internal sealed class IpfsKitOptionsValidator : IValidateOptions<IpfsKitOptions>
{
    public ValidateOptionsResult Validate(string? name, IpfsKitOptions options)
    {
        var failures = new List<string>();
        if (options.Transport is TransportKind.KuboRpc or TransportKind.Gateway && options.Endpoint is null)
        {
            failures.Add($"IpfsKit:Endpoint is required for the {options.Transport} transport (for example http://127.0.0.1:5001 for Kubo, http://127.0.0.1:8080 for a gateway).");
        }

        HttpUrl(failures, "IpfsKit:Endpoint", options.Endpoint);
        if (options.Roles.Role is Roles.NodeRole.Worker or Roles.NodeRole.Leecher && options.Roles.MasterNode is null)
        {
            failures.Add($"IpfsKit:Roles:MasterNode (MASTER_NODE) is required for the {options.Roles.Role} role: the master's absolute http(s) URL.");
        }

        HttpUrl(failures, "IpfsKit:Roles:MasterNode (MASTER_NODE)", options.Roles.MasterNode);

        for (var i = 0; i < options.Roles.KuboWorkers.Count; i++)
        {
            var url = options.Roles.KuboWorkers[i].Url;
            if (url is null)
            {
                failures.Add($"IpfsKit:Roles:KuboWorkers:{i}:Url is required: the Kubo daemon's RPC API root (e.g. http://10.0.0.5:5001).");
            }

            HttpUrl(failures, $"IpfsKit:Roles:KuboWorkers:{i}:Url (IPFS_KIT_KUBO_WORKERS)", url);
        }

        for (var i = 0; i < options.Roles.ClusterMembers.Count; i++)
        {
            var cluster = options.Roles.ClusterMembers[i];
            if (cluster.Url is null)
            {
                failures.Add($"IpfsKit:Roles:ClusterMembers:{i}:Url is required: the IPFS Cluster's REST API root (e.g. http://10.0.1.5:9094).");
            }

            HttpUrl(failures, $"IpfsKit:Roles:ClusterMembers:{i}:Url (IPFS_KIT_CLUSTER_MEMBERS)", cluster.Url);
            HttpUrl(failures, $"IpfsKit:Roles:ClusterMembers:{i}:ProxyUrl", cluster.ProxyUrl);
        }

        if (options.Roles.HeartbeatInterval <= TimeSpan.Zero || options.Roles.MissedHeartbeats < 1)
        {
            failures.Add("IpfsKit:Roles: HeartbeatInterval must be positive and MissedHeartbeats at least 1.");
        }

        if (options.Roles.AwayGrace < TimeSpan.Zero)
        {
            failures.Add($"IpfsKit:Roles:AwayGrace (IPFS_KIT_AWAY_GRACE) {options.Roles.AwayGrace} must not be negative (0 repairs a restarting worker at once).");
        }

        if (!(options.Roles.GcHighWater is > 0 and <= 1))
        {
            failures.Add($"IpfsKit:Roles:GcHighWater {options.Roles.GcHighWater} must be above 0 and at most 1 (a fraction of the store's budget).");
        }

        if (options.Roles.MaxMembers < 1)
        {
            failures.Add($"IpfsKit:Roles:MaxMembers {options.Roles.MaxMembers} must be at least 1.");
        }

        if (options.Roles.RebalanceBytesPerSecond.Bytes < 0)
        {
            failures.Add($"IpfsKit:Roles:RebalanceBytesPerSecond {options.Roles.RebalanceBytesPerSecond.Bytes} must not be negative (0 turns rebalancing off).");
        }

        if (options.Roles.MaxOfflineQueue < 1)
        {
            failures.Add("IpfsKit:Roles:MaxOfflineQueue must be at least 1.");
        }

        if (!Enum.IsDefined(options.Roles.MasterKeeps))
        {
            failures.Add($"IpfsKit:Roles:MasterKeeps '{options.Roles.MasterKeeps}' must be InteriorNodes, Nothing or Everything.");
        }

        HttpUrl(failures, "IpfsKit:ClusterEndpoint", options.ClusterEndpoint);

        if (options.Storage.MaxMemory.Bytes == 0 && (options.Storage.Path is null || options.Storage.MaxStorage.Bytes == 0))
        {
            failures.Add("IpfsKit:Storage disables both tiers: set MaxMemory above zero, or Path and MaxStorage above zero.");
        }

        try
        {
            options.Storage.Validate();
        }
        catch (ArgumentException ex)
        {
            failures.Add("IpfsKit:Storage: " + ex.Message);
        }

        var resilience = options.Resilience;
        if (resilience.AttemptTimeout <= TimeSpan.Zero || resilience.MaxRetryAttempts < 0 || resilience.FailureRatio is <= 0 or > 1
            || resilience.BreakDuration <= TimeSpan.Zero || resilience.SamplingDuration <= TimeSpan.Zero)
        {
            failures.Add("IpfsKit:Resilience needs AttemptTimeout, BreakDuration and SamplingDuration above zero, MaxRetryAttempts of 0 or more and FailureRatio in (0, 1].");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.IsNullOrEmpty(name) ? failures : failures.Select(f => $"IpfsKit client '{name}' (AddKeyedIpfsKit): {f}"));
    }

    /// <summary>
    /// A URL setting must be absolute http(s): <c>localhost:5001</c> parses as a URL of scheme "localhost", which would
    /// otherwise pass here and fail at the first call with an unwrapped NotSupportedException.
    /// </summary>
    private static void HttpUrl(List<string> failures, string key, Uri? url)
    {
        if (url is not null && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"{key} '{url.OriginalString}' must be an absolute http or https URL, for example http://{url.OriginalString.Split("://")[^1].TrimStart('/')}.");
        }
    }
}
