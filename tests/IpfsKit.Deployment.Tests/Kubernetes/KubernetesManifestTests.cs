using k8s.Models;

namespace IpfsKit.Deployment.Tests.Kubernetes;

[Trait("Category", "Deployment")]
public sealed class KubernetesManifestTests
{
    [Fact]
    public void Load_EveryYamlFile_Parses()
    {
        var files = Repo.YamlFiles().ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var documents = YamlFiles.LoadAll(File.ReadAllText(file));
            Assert.True(documents.Count > 0, Repo.Relative(file));
        }
    }

    [Fact]
    public void RoundTrip_RawManifests_HaveNoUnknownFields()
    {
        var manifests = KubernetesManifests.LoadRaw();
        Assert.Equal(
            ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PersistentVolumeClaim", "PodDisruptionBudget", "Secret", "Service", "StatefulSet"],
            manifests.Select(static m => m.Kind).Distinct().Order(StringComparer.Ordinal));
        foreach (var manifest in manifests)
        {
            Assert.True(KubernetesManifests.UnknownFields(manifest) is [], $"{manifest}: unknown fields {string.Join(", ", KubernetesManifests.UnknownFields(manifest))}");
        }
    }

    [Theory]
    [InlineData("readinessProbe:", "readinesProbe:", "spec.template.spec.containers[0].readinesProbe")]
    [InlineData("containerPort: 8000", "containerport: 8000", "spec.template.spec.containers[0].ports[0].containerport")]
    [InlineData("  serviceName:", "  servicename:", "spec.servicename")]
    public void RoundTrip_MisspeltField_IsReported(string field, string misspelt, string expectedPath)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Kubernetes, "master.yaml")).Replace(field, misspelt, StringComparison.Ordinal);
        var statefulSet = KubernetesManifests.Load(text, "master.yaml").Single(static m => m.Kind == "StatefulSet");

        Assert.Contains(expectedPath, KubernetesManifests.UnknownFields(statefulSet));
    }

    [Fact]
    public void Kustomization_Resources_ExistAndCoverEveryManifest()
    {
        var kustomization = YamlFiles.LoadSingle(Path.Combine(Repo.Kubernetes, "kustomization.yaml"));
        var listed = kustomization.Items("resources").Select(static n => n.ToString()).Order(StringComparer.Ordinal).ToList();
        var present = Directory.EnumerateFiles(Repo.Kubernetes, "*.yaml").Select(static f => Path.GetFileName(f))
            .Where(static f => f != "kustomization.yaml").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(present, listed);
    }

    [Fact]
    public void Kustomization_Image_IsAnExplicitStepNotAPullableDefault()
    {
        var kustomization = YamlFiles.LoadSingle(Path.Combine(Repo.Kubernetes, "kustomization.yaml"));
        var image = kustomization.Items("images").Single();
        var workloads = Workloads.PodSpecs(KubernetesManifests.LoadRaw()).SelectMany(static p => p.Pod.Containers).ToList();

        Assert.All(workloads, c => Assert.Equal(image.Text("name"), c.Image)); // every workload's image is the one kustomize sets
        Assert.Matches("[A-Z]", image.Text("newName")!); // upper case: not a valid reference, so nothing is pulled until it is set
        var guide = File.ReadAllText(Path.Combine(Repo.Root, "docs", "deployment.md"));
        Assert.Contains($"kustomize edit set image {image.Text("name")}=", guide, StringComparison.Ordinal);
        Assert.Contains("--push", guide, StringComparison.Ordinal);
    }

    [Fact]
    public void Workloads_RawManifests_HaveProbesResourcesAndNonRootUser()
    {
        foreach (var (manifest, pod) in Workloads.PodSpecs(KubernetesManifests.LoadRaw()))
        {
            Workloads.AssertHardened(manifest.ToString(), pod);
        }
    }

    [Fact]
    public void FromEnvironment_RawManifests_HostAcceptsEveryWorkload()
    {
        Workloads.AssertEnvironmentAccepted(KubernetesManifests.LoadRaw());
    }

    [Fact]
    public void Budgets_RawManifests_FitTheVolumeAndMemoryLimit()
    {
        Workloads.AssertBudgetsFit(KubernetesManifests.LoadRaw());
    }

    [Fact]
    public void Restarts_RawManifests_MoveNothing()
    {
        Workloads.AssertRestartsMoveNothing(KubernetesManifests.LoadRaw());
    }

    [Fact]
    public void Hpa_Workers_TargetsTheWorkerStatefulSet()
    {
        var manifests = KubernetesManifests.LoadRaw();
        var hpa = manifests.Select(static m => m.Model).OfType<V2HorizontalPodAutoscaler>().Single();
        var target = manifests.Select(static m => m.Model).OfType<V1StatefulSet>().Single(s => s.Metadata.Name == hpa.Spec.ScaleTargetRef.Name);

        Assert.Equal("StatefulSet", hpa.Spec.ScaleTargetRef.Kind);
        Assert.Equal("worker", target.Spec.Template.Spec.Containers[0].Args[0]);
        Assert.True(hpa.Spec.MinReplicas >= 1 && hpa.Spec.MaxReplicas > hpa.Spec.MinReplicas);
    }
}
