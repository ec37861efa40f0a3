namespace IpfsKit.Deployment.Tests.Helm;

/// <summary>Splits a template pipeline into words, string literals, <c>|</c>, <c>(</c> and <c>)</c>.</summary>
internal static class PipelineLexer
{
    public static List<string> Lex(string pipeline)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < pipeline.Length)
        {
            var c = pipeline[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '|' or '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                var start = i++;
                while (i < pipeline.Length && pipeline[i] != '"')
                {
                    i += pipeline[i] == '\\' ? 2 : 1;
                }

                if (i >= pipeline.Length)
                {
                    throw new TemplateException("unterminated string");
                }

                tokens.Add(pipeline[start..++i]);
            }
            else
            {
                var start = i;
                while (i < pipeline.Length && !char.IsWhiteSpace(pipeline[i]) && pipeline[i] is not ('|' or '(' or ')' or '"'))
                {
                    i++;
                }

                var word = pipeline[start..i];
                if (word.Contains(":=", StringComparison.Ordinal) || (word.StartsWith('$') && word.Length > 1 && word[1] != '.'))
                {
                    throw new TemplateException($"variables ('{word}') are outside the renderer's subset");
                }

                tokens.Add(word);
            }
        }

        return tokens;
    }
}
