using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace IpfsKit.Deployment.Tests;

/// <summary>One Kubernetes document: its YAML tree and the typed KubernetesClient model it deserializes into.</summary>
internal sealed record Manifest(string Source, YamlMappingNode Tree, IKubernetesObject Model)
{
    public string Kind => Model.Kind;

    public string Name => (Model as IMetadata<V1ObjectMeta>)?.Metadata?.Name ?? "?";

    public override string ToString() => $"{Source} {Kind}/{Name}";
}

/// <summary>Loads manifests into the typed models and finds fields the models do not know.</summary>
internal static class KubernetesManifests
{
    /// <summary>Deserializes every document of a YAML stream into its typed model (by apiVersion and kind).</summary>
    public static List<Manifest> Load(string text, string source) =>
        YamlFiles.LoadMappings(text, source).Select(tree => new Manifest(source, tree, ToModel(tree, source))).ToList();

    /// <summary>The raw manifests in samples/Deployment/kubernetes (kustomization.yaml is kustomize's, not the API's).</summary>
    public static List<Manifest> LoadRaw() =>
        Directory.EnumerateFiles(Repo.Kubernetes, "*.yaml").Order(StringComparer.Ordinal)
            .Where(static f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(static f => Load(File.ReadAllText(f), Repo.Relative(f)))
            .ToList();

    /// <summary>
    /// Key paths of the YAML tree that are lost by deserializing into the typed model and serializing back:
    /// fields the model does not have (a misspelt or misplaced field), which the API server would reject or drop.
    /// </summary>
    public static List<string> UnknownFields(Manifest manifest)
    {
        var roundTripped = YamlFiles.LoadMappings(KubernetesYaml.Serialize(manifest.Model), manifest.Source).Single();
        var after = YamlFiles.KeyPaths(roundTripped);
        return YamlFiles.KeyPaths(manifest.Tree).Where(p => !after.Contains(p)).ToList();
    }

    private static IKubernetesObject ToModel(YamlMappingNode tree, string source)
    {
        var text = new StringWriter();
        new YamlStream(new YamlDocument(tree)).Save(text, assignAnchors: false);
        var kind = $"{tree.Text("apiVersion")}/{tree.Text("kind")}";
        var objects = KubernetesYaml.LoadAllFromString(text.ToString());
        return objects.Count == 1 && objects[0] is IKubernetesObject model
            ? model
            : throw new InvalidDataException($"{source}: {kind} is not a known Kubernetes type.");
    }
}
