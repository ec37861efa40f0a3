using System.Text.RegularExpressions;
using IpfsKit.Deployment.Tests.Docker;
using IpfsKit.Deployment.Tests.Kubernetes;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace IpfsKit.Deployment.Tests.Helm;

public sealed partial class HelmChartTests
{
    [Fact]
    public void Render_NetworkPolicies_MembersReachTheirMasterAndBackAndOnlyTheApiAndGatewayFromOutside()
    {
        var values = WithImage();
        Set(values, "true", "networkPolicy", "enabled");
        SetYaml(values, "[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]", "networkPolicy", "apiFrom");
        SetYaml(values, "[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]", "networkPolicy", "metricsFrom");
        SetYaml(values, GpuPool, "workerPools");

        var manifests = Render(values);

        var policies = manifests.Select(static m => m.Model).OfType<V1NetworkPolicy>().ToList();
        var pods = Workloads.PodSpecs(manifests).ToDictionary(static p => PodLabels(p.Manifest)["app.kubernetes.io/component"], static p => PodLabels(p.Manifest));
        Assert.Equal(["leecher", "master", "worker", "worker-pool"], pods.Keys.Order(StringComparer.Ordinal));
        Assert.All(pods, p => Assert.Contains(policies, q => Selects(q.Spec.PodSelector, p.Value))); // no pod left open
        var outsider = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ipfs-kit", ["app.kubernetes.io/instance"] = "other", ["app.kubernetes.io/component"] = "worker" };

        // Members and the leecher reach their master, the master its workers; nothing else inside.
        Assert.True(Allowed(pods["worker"], "default", "master", "http"));
        Assert.True(Allowed(pods["worker-pool"], "default", "master", "http"));
        Assert.True(Allowed(pods["leecher"], "default", "master", "http"));
        Assert.True(Allowed(pods["master"], "default", "worker", "http"));
        Assert.True(Allowed(pods["master"], "default", "worker-pool", "http"));
        Assert.False(Allowed(pods["leecher"], "default", "worker", "http"));
        Assert.False(Allowed(pods["worker"], "default", "worker-pool", "http"));
        Assert.False(Allowed(outsider, "default", "master", "http")); // another release in the namespace
        // From outside: the API and gateway of the master and leecher to apiFrom; /metrics of every pod to metricsFrom.
        Assert.True(Allowed(null, "ingress-nginx", "master", "gateway"));
        Assert.True(Allowed(null, "ingress-nginx", "leecher", "http"));
        Assert.False(Allowed(null, "ingress-nginx", "worker", "http"));
        Assert.False(Allowed(null, "tenant-b", "master", "http"));
        Assert.All(pods.Keys, c => Assert.True(Allowed(null, "monitoring", c, "http"), $"monitoring scrapes {c}"));
        Assert.False(Allowed(null, "monitoring", "master", "gateway"));
        Assert.All(policies.SelectMany(static p => p.Spec.Ingress).SelectMany(static r => r.Ports), static p => Assert.Contains(p.Port.Value, new[] { "http", "gateway" }));

        bool Allowed(IDictionary<string, string>? from, string fromNamespace, string to, string port) =>
            policies.Where(p => Selects(p.Spec.PodSelector, pods[to])).SelectMany(static p => p.Spec.Ingress ?? [])
                .Any(r => r.Ports.Any(p => p.Port.Value == port) && r.FromProperty.Any(peer => peer.NamespaceSelector is { } ns
                    ? ns.MatchLabels["kubernetes.io/metadata.name"] == fromNamespace && peer.PodSelector is null
                    : fromNamespace == "default" && from is not null && Selects(peer.PodSelector, from)));
    }

    [Fact]
    public void Render_IngressWithTls_RoutesToTheGatewayPortOfItsRole()
    {
        var values = WithImage();
        Set(values, "true", "ingress", "enabled");
        Set(values, "leecher", "ingress", "component");
        Set(values, "ipfs-gateway-tls", "ingress", "tlsSecretName");
        Set(values, "nginx", "ingress", "className");

        var manifests = Render(values);

        var ingress = manifests.Select(static m => m.Model).OfType<V1Ingress>().Single();
        Assert.Equal("ipfs-gateway-tls", ingress.Spec.Tls.Single().SecretName);
        Assert.Equal(ingress.Spec.Rules.Single().Host, ingress.Spec.Tls.Single().Hosts.Single());
        var path = ingress.Spec.Rules.Single().Http.Paths.Single();
        Assert.Equal("/ipfs/", path.Path);
        var service = manifests.Select(static m => m.Model).OfType<V1Service>().Single(s => s.Metadata.Name == path.Backend.Service.Name);
        Assert.Equal(path.Backend.Service.Port.Name, service.Spec.Ports.Single().Name);
        Assert.Equal("gateway", service.Spec.Ports.Single().TargetPort.Value);
        Assert.Equal("leecher", service.Spec.Selector["app.kubernetes.io/component"]);
        Workloads.AssertEnvironmentAccepted(manifests); // the selected pods have a gateway port the host listens on

        Set(values, "0", "gatewayPort");
        Assert.Contains("gatewayPort is 0", Assert.Throws<TemplateException>(() => Render(values)).Message, StringComparison.Ordinal);
        var docs = File.ReadAllText(Path.Combine(Repo.Root, "docs", "deployment.md"));
        Assert.Contains("### TLS", docs, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ServiceMonitor_ScrapesEveryPodOnceWithTheChartsToken()
    {
        var values = WithImage();
        Set(values, "true", "monitoring", "serviceMonitor", "enabled");
        SetYaml(values, GpuPool, "workerPools");

        var (manifests, custom) = RenderWithCustomResources(values);

        var monitor = custom.Single(static c => c.Text("kind") == "ServiceMonitor");
        Assert.Equal("monitoring.coreos.com/v1", monitor.Text("apiVersion"));
        var selector = ((YamlMappingNode)monitor.Get("spec", "selector", "matchLabels")!).Children.ToDictionary(static p => p.Key.ToString(), static p => p.Value.ToString());
        var scraped = manifests.Select(static m => m.Model).OfType<V1Service>().Where(s => selector.All(p => s.Metadata.Labels.TryGetValue(p.Key, out var v) && v == p.Value)).ToList();
        var endpoint = monitor.Items("spec", "endpoints").Single();
        Assert.Equal("/metrics", endpoint.Text("path"));
        Assert.All(scraped, s => Assert.Equal(endpoint.Text("port"), s.Spec.Ports.Single().Name));
        // Every pod behind exactly one scraped Service: each node is one target, none twice.
        foreach (var (manifest, _) in Workloads.PodSpecs(manifests))
        {
            var labels = PodLabels(manifest);
            Assert.Single(scraped, s => s.Spec.Selector.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value));
        }

        Assert.Equal("Bearer", endpoint.Text("authorization", "type"));
        var secret = manifests.Select(static m => m.Model).OfType<V1Secret>().Single();
        Assert.Equal(secret.Metadata.Name, endpoint.Text("authorization", "credentials", "name"));
        Assert.Contains(endpoint.Text("authorization", "credentials", "key")!, secret.StringData.Keys);
    }

    [Fact]
    public void Render_PrometheusRule_AlertsUseOnlyExportedMetricsAndTheReleasesJobs()
    {
        var values = WithImage();
        Set(values, "true", "monitoring", "prometheusRule", "enabled");
        Set(values, "true", "monitoring", "serviceMonitor", "enabled");

        var (manifests, custom) = RenderWithCustomResources(values);

        var rules = custom.Single(static c => c.Text("kind") == "PrometheusRule").Items("spec", "groups").Single().Items("rules").ToList();
        Assert.Equal(["IpfsKitClusterStoreAbove90Percent", "IpfsKitNodeDown", "IpfsKitOutboxStuck", "IpfsKitUnderReplicated", "IpfsKitVolumeAbove90Percent"],
            rules.Select(static r => r.Text("alert")).Order(StringComparer.Ordinal));
        var exported = ContainerTests.ExportedMetricNames();
        var services = manifests.Select(static m => m.Model).OfType<V1Service>().Select(static s => s.Metadata.Name).ToList();
        var claims = manifests.Select(static m => m.Model switch
        {
            V1StatefulSet s => $"data-{s.Metadata.Name}-0",
            V1PersistentVolumeClaim c => c.Metadata.Name,
            _ => null,
        }).OfType<string>().ToList();
        foreach (var rule in rules)
        {
            var expr = rule.Text("expr")!;
            Assert.All(MetricNameRegex().Matches(expr).Select(static m => m.Value), m => Assert.Contains(m, exported));
            Assert.All(MatcherRegex().Matches(expr), m =>
            {
                var (label, op, value) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
                var targets = label switch { "job" => services, "persistentvolumeclaim" => claims, _ => null };
                if (targets is not null)
                {
                    Assert.True(targets.Any(t => op == "=" ? t == value : Regex.IsMatch(t, "^(?:" + value + ")$")), $"{rule.Text("alert")}: {label}{op}\"{value}\" matches something the chart makes");
                }
            });
        }

        Assert.Contains("< 1 or", rules.Single(static r => r.Text("alert") == "IpfsKitUnderReplicated").Text("expr"), StringComparison.Ordinal); // the master's replication
    }

    [Fact]
    public void Render_BackupCronJob_ExportsFromTheMasterWithTheToken()
    {
        var values = WithImage();
        Set(values, "true", "backup", "enabled");

        var manifests = Render(values);

        var job = manifests.Select(static m => m.Model).OfType<V1CronJob>().Single();
        Assert.Equal("Forbid", job.Spec.ConcurrencyPolicy);
        var pod = job.Spec.JobTemplate.Spec.Template.Spec;
        var container = pod.Containers.Single();
        Assert.Matches("exec ipfs-kit backup export \"/backup/[^\"]+\" --node \"\\$BACKUP_NODE_URL\"", container.Command[^1]);
        var isCli = typeof(IpfsKit.Node.NodeSettings).Assembly.GetType("IpfsKit.Node.Cli.CliApp", throwOnError: true)!.GetMethod("IsCliInvocation")!;
        Assert.True((bool)isCli.Invoke(null, [new[] { "--node", "http://m:8000/", "backup", "export", "/backup/x" }])!, "the host's CLI has the command");
        Assert.False((bool)isCli.Invoke(null, [new[] { "--node", "http://m:8000/", "no-such-command" }])!);
        var master = manifests.Select(static m => m.Model).OfType<V1Service>().Single(static s => s.Metadata.Name.EndsWith("-master", StringComparison.Ordinal));
        Assert.Equal(new Uri($"http://{master.Metadata.Name}:{master.Spec.Ports.Single().Port}/"), new Uri(container.Env.Single(static e => e.Name == "BACKUP_NODE_URL").Value));
        var token = container.Env.Single(static e => e.Name == "IPFS_KIT_API_TOKEN").ValueFrom.SecretKeyRef; // the CLI's token variable
        var secret = manifests.Select(static m => m.Model).OfType<V1Secret>().Single();
        Assert.Equal(secret.Metadata.Name, token.Name);
        Assert.Contains(token.Key, secret.StringData.Keys);
        var claim = manifests.Select(static m => m.Model).OfType<V1PersistentVolumeClaim>().Single(c => c.Metadata.Name == pod.Volumes.Single(static v => v.Name == "backup").PersistentVolumeClaim.ClaimName);
        Assert.Equal("/backup", container.VolumeMounts.Single(static v => v.Name == "backup").MountPath);
        Assert.True(pod.SecurityContext.RunAsNonRoot == true && container.SecurityContext.ReadOnlyRootFilesystem == true && container.Resources.Limits.ContainsKey("memory"), claim.Metadata.Name);
    }

    [Fact]
    public void Render_StorageAutoscaling_AddsTheAdaptersExternalMetricBesideCpu()
    {
        var values = WithImage();
        Set(values, "true", "worker", "autoscaling", "storage", "enabled");

        var manifests = Render(values);

        var defaults = Render(null).Select(static m => m.Model).OfType<V2HorizontalPodAutoscaler>().Single().Spec.Metrics;
        Assert.Equal("Resource", Assert.Single(defaults).Type); // CPU alone unless the adapter is there
        var metrics = manifests.Select(static m => m.Model).OfType<V2HorizontalPodAutoscaler>().Single().Spec.Metrics;
        Assert.Equal(["External", "Resource"], metrics.Select(static m => m.Type).Order(StringComparer.Ordinal));
        var external = metrics.Single(static m => m.Type == "External").External;
        var adapter = YamlFiles.LoadSingle(Path.Combine(Repo.Deployment, "monitoring", "prometheus-adapter.yaml")).Items("rules", "external").Single();
        Assert.Equal(adapter.Text("name", "as"), external.Metric.Name);
        Assert.Equal("Value", external.Target.Type);
        var target = (double)external.Target.Value.ToDecimal();
        Assert.InRange(target, 0.5, 0.95); // a used fraction: scale up before the workers are full
        var service = external.Metric.Selector.MatchLabels["service"];
        Assert.Contains(manifests.Select(static m => m.Model).OfType<V1Service>(), s => s.Metadata.Name == service && s.Spec.Selector["app.kubernetes.io/component"] == "master");
        var exported = ContainerTests.ExportedMetricNames();
        var queries = adapter.Text("seriesQuery") + adapter.Text("metricsQuery");
        Assert.Contains("ipfskit_cluster_free_bytes", queries, StringComparison.Ordinal);
        Assert.All(MetricNameRegex().Matches(queries).Select(static m => m.Value), m => Assert.Contains(m, exported));
    }

    /// <summary>The chart's typed manifests and, apart, its prometheus-operator resources (CRDs the client has no model for).</summary>
    private static (List<Manifest> Manifests, List<YamlMappingNode> Custom) RenderWithCustomResources(YamlMappingNode values)
    {
        var files = new ChartRenderer(Repo.Chart, values).RenderAll().Where(static p => p.Key.EndsWith(".yaml", StringComparison.Ordinal)).ToList();
        var custom = files.SelectMany(static p => YamlFiles.LoadMappings(p.Value, p.Key)).Where(static t => t.Text("apiVersion")!.StartsWith("monitoring.coreos.com/", StringComparison.Ordinal)).ToList();
        var typed = files.Where(static p => !p.Value.Contains("monitoring.coreos.com/", StringComparison.Ordinal)).SelectMany(static p => KubernetesManifests.Load(p.Value, "helm/" + p.Key)).ToList();
        return (typed, custom);
    }

    private static IDictionary<string, string> PodLabels(Manifest workload) => workload.Model switch
    {
        V1StatefulSet s => s.Spec.Template.Metadata.Labels,
        V1Deployment d => d.Spec.Template.Metadata.Labels,
        _ => throw new ArgumentException($"{workload}: not a workload", nameof(workload)),
    };

    private static bool Selects(V1LabelSelector selector, IDictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>()).All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value)
        && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty == "In" && labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v));

    [GeneratedRegex("ipfskit_[a-z_]+")]
    private static partial Regex MetricNameRegex();

    [GeneratedRegex("\\b(job|persistentvolumeclaim)(=~|=)\"([^\"]*)\"")]
    private static partial Regex MatcherRegex();
}
