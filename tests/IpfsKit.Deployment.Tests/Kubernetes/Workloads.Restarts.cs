using System.Collections;
using IpfsKit.Node;
using IpfsKit.Storage;
using k8s.Models;

namespace IpfsKit.Deployment.Tests.Kubernetes;

/// <summary>Issue 16 items 4 and 6 on the typed models: restarts that move nothing, and budgets with headroom.</summary>
internal static partial class Workloads
{
    /// <summary>.NET's default host shutdown timeout (HostOptions.ShutdownTimeout): how long the host may take to stop.</summary>
    public static readonly TimeSpan HostShutdown = TimeSpan.FromSeconds(30);

    /// <summary>How long a stopping worker waits for its master to take its leave (WorkerAgent).</summary>
    public static readonly TimeSpan WorkerLeave = TimeSpan.FromSeconds(3);

    /// <summary>What the runtime needs beside the memory tier: max(256 MiB, MAX_MEMORY ÷ 2).</summary>
    public static long MemoryHeadroom(long maxMemory) => Math.Max(256L << 20, maxMemory / 2);

    /// <summary>
    /// A restart moves nothing: an HPA's target has no replicas field (the HPA owns the count); the workers have a
    /// PodDisruptionBudget of one and the master none; every pod leaves its endpoints (preStop sleep) before SIGTERM
    /// and has time for the sleep, the host's shutdown and the leave; the master's away grace outlasts a worker's stop.
    /// </summary>
    public static void AssertRestartsMoveNothing(IReadOnlyList<Manifest> manifests)
    {
        var models = manifests.Select(static m => m.Model).ToList();
        foreach (var hpa in models.OfType<V2HorizontalPodAutoscaler>())
        {
            var target = manifests.Single(m => m.Kind == hpa.Spec.ScaleTargetRef.Kind && m.Name == hpa.Spec.ScaleTargetRef.Name);
            Assert.True(target.Tree.Get("spec", "replicas") is null, $"{target}: no replicas field, the HPA {hpa.Metadata.Name} owns the count");
        }

        var budget = Assert.Single(models.OfType<V1PodDisruptionBudget>());
        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        var selected = PodSpecs(manifests).Where(p => SelectorMatches(budget.Spec.Selector.MatchLabels, p.Manifest)).ToList();
        Assert.Equal("worker", Assert.Single(selected).Pod.Containers[0].Args[0]);

        TimeSpan? workerStop = null;
        TimeSpan? grace = null;
        foreach (var (manifest, pod) in PodSpecs(manifests))
        {
            var container = pod.Containers.Single();
            var command = container.Lifecycle?.PreStop?.Exec?.Command;
            Assert.True(command is ["sleep", _], $"{manifest}: preStop sleeps before SIGTERM");
            var sleep = TimeSpan.FromSeconds(int.Parse(command![1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.InRange(sleep, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));
            var stop = TimeSpan.FromSeconds(pod.TerminationGracePeriodSeconds ?? 30);
            Assert.True(stop >= sleep + HostShutdown + WorkerLeave, $"{manifest}: terminationGracePeriodSeconds {stop.TotalSeconds} covers the sleep, the shutdown and the leave");
            if (container.Args[0] == "worker")
            {
                workerStop = stop;
            }
            else if (container.Args[0] == "master")
            {
                var env = Environment(container, manifests);
                env.Remove("IPFS_KIT_API_TOKEN_FILE"); // the file is traced by AssertEnvironmentAccepted; here the value will do
                env["IPFS_KIT_API_TOKEN"] = PlaceholderSecret;
                grace = NodeSettings.FromEnvironment(new Hashtable(env), []).AwayGrace;
            }
        }

        Assert.True(grace >= TimeSpan.FromMinutes(5), "the master's IPFS_KIT_AWAY_GRACE is set and fits a reschedule with a volume attach");
        Assert.True(grace > workerStop, "the grace outlasts a worker's stop");
    }

    /// <summary>
    /// Memory: the request holds MAX_MEMORY plus the runtime's headroom, and so does 75 % of the limit (.NET's GC heap
    /// limit in a container). The master's MAX_STORAGE holds its spool (at most 1.5 × its budget), the interior nodes of
    /// everything the workers can hold (DAG bytes ÷ 5,400: 256 KiB chunks, 174 links of ≈ 48 bytes) and 1 GiB of SQLite
    /// (docs/roles.md, "The master's disk").
    /// </summary>
    public static void AssertSizingHasHeadroom(IReadOnlyList<Manifest> manifests)
    {
        long workersStorage = 0;
        long? masterStorage = null;
        long spool = 0;
        foreach (var (manifest, pod) in PodSpecs(manifests))
        {
            var container = pod.Containers.Single();
            var env = Environment(container, manifests);
            var maxMemory = ByteSize.Parse(env["MAX_MEMORY"]).Bytes;
            var needed = maxMemory + MemoryHeadroom(maxMemory);
            Assert.True(container.Resources.Requests["memory"].ToInt64() >= needed, $"{manifest}: memory request ≥ MAX_MEMORY + max(256Mi, MAX_MEMORY/2) = {needed >> 20} MiB");
            Assert.True(container.Resources.Limits["memory"].ToInt64() * 3 / 4 >= needed, $"{manifest}: 75 % of the memory limit (the GC heap limit) ≥ {needed >> 20} MiB");
            var maxStorage = ByteSize.Parse(env["MAX_STORAGE"]).Bytes;
            switch (container.Args[0])
            {
                case "worker":
                    var count = manifests.Select(static m => m.Model).OfType<V2HorizontalPodAutoscaler>().FirstOrDefault()?.Spec.MaxReplicas
                        ?? (manifest.Model as V1StatefulSet)?.Spec.Replicas ?? 1;
                    workersStorage += maxStorage * count;
                    break;
                case "master":
                    masterStorage = maxStorage;
                    Assert.True(env.TryGetValue("IPFS_KIT_SPOOL_BUDGET", out var budget), $"{manifest}: the master's spool is bounded (IPFS_KIT_SPOOL_BUDGET)");
                    spool = ByteSize.Parse(budget!).Bytes;
                    break;
            }
        }

        var interior = workersStorage / 5400;
        Assert.True(masterStorage >= (spool * 3 / 2) + interior + (1L << 30), $"the master's MAX_STORAGE {masterStorage >> 20} MiB ≥ 1.5 × spool {spool >> 20} + interior {interior >> 20} + 1024 MiB");
    }
}
