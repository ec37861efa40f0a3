using System.CommandLine;
using System.Globalization;
using System.Net;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;

namespace IpfsKit.Node.Cli;

/// <summary><c>status</c> and <c>peers</c>.</summary>
internal static class NodeCommands
{
    public static Command Status(CliOptions options)
    {
        var command = new Command("status", "Print the node's id, repo stat and health; exit 1 when unhealthy");
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, context => StatusAsync(context, ct)));
        return command;
    }

    public static Command Peers(CliOptions options)
    {
        var command = new Command("peers", "List a master's members (state, free space; sub-clusters as a tree), else the node's swarm peers");
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, context => PeersAsync(context, ct)));
        return command;
    }

    private static async Task<int> StatusAsync(CliContext context, CancellationToken cancellationToken)
    {
        var node = context.Node;
        string health;
        var healthy = true;
        using (var json = await node.SendForJsonAsync(HttpMethod.Get, "health", allowNotFound: true, cancellationToken).ConfigureAwait(false))
        {
            var status = json.RootElement.GetProperty("status").GetString() ?? "unknown";
            healthy = status != "unhealthy";
            var parts = json.RootElement.TryGetProperty("components", out var components)
                ? components.EnumerateObject().Select(c => $"{c.Name} {c.Value.GetProperty("status").GetString()}")
                : [];
            health = $"{status} ({string.Join(", ", parts)})";
        }

        string id, agent;
        using (var json = await node.SendForJsonAsync(HttpMethod.Post, "api/v0/id", allowNotFound: false, cancellationToken).ConfigureAwait(false))
        {
            id = json.RootElement.TryGetProperty("ID", out var value) && value.GetString() is { Length: > 0 } text ? text : "(none)";
            agent = json.RootElement.TryGetProperty("AgentVersion", out value) ? value.GetString() ?? "" : "";
        }

        var repo = await node.Kubo.RepoStatAsync(cancellationToken).ConfigureAwait(false);
        var o = context.Out;
        await o.WriteLineAsync($"node     {node.NodeUrl}").ConfigureAwait(false);
        await o.WriteLineAsync($"id       {id}").ConfigureAwait(false);
        await o.WriteLineAsync($"agent    {agent}").ConfigureAwait(false);
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"repo     {ByteText.Size(repo.RepoSize)} used of {ByteText.Size(repo.StorageMax)}, {repo.NumObjects} objects")).ConfigureAwait(false);
        await o.WriteLineAsync($"health   {health}").ConfigureAwait(false);
        if (!healthy)
        {
            throw new CliException($"the node at {node.NodeUrl} is unhealthy: {health}");
        }

        return 0;
    }

    private static async Task<int> PeersAsync(CliContext context, CancellationToken cancellationToken)
    {
        var node = context.Node;
        IReadOnlyList<WorkerInfo>? workers = null;
        try
        {
            workers = await new MasterLinkClient(node.Http).ListWorkersAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IpfsKitRemoteException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            // not a master (or a master without the coordination API): fall back to the swarm
        }

        if (workers is not null)
        {
            // A composite cluster prints as a tree: each sub-cluster's master with its own members below it.
            await context.Out.WriteLineAsync($"{workers.Count} member(s)").ConfigureAwait(false);
            await new SubClusterView(node.Http).WriteMembersAsync(context.Out, workers, 0, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        IReadOnlyList<IpfsKit.Transports.SwarmPeer> peers;
        try
        {
            peers = await node.Kubo.SwarmPeersAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IpfsKitRemoteException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            peers = [];
        }

        await context.Out.WriteLineAsync($"{peers.Count} peer(s)").ConfigureAwait(false);
        foreach (var peer in peers)
        {
            await context.Out.WriteLineAsync($"{peer.PeerId}  {peer.Address}").ConfigureAwait(false);
        }

        return 0;
    }
}
