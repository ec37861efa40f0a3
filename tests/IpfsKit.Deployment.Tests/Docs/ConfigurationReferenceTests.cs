using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using IpfsKit.Node;
using IpfsKit.Storage;

namespace IpfsKit.Deployment.Tests.Docs;

/// <summary>
/// Keeps docs/configuration.md true to the code: the host's environment variables (<see cref="NodeSettings.EnvironmentVariables"/>)
/// and every bindable option of <see cref="IpfsKitOptions"/> have a table row, no row names something the code lacks,
/// and the documented defaults are those of a new options object.
/// </summary>
/// <remarks>
/// A row is a Markdown table line whose first cell is one code span: <c>`NAME`</c> for a variable,
/// <c>`IpfsKit:Section:Option`</c> for an option, followed by its type and default cells. A default is written as
/// configuration takes it and is read back with the type's <see cref="TypeConverter"/> (what the configuration binder
/// uses): <c>`512M`</c>, <c>`00:00:30`</c>, <c>`true`</c>, <c>`Embedded`</c>; <c>none</c> for null, <c>empty</c>
/// for an empty collection.
/// Options walked: public instance properties with a public setter (or init), and get-only collections (the binder
/// fills them). Skipped, because configuration cannot bind them: <see cref="TimeProvider"/>, delegates and other
/// interface-typed properties (services, not settings).
/// </remarks>
[Trait("Category", "Deployment")]
public sealed partial class ConfigurationReferenceTests
{
    private static readonly string DocPath = Path.Combine(Repo.Root, "docs", "configuration.md");

    private static readonly string[][] Rows = [.. File.ReadAllLines(DocPath)
        .Where(static l => l.StartsWith('|'))
        .Select(static l => l.Trim().Trim('|').Split('|').Select(static c => c.Trim()).ToArray())];

    private static readonly Dictionary<string, OptionLeaf> Leaves = Walk(typeof(IpfsKitOptions), new IpfsKitOptions(), IpfsKitOptions.SectionName)
        .ToDictionary(static l => l.Key, StringComparer.Ordinal);

    private static readonly HashSet<string> Sections = SectionKeys(typeof(IpfsKitOptions), IpfsKitOptions.SectionName);

    [Fact]
    public void EnvironmentVariables_EachHasARow()
    {
        var documented = Rows.Select(static r => VariableCell().Match(r[0])).Where(static m => m.Success).Select(static m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var missing = NodeSettings.EnvironmentVariables.Where(v => !documented.Contains(v)).ToList();
        Assert.True(missing.Count == 0, "docs/configuration.md has no row for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EnvironmentVariables_NoRowIsUnknown()
    {
        var unknown = Rows.Select(static r => VariableCell().Match(r[0])).Where(static m => m.Success).Select(static m => m.Groups[1].Value)
            .Where(static v => !NodeSettings.EnvironmentVariables.Contains(v)).ToList();
        Assert.True(unknown.Count == 0, "docs/configuration.md documents variables the host does not read: " + string.Join(", ", unknown));
    }

    [Fact]
    public void EnvironmentVariables_HostDefaultsAreStated()
    {
        Assert.Contains(NodeSettings.DefaultApiPort.ToString(CultureInfo.InvariantCulture), VariableRow("IPFS_KIT_API_PORT")[3], StringComparison.Ordinal);
        Assert.StartsWith(StorageOptions.DefaultMaxMemory.ToString(), VariableRow("MAX_MEMORY")[3], StringComparison.Ordinal);
        Assert.StartsWith(StorageOptions.DefaultMaxStorage.ToString(), VariableRow("MAX_STORAGE")[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Options_EachHasARow()
    {
        Assert.NotEmpty(Leaves);
        var documented = OptionRows().Select(static r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = Leaves.Keys.Where(k => !documented.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "docs/configuration.md has no row for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Options_NoDocumentedKeyIsUnknown()
    {
        var rows = OptionRows().Select(static r => r.Key).Where(static k => !Leaves.ContainsKey(k)).ToList();
        Assert.True(rows.Count == 0, "docs/configuration.md has rows for options the code does not have: " + string.Join(", ", rows));

        // Keys named anywhere on the page (prose, examples) must be options, sections, or a collection's element.
        var mentioned = AnyKey().Matches(File.ReadAllText(DocPath)).Select(static m => m.Groups[1].Value)
            .Where(static k => !Leaves.ContainsKey(k) && !Sections.Contains(k) && !IsCollectionElement(k)).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(mentioned.Count == 0, "docs/configuration.md mentions unknown keys: " + string.Join(", ", mentioned));
    }

    [Fact]
    public void Options_TypesMatch()
    {
        foreach (var (key, cells) in OptionRows())
        {
            Assert.True(Leaves.TryGetValue(key, out var leaf), key);
            var expected = $"`{TypeName(leaf.Property.PropertyType)}`";
            Assert.True(expected == cells[1], $"{key}: the type is {expected}, documented as {cells[1]}");
        }
    }

    [Fact]
    public void Options_DefaultsMatchANewOptionsObject()
    {
        var checkedValues = 0;
        foreach (var (key, cells) in OptionRows())
        {
            var leaf = Leaves[key];
            var stated = cells[2];
            switch (leaf.Default)
            {
                case null:
                    Assert.True(stated == "none", $"{key}: the default is null, documented as '{stated}' (write none)");
                    break;
                case ICollection collection:
                    Assert.True(collection.Count == 0 && stated == "empty", $"{key}: the default has {collection.Count} items, documented as '{stated}'");
                    break;
                default:
                    var match = CodeCell().Match(stated);
                    Assert.True(match.Success, $"{key}: the default '{stated}' is not one code span");
                    var type = Nullable.GetUnderlyingType(leaf.Property.PropertyType) ?? leaf.Property.PropertyType;
                    var parsed = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(match.Groups[1].Value);
                    Assert.True(Equals(leaf.Default, parsed), $"{key}: documented default {match.Groups[1].Value} reads as {parsed}, the code's is {leaf.Default}");
                    checkedValues++;
                    break;
            }
        }

        Assert.True(checkedValues >= 15, $"only {checkedValues} defaults were compared");
    }

    private static string[] VariableRow(string name) => Rows.Single(r => r[0] == $"`{name}`");

    private static IEnumerable<(string Key, string[] Cells)> OptionRows() =>
        Rows.Select(static r => (Match: OptionCell().Match(r[0]), Cells: r)).Where(static x => x.Match.Success).Select(static x => (x.Match.Groups[1].Value, x.Cells));

    private static bool IsCollectionElement(string key)
    {
        var colon = key.LastIndexOf(':');
        return colon > 0 && key[(colon + 1)..].All(char.IsAsciiDigit) && Leaves.TryGetValue(key[..colon], out var leaf) && leaf.Default is ICollection;
    }

    private static IEnumerable<OptionLeaf> Walk(Type type, object instance, string prefix)
    {
        foreach (var property in Bindable(type))
        {
            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(instance);
            if (IsOptionsClass(property.PropertyType))
            {
                foreach (var leaf in Walk(property.PropertyType, value ?? Activator.CreateInstance(property.PropertyType)!, key))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return new OptionLeaf(key, property, value);
            }
        }
    }

    private static HashSet<string> SectionKeys(Type type, string prefix)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { prefix };
        foreach (var property in Bindable(type).Where(static p => IsOptionsClass(p.PropertyType)))
        {
            keys.UnionWith(SectionKeys(property.PropertyType, $"{prefix}:{property.Name}"));
        }

        return keys;
    }

    private static IEnumerable<PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(static p => p.GetIndexParameters().Length == 0)
            .Where(static p => !typeof(TimeProvider).IsAssignableFrom(p.PropertyType) && !typeof(Delegate).IsAssignableFrom(p.PropertyType))
            .Where(static p => !p.PropertyType.IsInterface || IsCollection(p.PropertyType))
            .Where(static p => p.SetMethod is { IsPublic: true } || IsCollection(p.PropertyType));

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type.Name.EndsWith("Options", StringComparison.Ordinal) && type.Namespace?.StartsWith("IpfsKit", StringComparison.Ordinal) == true;

    private static string TypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
        }

        return type.IsEnum ? type.Name : Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.Double => "double",
            TypeCode.String => "string",
            _ => type.Name,
        };
    }

    [GeneratedRegex("^`([A-Z][A-Z0-9_]+)`$")]
    private static partial Regex VariableCell();

    [GeneratedRegex("^`(IpfsKit(?::[A-Za-z0-9]+)+)`$")]
    private static partial Regex OptionCell();

    [GeneratedRegex("`(IpfsKit(?::[A-Za-z0-9]+)*)`")]
    private static partial Regex AnyKey();

    [GeneratedRegex("^`([^`]+)`$")]
    private static partial Regex CodeCell();

    private sealed record OptionLeaf(string Key, PropertyInfo Property, object? Default);
}
