using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;
using static IpfsKit.Deployment.Tests.Helm.GoTemplate;

namespace IpfsKit.Deployment.Tests.Helm;

/// <summary>
/// Renders a chart's templates with its values.yaml (like <c>helm template</c>, for the <see cref="GoTemplate"/>
/// subset). Values are YamlDotNet nodes; release values are fixed (<c>demo</c> in namespace <c>default</c>).
/// </summary>
internal sealed class ChartRenderer
{
    private readonly Dictionary<string, List<TemplateNode>> _defines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TemplateNode>> _templates = new(StringComparer.Ordinal);
    private readonly YamlMappingNode _root;

    public ChartRenderer(string chartDirectory, YamlMappingNode? valuesOverride = null)
    {
        var chart = YamlFiles.LoadSingle(Path.Combine(chartDirectory, "Chart.yaml"));
        Values = valuesOverride ?? YamlFiles.LoadSingle(Path.Combine(chartDirectory, "values.yaml"));
        _root = new YamlMappingNode
        {
            { "Values", Values },
            { "Release", new YamlMappingNode { { "Name", "demo" }, { "Namespace", "default" }, { "Service", "Helm" } } },
            {
                "Chart", new YamlMappingNode
                {
                    { "Name", Scalar(chart, "name") }, { "Version", Scalar(chart, "version") }, { "AppVersion", Scalar(chart, "appVersion") },
                }
            },
        };
        foreach (var file in Directory.EnumerateFiles(Path.Combine(chartDirectory, "templates")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var nodes = Parse(File.ReadAllText(file), name, _defines);
            if (!name.StartsWith('_'))
            {
                _templates[name] = nodes;
            }
        }
    }

    public YamlMappingNode Values { get; }

    public IReadOnlyCollection<string> Defines => _defines.Keys;

    /// <summary>Renders every template (not the <c>_*.tpl</c> helpers) to text, by file name.</summary>
    public Dictionary<string, string> RenderAll() =>
        _templates.ToDictionary(static p => p.Key, p => Render(p.Value, _root), StringComparer.Ordinal);

    private static string Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value ?? "" : "";

    private string Render(List<TemplateNode> nodes, object? dot)
    {
        var text = new StringBuilder();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t:
                    text.Append(t.Text);
                    break;
                case ActionNode a:
                    text.Append(GoValues.Print(Evaluate(a.Pipeline, dot, a.File, a.Line)));
                    break;
                case BlockNode { Keyword: "range" } r:
                    var items = r.Pipeline.Contains(":=", StringComparison.Ordinal)
                        ? throw new TemplateException($"{r.File}:{r.Line}: range variables are outside the renderer's subset")
                        : Evaluate(r.Pipeline, dot, r.File, r.Line);
                    if (items is not (null or YamlSequenceNode))
                    {
                        throw new TemplateException($"{r.File}:{r.Line}: range over a {items.GetType().Name}: only lists are in the renderer's subset");
                    }

                    var list = (items as YamlSequenceNode)?.Children ?? [];
                    foreach (var item in list)
                    {
                        text.Append(Render(r.Then, item));
                    }

                    text.Append(list.Count == 0 ? Render(r.Else, dot) : "");
                    break;
                case BlockNode b:
                    var value = Evaluate(b.Pipeline, dot, b.File, b.Line);
                    var truthy = IsTruthy(value);
                    text.Append(Render(truthy ? b.Then : b.Else, b.Keyword == "with" && truthy ? value : dot));
                    break;
            }
        }

        return text.ToString();
    }

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        bool b => b,
        int i => i != 0,
        YamlScalarNode s when s.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any =>
            s.Value is { Length: > 0 } v && v is not ("false" or "0" or "null" or "~"),
        YamlScalarNode s => !string.IsNullOrEmpty(s.Value),
        YamlMappingNode m => m.Children.Count > 0,
        YamlSequenceNode q => q.Children.Count > 0,
        _ => true,
    };

    private object? Evaluate(string pipeline, object? dot, string file, int line)
    {
        try
        {
            var tokens = PipelineLexer.Lex(pipeline);
            var index = 0;
            var value = EvaluatePipeline(tokens, ref index, dot);
            return index == tokens.Count ? value : throw new TemplateException($"unexpected '{tokens[index]}'");
        }
        catch (TemplateException e) when (!e.Message.StartsWith(file, StringComparison.Ordinal))
        {
            throw new TemplateException($"{file}:{line}: {{{{ {pipeline} }}}}: {e.Message}");
        }
    }

    private object? EvaluatePipeline(List<string> tokens, ref int index, object? dot)
    {
        object? piped = null;
        var first = true;
        while (true)
        {
            var args = new List<string>();
            var values = new List<object?>();
            while (index < tokens.Count && tokens[index] is not ("|" or ")"))
            {
                if (tokens[index] == "(")
                {
                    index++;
                    values.Add(EvaluatePipeline(tokens, ref index, dot));
                    if (index >= tokens.Count || tokens[index] != ")")
                    {
                        throw new TemplateException("unbalanced parentheses");
                    }

                    args.Add("(…)");
                }
                else
                {
                    args.Add(tokens[index]);
                    values.Add(null);
                }

                index++;
            }

            if (args.Count == 0)
            {
                throw new TemplateException("empty command");
            }

            var operands = new List<object?>();
            for (var i = 1; i < args.Count; i++)
            {
                operands.Add(args[i] == "(…)" ? values[i] : Operand(args[i], dot));
            }

            if (!first)
            {
                operands.Add(piped);
            }

            piped = IsFunction(args[0]) ? Call(args[0], operands)
                : operands.Count == 0 ? (args[0] == "(…)" ? values[0] : Operand(args[0], dot))
                : throw new TemplateException($"'{args[0]}' is not a function");
            first = false;
            if (index < tokens.Count && tokens[index] == "|")
            {
                index++;
                continue;
            }

            return piped;
        }
    }

    private static bool IsFunction(string name) => name is "include" or "toYaml" or "nindent" or "indent" or "quote" or "default"
        or "printf" or "trunc" or "trimSuffix" or "replace" or "not" or "eq" or "sha256sum" or "required";

    private object? Operand(string token, object? dot)
    {
        if (token.StartsWith('"'))
        {
            return token[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (token is "true" or "false")
        {
            return token == "true";
        }

        object? current = token.StartsWith('$') ? _root : token.StartsWith('.') ? dot : throw new TemplateException($"unknown identifier '{token}'");
        foreach (var field in token.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(field), out var child) ? child : null;
        }

        return current;
    }

    private object? Call(string name, List<object?> a)
    {
        string S(int i) => GoValues.Print(a[i]);
        int N(int i) => a[i] is int n ? n : int.Parse(S(i), CultureInfo.InvariantCulture);
        void Arity(int count)
        {
            if (a.Count != count)
            {
                throw new TemplateException($"{name} takes {count} arguments, got {a.Count}");
            }
        }

        switch (name)
        {
            case "include":
                Arity(2);
                return _defines.TryGetValue(S(0), out var body) ? Render(body, a[1]) : throw new TemplateException($"no template \"{S(0)}\" is defined");
            case "toYaml":
                Arity(1);
                return YamlFiles.ToYaml(a[0] as YamlNode ?? throw new TemplateException("toYaml of a missing value"));
            case "nindent":
                Arity(2);
                return "\n" + GoValues.Indent(S(1), N(0));
            case "indent":
                Arity(2);
                return GoValues.Indent(S(1), N(0));
            case "quote":
                Arity(1);
                return "\"" + S(0).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            case "default":
                Arity(2);
                return IsTruthy(a[1]) ? a[1] : a[0];
            case "printf":
                var format = S(0);
                var k = 1;
                var result = new StringBuilder();
                for (var i = 0; i < format.Length; i++)
                {
                    if (format[i] == '%' && i + 1 < format.Length && format[i + 1] is 's' or 'd' or 'v')
                    {
                        result.Append(S(k++));
                        i++;
                    }
                    else
                    {
                        result.Append(format[i]);
                    }
                }

                return k == a.Count ? result.ToString() : throw new TemplateException("printf: argument count does not match the format");
            case "trunc":
                Arity(2);
                return S(1).Length > N(0) ? S(1)[..N(0)] : S(1);
            case "trimSuffix":
                Arity(2);
                return S(1).EndsWith(S(0), StringComparison.Ordinal) ? S(1)[..^S(0).Length] : S(1);
            case "replace":
                Arity(3);
                return S(2).Replace(S(0), S(1), StringComparison.Ordinal);
            case "required": // Helm: fails the render with the message when the value is empty
                Arity(2);
                return IsTruthy(a[1]) ? a[1] : throw new TemplateException(S(0));
            case "sha256sum": // Sprig: the lower-case hex SHA-256 of the string's UTF-8 bytes
                Arity(1);
                return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(S(0))));
            case "not":
                Arity(1);
                return !IsTruthy(a[0]);
            default: // eq
                Arity(2);
                return S(0) == S(1);
        }
    }
}
