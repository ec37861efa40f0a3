using IpfsKit.Deployment.Tests.Kubernetes;
using IpfsKit.Node;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace IpfsKit.Deployment.Tests.Helm;

public sealed partial class HelmChartTests
{
    private const string GpuPool = """
        - name: gpu-accelerated-nodes
          replicas: 3
          tags: gpu,fast
          maxStorage: 40G
          storage: 50Gi
          resources:
            requests: {cpu: "1", memory: 1536Mi, nvidia.com/gpu: 1}
            limits: {cpu: "4", memory: 3Gi, nvidia.com/gpu: 1}
          nodeSelector: {nvidia.com/gpu.present: "true"}
          tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
        """;

    [Fact]
    public void Render_WorkerPool_OwnStatefulSetServiceAndBudgetWhosePodsCarryThePoolTags()
    {
        var values = WithImage();
        SetYaml(values, GpuPool, "workerPools");
        Set(values, "a-release-name-that-is-far-too-long-for-kubernetes-object-names-x", "fullnameOverride");

        var manifests = Render(values);

        var pool = manifests.Select(static m => m.Model).OfType<V1StatefulSet>().Single(static s => s.Spec.Template.Metadata.Labels["app.kubernetes.io/component"] == "worker-pool");
        var worker = manifests.Select(static m => m.Model).OfType<V1StatefulSet>().Single(s => s.Metadata.Name.EndsWith("-worker", StringComparison.Ordinal) && s != pool
            && s.Spec.Template.Metadata.Labels["app.kubernetes.io/component"] == "worker");
        Assert.NotEqual(worker.Metadata.Name, pool.Metadata.Name);
        Assert.Equal(3, pool.Spec.Replicas);
        var container = pool.Spec.Template.Spec.Containers.Single();
        var env = Workloads.Environment(container, manifests);
        env.Remove("IPFS_KIT_API_TOKEN_FILE");
        env["IPFS_KIT_API_TOKEN"] = "t0ken-for-a-test-0123456789";
        Assert.Equal("fast,gpu", NodeSettings.FromEnvironment(new System.Collections.Hashtable(env), ["--role", "worker"]).Tags); // as the host reads them (sorted)
        Assert.Equal("1", container.Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Equal("true", pool.Spec.Template.Spec.NodeSelector["nvidia.com/gpu.present"]);
        Assert.Equal("nvidia.com/gpu", pool.Spec.Template.Spec.Tolerations.Single().Key);
        Assert.Equal("40G", container.Env.Single(static e => e.Name == "MAX_STORAGE").Value);
        Assert.Equal(container.Env.Single(static e => e.Name == "MASTER_NODE").Value, worker.Spec.Template.Spec.Containers[0].Env.Single(static e => e.Name == "MASTER_NODE").Value);

        var headless = manifests.Select(static m => m.Model).OfType<V1Service>().Single(s => s.Metadata.Name == pool.Spec.ServiceName);
        Assert.Contains(pool.Spec.ServiceName + ".$(POD_NAMESPACE).svc", container.Env.Single(static e => e.Name == "IPFS_KIT_ADVERTISE_URL").Value, StringComparison.Ordinal);
        var budgets = manifests.Select(static m => m.Model).OfType<V1PodDisruptionBudget>().ToList();
        Assert.Equal(2, budgets.Count);
        foreach (var (selector, owner) in new[] { (headless.Spec.Selector, "service"), (pool.Spec.Selector.MatchLabels, "statefulset") }
            .Concat(budgets.Select(static b => (b.Spec.Selector.MatchLabels, b.Metadata.Name))))
        {
            // Each selector takes the pods of exactly one of the two worker sets (two budgets over one pod block its eviction).
            Assert.True(Matches(selector, pool) ^ Matches(selector, worker), $"{owner}: selects one worker set");
        }

        Assert.True(Matches(budgets.Single(b => b.Metadata.Name == pool.Metadata.Name).Spec.Selector.MatchLabels, pool));
        Assert.False(Matches(worker.Spec.Selector.MatchLabels, pool), "the main workers' StatefulSet, HPA and PDB do not count the pool's pods");
        Assert.All(manifests, static m => Assert.True(m.Name.Length <= 63, $"{m.Name}: at most 63"));
        Assert.True(pool.Metadata.Name.Length <= 52, $"{pool.Metadata.Name}: a StatefulSet name at most 52");
        foreach (var (manifest, pod) in Workloads.PodSpecs(manifests))
        {
            Workloads.AssertHardened(manifest.ToString(), pod);
        }

        Workloads.AssertEnvironmentAccepted(manifests);
        Workloads.AssertBudgetsFit(manifests);

        static bool Matches(IDictionary<string, string> selector, V1StatefulSet set) =>
            selector.All(p => set.Spec.Template.Metadata.Labels.TryGetValue(p.Key, out var v) && v == p.Value);
    }

    [Fact]
    public void Render_ExtraEnv_ReachesEveryWorkloadAfterTheChartsAndBindsToARealOption()
    {
        var values = WithImage();
        SetYaml(values, GpuPool, "workerPools");
        SetYaml(values, "[{name: IpfsKit__Roles__LinkThreshold, value: \"4000\"}]", "extraEnv");
        SetYaml(values, "[{name: IpfsKit__Roles__Replication, value: \"2\"}]", "master", "extraEnv");

        var manifests = Render(values);

        var pods = Workloads.PodSpecs(manifests).ToList();
        Assert.Equal(4, pods.Count); // master, workers, the pool, the leecher
        foreach (var (manifest, pod) in pods)
        {
            var env = Workloads.Environment(pod.Containers.Single(), manifests);
            Assert.True(env.TryGetValue("IpfsKit__Roles__LinkThreshold", out var threshold) && threshold == "4000", $"{manifest}: extraEnv");
            var options = new ConfigurationBuilder().AddInMemoryCollection(env.Where(static p => p.Key.StartsWith("IpfsKit__", StringComparison.Ordinal))
                    .Select(static p => KeyValuePair.Create(p.Key.Replace("__", ":", StringComparison.Ordinal), (string?)p.Value))).Build()
                .GetSection("IpfsKit").Get<IpfsKit.IpfsKitOptions>(static o => o.ErrorOnUnknownConfiguration = true)!;
            Assert.Equal(4000, options.Roles.LinkThreshold); // the name is an option the host binds (a misspelt one throws above)
        }

        var master = MasterEnv(manifests);
        Assert.Equal("2", master.Last(static e => e.Name == "IpfsKit__Roles__Replication").Value); // the role's own extraEnv comes last: it wins
        Workloads.AssertEnvironmentAccepted(manifests);
    }

    [Fact]
    public void Docs_HelmValueExamples_RenderAndAreAcceptedByTheHost()
    {
        var blocks = Packaging.MarkdownCodeBlocks.Read("docs/deployment.md").Where(static b => b.Language == "yaml").ToList();
        var examples = blocks.Select(static b => (Block: b, Tree: YamlFiles.LoadMappings(b.Text, b.ToString()).Single()))
            .Where(static e => e.Tree.Children.Keys.Any(static k => k.ToString() is "workerPools" or "extraEnv")).ToList();
        Assert.Equal(2, examples.Count); // the extraEnv and worker pool examples

        foreach (var (block, tree) in examples)
        {
            var values = WithImage();
            foreach (var (key, value) in tree.Children)
            {
                values.Children[key] = value;
            }

            var manifests = Render(values);
            Workloads.AssertEnvironmentAccepted(manifests);
            Assert.True(Workloads.PodSpecs(manifests).Count() >= 3, block.ToString());
        }
    }

    [Theory]
    [InlineData("{{ range .Values.pools }}[{{ .name }}]{{ else }}none{{ end }}", "- name: a\n- name: b", "[a][b]")]
    [InlineData("{{ range .Values.pools }}[{{ .name }}]{{ else }}none{{ end }}", "[]", "none")]
    [InlineData("{{ range .Values.pools }}{{ $.Values.x }}{{ .name }}{{ end }}", "- name: a", "Xa")]
    public void Render_Range_IteratesWithDotAsTheItemAndDollarAsTheRoot(string template, string pools, string expected)
    {
        var chart = Directory.CreateTempSubdirectory("ipfs-kit-range");
        try
        {
            Directory.CreateDirectory(Path.Combine(chart.FullName, "templates"));
            File.WriteAllText(Path.Combine(chart.FullName, "Chart.yaml"), "name: t\nversion: 0.1.0\nappVersion: \"1\"\n");
            File.WriteAllText(Path.Combine(chart.FullName, "values.yaml"), "x: X\npools:\n" + string.Join('\n', pools.Split('\n').Select(static l => "  " + l)) + "\n");
            File.WriteAllText(Path.Combine(chart.FullName, "templates", "t.txt"), template);

            Assert.Equal(expected, new ChartRenderer(chart.FullName).RenderAll()["t.txt"]);
            File.WriteAllText(Path.Combine(chart.FullName, "templates", "t.txt"), "{{ range $i, $p := .Values.pools }}{{ end }}");
            Assert.Throws<TemplateException>(() => new ChartRenderer(chart.FullName).RenderAll()); // variables: outside the subset, never silently wrong
        }
        finally
        {
            chart.Delete(recursive: true);
        }
    }

    private static void SetYaml(YamlMappingNode values, string yaml, params string[] path)
    {
        var parent = (YamlMappingNode)values.Get(path[..^1])!;
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        parent.Children[new YamlScalarNode(path[^1])] = stream.Documents[0].RootNode;
    }
}
