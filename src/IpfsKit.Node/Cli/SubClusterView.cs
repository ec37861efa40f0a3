using System.Globalization;
using System.Net;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;

namespace IpfsKit.Node.Cli;

/// <summary>
/// The levels below a master in a composite cluster, as the CLI prints them: each member that is itself a master
/// (<see cref="MemberKind.Master"/>) is asked, with the same token, for its own members (<c>peers</c>) and for its plans
/// of the pins its parent placed on it (<c>shard plan --show</c>), down to <see cref="MaxDepth"/> levels. A sub-master that
/// cannot be reached is said so on its line; the rest of the tree is still printed.
/// </summary>
internal sealed class SubClusterView(HttpClient parent)
{
    /// <summary>How many levels below the node the CLI follows (a composite cluster deeper than this is cut, and says so).</summary>
    public const int MaxDepth = 8;

    /// <summary>Writes a master's members, each sub-master's own members indented below it.</summary>
    public async Task WriteMembersAsync(TextWriter output, IReadOnlyList<WorkerInfo> members, int depth, CancellationToken cancellationToken)
    {
        var indent = new string(' ', 2 * depth);
        foreach (var w in members.OrderBy(w => w.WorkerId, StringComparer.Ordinal))
        {
            var kind = w.Kind switch
            {
                MemberKind.Master => $"sub-cluster master of {w.Members} member(s)  ",
                MemberKind.Kubo => "kubo daemon (polled by the master)  ",
                MemberKind.IpfsCluster => "ipfs cluster (polled by the master)  ",
                _ => "",
            };
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{indent}{w.WorkerId}  {w.State.ToString().ToLowerInvariant()}  {kind}free {ByteText.Size(w.FreeBytes)} of {ByteText.Size(w.CapacityBytes)}  {w.PinCount} pins  zone {w.Zone ?? "-"}  {w.ApiUrl}")).ConfigureAwait(false);
            if (w.Kind != MemberKind.Master || w.State != WorkerState.Alive)
            {
                continue;
            }

            if (depth + 1 >= MaxDepth)
            {
                await output.WriteLineAsync($"{indent}  (deeper levels not shown: more than {MaxDepth})").ConfigureAwait(false);
                continue;
            }

            using var sub = For(w.ApiUrl);
            IReadOnlyList<WorkerInfo> below;
            try
            {
                below = await new MasterLinkClient(sub).ListWorkersAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IpfsKitRemoteException e)
            {
                await output.WriteLineAsync($"{indent}  (its members cannot be listed: {e.RemoteMessage})").ConfigureAwait(false);
                continue;
            }

            await WriteMembersAsync(output, below, depth + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes, below a target of a plan that is a sub-cluster's master, how that master placed the pins it was given:
    /// per member, the bytes and placements over all those pins' plans; then the same one level further down.
    /// </summary>
    public async Task WriteSubPlansAsync(TextWriter output, WorkerInfo master, IReadOnlyList<ShardPin> pins, string indent, int depth, CancellationToken cancellationToken)
    {
        using var sub = For(master.ApiUrl);
        var plans = new List<ShardPlan>();
        IReadOnlyList<WorkerInfo> members;
        try
        {
            members = await new MasterLinkClient(sub).ListWorkersAsync(cancellationToken).ConfigureAwait(false);
            foreach (var pin in pins)
            {
                using var response = await sub.GetAsync(new Uri($"{CoordinationPaths.PinPlanPrefix.TrimStart('/')}{pin.Cid}/plan", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    plans.Add(ShardPlanJson.Deserialize(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)));
                }
            }
        }
        catch (Exception e) when (e is IpfsKitRemoteException or HttpRequestException)
        {
            await output.WriteLineAsync($"{indent}(sub-cluster {master.WorkerId} cannot be read: {e.Message})").ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{indent}level {depth}: sub-cluster {master.WorkerId} placed {plans.Count} of its {pins.Count} pin(s) on {plans.SelectMany(p => p.Targets).Distinct().Count()} member(s)")).ConfigureAwait(false);
        foreach (var target in plans.SelectMany(p => p.Targets).Distinct().Order(StringComparer.Ordinal))
        {
            var placements = plans.SelectMany(p => p.PlacementsOf(target)).ToList();
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{indent}  {target}  {ByteText.Size(placements.Sum(p => p.Bytes))} in {placements.Count} placement(s)")).ConfigureAwait(false);
            if (members.FirstOrDefault(m => target.EndsWith(m.WorkerId, StringComparison.Ordinal)) is { Kind: MemberKind.Master } deeper && depth < MaxDepth)
            {
                await WriteSubPlansAsync(output, deeper, [.. placements.SelectMany(p => p.Pins)], indent + "    ", depth + 1, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A client of another node of the cluster, with the token the CLI was given.</summary>
    private HttpClient For(Uri url)
    {
        var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = parent.DefaultRequestHeaders.Authorization;
        return client;
    }
}
