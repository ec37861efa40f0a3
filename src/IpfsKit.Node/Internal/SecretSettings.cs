namespace IpfsKit.Node.Internal;

/// <summary>
/// Reads a secret from its variable (<c>NAME</c>) or from the file its <c>NAME_FILE</c> variable names (a mounted
/// Kubernetes/compose secret; one trailing newline is trimmed), and refuses the placeholder values our samples ship.
/// Each problem is added to <c>errors</c> as one line starting with the variable.
/// </summary>
internal static class SecretSettings
{
    /// <summary>
    /// The placeholders in this repository's samples and docs (samples/Deployment/kubernetes/secret.yaml, the chart's
    /// values.yaml, docs/getting-started.md before it said <c>openssl rand</c>), compared without case: a node started
    /// with one of them is running on a secret everybody can read.
    /// </summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["REPLACE-ME-with-a-long-random-secret", "change-me"];

    /// <summary>Reads <paramref name="name"/> or <c><paramref name="name"/>_FILE</c>.</summary>
    /// <param name="get">Reads a variable (trimmed; <see langword="null"/> when unset or empty).</param>
    /// <param name="name">The secret's variable, e.g. IPFS_KIT_API_TOKEN.</param>
    /// <param name="errors">Where problems go; when <see langword="null"/> problems are ignored (the CLI's lenient defaults).</param>
    /// <returns>The secret and the variable it came from, or (<see langword="null"/>, <paramref name="name"/>) when neither is set or the file is unreadable.</returns>
    public static (string? Value, string Source) Read(Func<string, string?> get, string name, List<string>? errors)
    {
        var fileVariable = name + "_FILE";
        var direct = get(name);
        var path = get(fileVariable);
        if (path is null)
        {
            return (direct, name);
        }

        if (direct is not null)
        {
            errors?.Add($"{fileVariable}: set together with {name}; set only one of them.");
            return (null, name);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors?.Add($"{fileVariable}: cannot read '{path}': {e.Message.ReplaceLineEndings(" ")}");
            return (null, fileVariable);
        }

        text = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        return (text.Trim(), fileVariable);
    }

    /// <summary>Adds an error when <paramref name="value"/> is one of the <see cref="Placeholders"/>.</summary>
    public static void RefusePlaceholder(string? value, string source, List<string> errors)
    {
        if (value is not null && Placeholders.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{source}: '{value}' is the samples' placeholder, not a secret; set a long random one (e.g. openssl rand -hex 32).");
        }
    }
}
