using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IpfsKit.Deployment.Tests;

/// <summary>YAML loading (every document of a stream) and a block-style writer for <c>toYaml</c>.</summary>
internal static class YamlFiles
{
    public static IReadOnlyList<YamlDocument> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents];
    }

    /// <summary>Every non-empty document of a stream as a mapping (an empty document, e.g. a disabled template, is skipped).</summary>
    public static List<YamlMappingNode> LoadMappings(string text, string name) =>
        LoadAll(text)
            .Where(static d => d.RootNode is not YamlScalarNode { Value: null or "" })
            .Select(d => d.RootNode as YamlMappingNode ?? throw new InvalidDataException($"{name}: a document is not a mapping."))
            .ToList();

    public static YamlMappingNode LoadSingle(string path) => LoadMappings(File.ReadAllText(path), path).Single();

    public static YamlNode? Get(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    public static string? Text(this YamlNode node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode node, params string[] path) =>
        node.Get(path) is YamlSequenceNode seq ? seq.Children : [];

    /// <summary>Every key path of a tree (<c>spec.template.spec.containers[0].image</c>), for comparing key sets.</summary>
    public static SortedSet<string> KeyPaths(YamlNode node)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(YamlNode n, string prefix)
        {
            switch (n)
            {
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        var path = prefix.Length == 0 ? ((YamlScalarNode)key).Value! : $"{prefix}.{((YamlScalarNode)key).Value}";
                        paths.Add(path);
                        Walk(value, path);
                    }

                    break;
                case YamlSequenceNode seq:
                    for (var i = 0; i < seq.Children.Count; i++)
                    {
                        Walk(seq.Children[i], $"{prefix}[{i.ToString(CultureInfo.InvariantCulture)}]");
                    }

                    break;
            }
        }

        Walk(node, "");
        return paths;
    }

    /// <summary>Writes a node in block style, scalars in their original style (like Helm's toYaml for these values).</summary>
    public static string ToYaml(YamlNode node)
    {
        var text = new StringBuilder();
        Write(node, 0, text);
        return text.ToString().TrimEnd('\n');
    }

    private static void Write(YamlNode node, int indent, StringBuilder text)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    text.Append(pad).Append(((YamlScalarNode)key).Value).Append(':');
                    WriteValue(value, indent, text);
                }

                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    if (item is YamlMappingNode { Children.Count: > 0 } itemMap)
                    {
                        var nested = new StringBuilder();
                        Write(itemMap, indent + 2, nested);
                        text.Append(pad).Append("- ").Append(nested.ToString()[(indent + 2)..]);
                    }
                    else
                    {
                        text.Append(pad).Append('-');
                        WriteValue(item, indent, text);
                    }
                }

                break;
            default:
                text.Append(pad).Append(ScalarText((YamlScalarNode)node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(YamlNode value, int indent, StringBuilder text)
    {
        switch (value)
        {
            case YamlMappingNode { Children.Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlSequenceNode { Children.Count: 0 }:
                text.Append(" []\n");
                break;
            case YamlScalarNode scalar:
                text.Append(' ').Append(ScalarText(scalar)).Append('\n');
                break;
            default:
                text.Append('\n');
                Write(value, indent + 2, text);
                break;
        }
    }

    private static string ScalarText(YamlScalarNode scalar) => scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
        ? scalar.Value ?? "null"
        : "\"" + (scalar.Value ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
