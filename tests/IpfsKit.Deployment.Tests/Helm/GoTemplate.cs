using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IpfsKit.Deployment.Tests.Helm;

/// <summary>
/// A Go text/template subset, enough for this chart: text and <c>{{ }}</c> actions with <c>{{-</c>/<c>-}}</c> trim
/// markers and comments; <c>if/else/end</c>, <c>with/end</c>, <c>define/end</c>; pipelines of field paths
/// (<c>.Values.a.b</c>, <c>.</c>, <c>$</c>), string and number literals, parenthesised sub-pipelines and the Sprig/Helm
/// functions <c>include toYaml nindent indent quote default printf trunc trimSuffix replace not eq</c>; <c>range</c> over a
/// list (dot is each item, <c>$</c> the root; no range variables).
/// Anything else (e.g. variables) throws <see cref="TemplateException"/>, so a template can never render
/// silently wrong here.
/// </summary>
internal static partial class GoTemplate
{
    /// <summary>Splits a template into text and action tokens, applying trim markers.</summary>
    public static List<Token> Tokenize(string text, string file)
    {
        var tokens = new List<Token>();
        var pos = 0;
        var line = 1;
        while (pos < text.Length)
        {
            var open = text.IndexOf("{{", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                tokens.Add(new Token(false, text[pos..], line));
                break;
            }

            var close = FindClose(text, open + 2) ?? throw new TemplateException($"{file}:{line}: '{{{{' is never closed.");
            var leading = text[pos..open];
            var inner = text[(open + 2)..close];
            var trimLeft = inner.StartsWith("- ", StringComparison.Ordinal) || inner == "-";
            var trimRight = inner.EndsWith(" -", StringComparison.Ordinal);
            if (trimLeft)
            {
                leading = leading.TrimEnd();
                inner = inner[1..];
            }

            if (trimRight)
            {
                inner = inner[..^1];
            }

            tokens.Add(new Token(false, leading, line));
            line += text[pos..(close + 2)].Count(static c => c == '\n');
            tokens.Add(new Token(true, inner.Trim(), line));
            pos = close + 2;
            if (trimRight)
            {
                while (pos < text.Length && char.IsWhiteSpace(text[pos]))
                {
                    line += text[pos] == '\n' ? 1 : 0;
                    pos++;
                }
            }
        }

        return tokens;
    }

    /// <summary>Parses tokens into a tree; unbalanced blocks throw.</summary>
    public static List<TemplateNode> Parse(string text, string file, Dictionary<string, List<TemplateNode>> defines)
    {
        var tokens = Tokenize(text, file);
        var index = 0;
        var body = ParseList(tokens, ref index, file, defines, out var terminator);
        if (terminator is not null)
        {
            throw new TemplateException($"{file}:{terminator.Line}: '{terminator.Text}' without an open block.");
        }

        return body;
    }

    private static int? FindClose(string text, int from)
    {
        var inString = false;
        var inComment = false;
        for (var i = from; i < text.Length - 1; i++)
        {
            if (inComment)
            {
                if (text[i] == '*' && text[i + 1] == '/')
                {
                    inComment = false;
                    i++;
                }
            }
            else if (inString)
            {
                if (text[i] == '\\')
                {
                    i++;
                }
                else if (text[i] == '"')
                {
                    inString = false;
                }
            }
            else if (text[i] == '"')
            {
                inString = true;
            }
            else if (text[i] == '/' && text[i + 1] == '*')
            {
                inComment = true;
                i++;
            }
            else if (text[i] == '}' && text[i + 1] == '}')
            {
                return i;
            }
        }

        return null;
    }

    private static List<TemplateNode> ParseList(List<Token> tokens, ref int index, string file, Dictionary<string, List<TemplateNode>> defines, out Token? terminator)
    {
        var nodes = new List<TemplateNode>();
        while (index < tokens.Count)
        {
            var token = tokens[index++];
            if (!token.IsAction)
            {
                if (token.Text.Length > 0)
                {
                    nodes.Add(new TextNode(token.Text));
                }

                continue;
            }

            var action = token.Text;
            var keyword = KeywordRegex().Match(action).Groups[1].Value;
            switch (keyword)
            {
                case "" when action.StartsWith("/*", StringComparison.Ordinal):
                    if (!action.EndsWith("*/", StringComparison.Ordinal))
                    {
                        throw new TemplateException($"{file}:{token.Line}: comment not closed before '}}}}'.");
                    }

                    break;
                case "end" or "else":
                    terminator = token;
                    return nodes;
                case "if" or "with" or "range":
                {
                    var condition = action[keyword.Length..].Trim();
                    var then = ParseList(tokens, ref index, file, defines, out var end);
                    List<TemplateNode> otherwise = [];
                    if (end?.Text == "else")
                    {
                        otherwise = ParseList(tokens, ref index, file, defines, out end);
                    }

                    if (end?.Text != "end")
                    {
                        throw new TemplateException($"{file}:{token.Line}: '{action}' has no matching end.");
                    }

                    nodes.Add(new BlockNode(keyword, condition, then, otherwise, file, token.Line));
                    break;
                }

                case "define":
                {
                    var name = StringLiteralRegex().Match(action).Groups[1].Value;
                    var body = ParseList(tokens, ref index, file, defines, out var end);
                    if (end?.Text != "end")
                    {
                        throw new TemplateException($"{file}:{token.Line}: define \"{name}\" has no matching end.");
                    }

                    defines[name] = body;
                    break;
                }

                case "block" or "template" or "break" or "continue":
                    throw new TemplateException($"{file}:{token.Line}: '{keyword}' is outside the renderer's subset.");
                default:
                    nodes.Add(new ActionNode(action, file, token.Line));
                    break;
            }
        }

        terminator = null;
        return nodes;
    }

    [GeneratedRegex("^([a-z]+)\\b")]
    private static partial Regex KeywordRegex();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex StringLiteralRegex();

    /// <summary>A text or action token; an action's text is its trimmed inside.</summary>
    internal sealed record Token(bool IsAction, string Text, int Line);

    /// <summary>A node of the parsed template.</summary>
    internal abstract record TemplateNode;

    internal sealed record TextNode(string Text) : TemplateNode;

    internal sealed record ActionNode(string Pipeline, string File, int Line) : TemplateNode;

    internal sealed record BlockNode(string Keyword, string Pipeline, List<TemplateNode> Then, List<TemplateNode> Else, string File, int Line) : TemplateNode;
}

/// <summary>A template that is malformed or uses something outside the renderer's subset.</summary>
internal sealed class TemplateException(string message) : Exception(message);

/// <summary>Formats scalars the way Go's text/template prints them.</summary>
internal static class GoValues
{
    public static string Print(object? value) => value switch
    {
        null => "<no value>",
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        YamlDotNet.RepresentationModel.YamlScalarNode scalar => scalar.Value ?? "",
        _ => throw new TemplateException($"cannot print a {value.GetType().Name} (use toYaml)."),
    };

    public static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        var builder = new StringBuilder();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            builder.Append(pad).Append(lines[i]);
            if (i < lines.Length - 1)
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }
}
