using System.Text.RegularExpressions;
using IpfsKit.Node;
using IpfsKit.Deployment.Tests.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace IpfsKit.Deployment.Tests.Helm;

[Trait("Category", "Deployment")]
public sealed partial class HelmChartTests
{
    private static IEnumerable<string> TemplateFiles() => Directory.EnumerateFiles(Path.Combine(Repo.Chart, "templates")).Order(StringComparer.Ordinal);

    [Fact]
    public void Parse_EveryTemplate_HasBalancedActionsAndBlocks()
    {
        foreach (var file in TemplateFiles())
        {
            var text = File.ReadAllText(file);
            Assert.Equal(Regex.Count(text, "\\{\\{"), Regex.Count(text, "\\}\\}\\}?"));
            var exception = Record.Exception(() => GoTemplate.Parse(text, Path.GetFileName(file), []));
            Assert.Null(exception);
        }
    }

    [Theory]
    [InlineData("{{- if .Values.a }}x")]
    [InlineData("x{{ end }}")]
    [InlineData("{{ .Values.a ")]
    [InlineData("{{- define \"n\" }}x")]
    [InlineData("{{- range .Values.a }}x")]
    public void Parse_UnbalancedTemplate_Throws(string template)
    {
        Assert.Throws<TemplateException>(() => GoTemplate.Parse(template, "t.yaml", []));
    }

    [Fact]
    public void ValuesPaths_UsedInTemplates_ExistInValuesYaml()
    {
        var values = YamlFiles.LoadSingle(Path.Combine(Repo.Chart, "values.yaml"));
        var used = TemplateFiles().SelectMany(static f => ValuesPathRegex().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Path: m.Groups[1].Value))).ToList();
        Assert.NotEmpty(used);
        foreach (var (file, path) in used)
        {
            Assert.True(values.Get(path.Split('.')) is not null, $"{file}: .Values.{path} is not in values.yaml");
        }
    }

    [Fact]
    public void Include_EveryName_IsDefinedInHelpers()
    {
        var defines = new Dictionary<string, List<GoTemplate.TemplateNode>>();
        GoTemplate.Parse(File.ReadAllText(Path.Combine(Repo.Chart, "templates", "_helpers.tpl")), "_helpers.tpl", defines);
        foreach (var file in TemplateFiles())
        {
            foreach (Match include in IncludeRegex().Matches(File.ReadAllText(file)))
            {
                Assert.True(defines.ContainsKey(include.Groups[1].Value), $"{Path.GetFileName(file)}: include \"{include.Groups[1].Value}\" is not defined");
            }
        }
    }

    [Fact]
    public void Render_DefaultValues_ProducesValidManifests()
    {
        var manifests = Render(null);

        Assert.Equal(["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PersistentVolumeClaim", "PodDisruptionBudget", "Secret", "Service", "StatefulSet"],
            manifests.Select(static m => m.Kind).Distinct().Order(StringComparer.Ordinal));
        foreach (var manifest in manifests)
        {
            Assert.True(KubernetesManifests.UnknownFields(manifest) is [], $"{manifest}: unknown fields {string.Join(", ", KubernetesManifests.UnknownFields(manifest))}");
        }

        foreach (var (manifest, pod) in Workloads.PodSpecs(manifests))
        {
            Workloads.AssertHardened(manifest.ToString(), pod);
        }

        Workloads.AssertEnvironmentAccepted(manifests);
        Workloads.AssertBudgetsFit(manifests);
        Workloads.AssertRestartsMoveNothing(manifests);
    }

    [Fact]
    public void Render_ChartVersionBumped_PodTemplatesUnchanged()
    {
        var bumped = Directory.CreateTempSubdirectory("ipfs-kit-chart");
        try
        {
            foreach (var file in Directory.EnumerateFiles(Repo.Chart, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(bumped.FullName, Path.GetRelativePath(Repo.Chart, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            var chartYaml = Path.Combine(bumped.FullName, "Chart.yaml");
            var version = YamlFiles.LoadSingle(chartYaml).Text("version")!;
            File.WriteAllText(chartYaml, File.ReadAllText(chartYaml).Replace("version: " + version, "version: 99.0.0-bump", StringComparison.Ordinal));

            var before = PodTemplates(Render(null));
            var after = PodTemplates(new ChartRenderer(bumped.FullName, WithImage()).RenderAll()
                .Where(static p => p.Key.EndsWith(".yaml", StringComparison.Ordinal))
                .SelectMany(static p => KubernetesManifests.Load(p.Value, "helm/" + p.Key)).ToList());

            Assert.Equal(3, before.Count);
            Assert.Equal(before, after); // a chart bump alone rolls no pod (a rolled worker is away until it is back)
        }
        finally
        {
            bumped.Delete(recursive: true);
        }

        static Dictionary<string, string> PodTemplates(List<Manifest> manifests) => manifests.Select(static m => (m.Name, Template: m.Model switch
        {
            k8s.Models.V1StatefulSet s => k8s.KubernetesYaml.Serialize(s.Spec.Template),
            k8s.Models.V1Deployment d => k8s.KubernetesYaml.Serialize(d.Spec.Template),
            _ => null,
        })).Where(static t => t.Template is not null).ToDictionary(static t => t.Name, static t => t.Template!);
    }

    [Fact]
    public void Render_LeecherDisabledAutoscalingOffExistingSecret_OmitsThoseResources()
    {
        var values = WithImage();
        Set(values, "false", "leecher", "enabled");
        Set(values, "false", "worker", "autoscaling", "enabled");
        Set(values, "my-token", "apiToken", "existingSecret");
        Set(values, "zone-a", "worker", "zone");
        Set(values, "false", "worker", "podDisruptionBudget", "enabled");

        var manifests = Render(values);

        Assert.DoesNotContain(manifests, static m => m.Kind is "Secret" or "HorizontalPodAutoscaler" or "Deployment" or "PersistentVolumeClaim" or "PodDisruptionBudget");
        var worker = manifests.Select(static m => m.Model).OfType<k8s.Models.V1StatefulSet>().Single(static s => s.Metadata.Name.EndsWith("-worker", StringComparison.Ordinal));
        Assert.Equal(2, worker.Spec.Replicas);
        Assert.Equal("my-token", worker.Spec.Template.Spec.Volumes.Single(static v => v.Name == "secrets").Secret.SecretName);
        Assert.Equal("zone-a", worker.Spec.Template.Spec.Containers[0].Env.Single(static e => e.Name == "IPFS_KIT_ZONE").Value);
        Workloads.AssertEnvironmentAccepted(manifests);
    }

    [Fact]
    public void Render_SubCluster_MasterJoinsTheParentAndIsReachableAtItsService()
    {
        var root = Render(WithImage());
        var values = WithImage();
        Set(values, "http://root-ipfs-kit-master.storage.svc:8000", "master", "parentUrl");

        var manifests = Render(values);

        Assert.DoesNotContain(MasterEnv(root), static e => e.Name is "MASTER_NODE" or "IPFS_KIT_ADVERTISE_URL");
        var env = MasterEnv(manifests);
        Assert.Equal("http://root-ipfs-kit-master.storage.svc:8000", env.Single(static e => e.Name == "MASTER_NODE").Value);
        var service = manifests.Select(static m => m.Model).OfType<k8s.Models.V1Service>().Single(static s => s.Metadata.Name.EndsWith("-master", StringComparison.Ordinal));
        Assert.Equal($"http://{service.Metadata.Name}.default.svc:8000", env.Single(static e => e.Name == "IPFS_KIT_ADVERTISE_URL").Value);
        Assert.Equal("1", env.Single(static e => e.Name == "IpfsKit__Roles__Replication").Value);
        Workloads.AssertEnvironmentAccepted(manifests); // the host takes a master with a parent, listening on ::, with its advertised URL
    }

    [Fact]
    public void Render_ChecksumSecret_OnEveryPodTemplateAndFollowsTheToken()
    {
        static List<string> Checksums(YamlMappingNode? values) => [.. Render(values).Select(static m => m.Model switch
        {
            k8s.Models.V1StatefulSet s => s.Spec.Template.Metadata.Annotations["checksum/secret"],
            k8s.Models.V1Deployment d => d.Spec.Template.Metadata.Annotations["checksum/secret"],
            _ => null,
        }).OfType<string>()];
        var values = WithImage();
        Set(values, "a-rotated-secret-0123456789", "apiToken", "value");

        var before = Checksums(null);
        var after = Checksums(values);

        Assert.Equal(3, before.Count); // master, worker, leecher
        Assert.Matches("^[0-9a-f]{64}$", Assert.Single(before.Distinct()));
        Assert.NotEqual(before[0], Assert.Single(after.Distinct())); // a rotation rolls every pod
    }

    [Fact]
    public void Render_LongReleaseName_EveryNameFitsKubernetesLimits()
    {
        var values = WithImage();
        Set(values, "a-release-name-that-is-far-too-long-for-kubernetes-object-names-x", "fullnameOverride");

        var manifests = Render(values);

        Assert.All(manifests, static m => Assert.True(m.Name.Length <= 63, $"{m.Name}: at most 63"));
        Assert.All(manifests.Select(static m => m.Model).OfType<k8s.Models.V1StatefulSet>(), static s => Assert.True(s.Metadata.Name.Length <= 52, $"{s.Metadata.Name}: a StatefulSet name at most 52"));
        Assert.All(manifests.Select(static m => m.Model).OfType<k8s.Models.V1Service>(), static s => Assert.DoesNotMatch("[^a-z0-9]-|-$", s.Metadata.Name));
        Workloads.AssertEnvironmentAccepted(manifests);
    }

    [Fact]
    public void Render_NoImageRepository_FailsNamingTheValueAndTheSteps()
    {
        var error = Assert.Throws<TemplateException>(() => new ChartRenderer(Repo.Chart).RenderAll());

        Assert.Contains("image.repository is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("docs/deployment.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_SampleTokens_AreRefusedByTheHost()
    {
        var chart = YamlFiles.LoadSingle(Path.Combine(Repo.Chart, "values.yaml")).Text("apiToken", "value")!;
        var raw = KubernetesManifests.Load(File.ReadAllText(Path.Combine(Repo.Kubernetes, "secret.yaml")), "secret.yaml")
            .Select(static m => m.Model).OfType<k8s.Models.V1Secret>().Single().StringData["api-token"];

        foreach (var token in new[] { chart, raw })
        {
            var error = Assert.Throws<NodeSettingsException>(() => NodeSettings.FromEnvironment(new System.Collections.Hashtable { ["IPFS_KIT_API_TOKEN"] = token }, []));
            Assert.Contains("placeholder", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_Notes_MentionsTheMasterServiceAndPlaceholderWarning()
    {
        var notes = new ChartRenderer(Repo.Chart, WithImage()).RenderAll()["NOTES.txt"];

        Assert.Contains("svc/demo-ipfs-kit-master 8000:8000", notes, StringComparison.Ordinal);
        Assert.Contains("WARNING", notes, StringComparison.Ordinal);
    }

    /// <summary>Renders the chart with <paramref name="values"/>, else values.yaml with the one required value set (image.repository).</summary>
    internal static List<Manifest> Render(YamlMappingNode? values) =>
        new ChartRenderer(Repo.Chart, values ?? WithImage()).RenderAll()
            .Where(static p => p.Key.EndsWith(".yaml", StringComparison.Ordinal))
            .SelectMany(static p => KubernetesManifests.Load(p.Value, "helm/" + p.Key))
            .ToList();

    private static YamlMappingNode WithImage()
    {
        var values = YamlFiles.LoadSingle(Path.Combine(Repo.Chart, "values.yaml"));
        Set(values, "registry.example.com/ipfs-kit", "image", "repository");
        return values;
    }

    private static void Set(YamlMappingNode values, string value, params string[] path)
    {
        var parent = (YamlMappingNode)values.Get(path[..^1])!;
        parent.Children[new YamlScalarNode(path[^1])] = new YamlScalarNode(value);
    }

    [GeneratedRegex("\\.Values\\.([A-Za-z0-9_.]+[A-Za-z0-9_])")]
    private static partial Regex ValuesPathRegex();

    [GeneratedRegex("include \"([^\"]+)\"")]
    private static partial Regex IncludeRegex();

    private static IList<k8s.Models.V1EnvVar> MasterEnv(List<Manifest> manifests) =>
        manifests.Select(static m => m.Model).OfType<k8s.Models.V1StatefulSet>()
            .Single(static s => s.Metadata.Name.EndsWith("-master", StringComparison.Ordinal)).Spec.Template.Spec.Containers[0].Env;
}
