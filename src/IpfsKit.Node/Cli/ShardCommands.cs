using System.CommandLine;
using System.Globalization;
using System.Net;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;

namespace IpfsKit.Node.Cli;

/// <summary><c>shard plan CID [--show] [--json]</c>: a master's placement plan for a sharded pin, level by level with --show.</summary>
internal static class ShardCommands
{
    public static Command Create(CliOptions options)
    {
        var cid = CliOptions.CidArgument("The sharded pin's root");
        var show = new Option<bool>("--show") { Description = "Also list every pin of every placement, and how each sub-cluster placed its share (level by level)" };
        var json = new Option<bool>("--json") { Description = "Print the plan's JSON as the master serves it" };
        var plan = new Command("plan", "Print a master's plan for a pin: target -> placements (leaf range, bytes, pins)") { cid, show, json };
        plan.SetAction((result, ct) => CliApp.RunAsync(options, result, async context =>
        {
            var root = result.GetValue(cid);
            var path = CoordinationPaths.PinPlanPrefix.TrimStart('/') + root + "/plan";
            string text;
            using (var response = await context.Node.SendAsync(HttpMethod.Get, path, null, allowNotFound: true, ct).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    // A pin the master holds but has not placed (it waits for members with its tags, or for any member): its state and reason.
                    var known = await FindPinAsync(context, root, ct).ConfigureAwait(false)
                        ?? throw new CliException($"{context.Node.NodeUrl} has no plan for {root} (not a master, or the pin is not sharded)");
                    await context.Out.WriteLineAsync($"{root}  {known.State.ToString().ToLowerInvariant()}, no plan in force{(known.Error is { } reason ? ": " + reason : "")}").ConfigureAwait(false);
                    return 0;
                }

                text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            }

            if (result.GetValue(json))
            {
                await context.Out.WriteLineAsync(text).ConfigureAwait(false);
                return 0;
            }

            var planned = ShardPlanJson.Deserialize(text);
            var pins = await new MasterLinkClient(context.Node.Http).ListPinsAsync(ct).ConfigureAwait(false);
            var replication = pins.FirstOrDefault(p => Cid.Parse(p.Cid).ToV1().Equals(planned.Root.ToV1()))?.Replication;
            // With --show, a target that is a sub-cluster's master is followed down: how it placed what it was given.
            Func<string, IReadOnlyList<ShardPin>, string, Task>? below = null;
            if (result.GetValue(show))
            {
                var members = await new MasterLinkClient(context.Node.Http).ListWorkersAsync(ct).ConfigureAwait(false);
                var view = new SubClusterView(context.Node.Http);
                below = (target, targetPins, indent) => members.FirstOrDefault(m => target == m.WorkerId || target.EndsWith("/" + m.WorkerId, StringComparison.Ordinal)) is { Kind: MemberKind.Master } sub
                    ? view.WriteSubPlansAsync(context.Out, sub, targetPins, indent, 2, ct)
                    : Task.CompletedTask;
            }

            await WriteTreeAsync(context.Out, planned, result.GetValue(show), replication, below).ConfigureAwait(false);
            return 0;
        }));
        var shard = new Command("shard", "Inspect sharded pins");
        shard.Subcommands.Add(plan);
        return shard;
    }

    private static async Task<MasterPinInfo?> FindPinAsync(CliContext context, Cid root, CancellationToken cancellationToken)
    {
        try
        {
            var pins = await new MasterLinkClient(context.Node.Http).ListPinsAsync(cancellationToken).ConfigureAwait(false);
            return pins.FirstOrDefault(p => Cid.TryParse(p.Cid, out var cid) && cid.ToV1().Equals(root.ToV1()));
        }
        catch (IpfsKitRemoteException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null; // not a master
        }
    }

    /// <summary>
    /// Writes the plan as a tree: the root (with the pin's live replication as the master shows it, e.g.
    /// <c>under-replicated (1 of 2)</c>), each target, each of its placements, and (with pins) their pins; for a target
    /// that is a sub-cluster's master, <paramref name="below"/> writes the level below it (composite clusters).
    /// </summary>
    internal static async Task WriteTreeAsync(TextWriter output, ShardPlan plan, bool pins, string? replication = null, Func<string, IReadOnlyList<ShardPin>, string, Task>? below = null)
    {
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{plan.Root}  {ByteText.Size(plan.TotalBytes)}, {plan.TotalLeaves} leaves, replication {replication ?? plan.Replication.ToString(CultureInfo.InvariantCulture)}, {plan.Targets.Count} targets")).ConfigureAwait(false);
        var targets = plan.Targets;
        for (var t = 0; t < targets.Count; t++)
        {
            var lastTarget = t == targets.Count - 1;
            var placements = plan.PlacementsOf(targets[t]).OrderBy(p => p.FirstLeaf).ThenBy(p => p.Replica).ToList();
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{(lastTarget ? "└─ " : "├─ ")}{targets[t]}  {ByteText.Size(plan.BytesOf(targets[t]))} in {placements.Count} placement(s)")).ConfigureAwait(false);
            var indent = lastTarget ? "   " : "│  ";
            if (below is not null)
            {
                await below(targets[t], [.. placements.SelectMany(p => p.Pins)], indent).ConfigureAwait(false);
            }

            for (var p = 0; p < placements.Count; p++)
            {
                var placement = placements[p];
                var lastPlacement = p == placements.Count - 1;
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{indent}{(lastPlacement ? "└─ " : "├─ ")}replica {placement.Replica}  leaves [{placement.FirstLeaf}, {placement.FirstLeaf + placement.LeafCount})  {ByteText.Size(placement.Bytes)}  {placement.Pins.Count} pin(s)")).ConfigureAwait(false);
                if (pins)
                {
                    foreach (var pin in placement.Pins)
                    {
                        await output.WriteLineAsync($"{indent}{(lastPlacement ? "   " : "│  ")}   {(pin.Recursive ? "recursive" : "direct   ")} {pin.Cid}").ConfigureAwait(false);
                    }
                }
            }
        }
    }
}
