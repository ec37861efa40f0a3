namespace IpfsKit.Node.Cli;

/// <summary>What a CLI command runs with: the node link, the console's writers and whether stderr is a terminal.</summary>
internal sealed class CliContext(NodeConnection node, TimeProvider time) : IDisposable
{
    public NodeConnection Node { get; } = node;

    public TimeProvider Time { get; } = time;

    public TextWriter Out { get; } = Console.Out;

    public TextWriter Error { get; } = Console.Error;

    /// <summary>Gets whether progress is drawn in place (stderr is a terminal) rather than as plain lines.</summary>
    public bool InteractiveProgress { get; } = !Console.IsErrorRedirected;

    /// <summary>Gets the opener of the raw standard output (binary-safe, for <c>cat</c>).</summary>
    public Func<Stream> OpenStandardOutput { get; } = Console.OpenStandardOutput;

    public void Dispose() => Node.Dispose();
}
