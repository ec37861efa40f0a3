using System.Text;

namespace IpfsKit.Testing.Processes;

/// <summary>What a child process left behind: its exit code, its standard output (bytes, exact) and its standard error.</summary>
public sealed record ChildProcessResult(int ExitCode, byte[] StandardOutputBytes, string StandardError)
{
    /// <summary>Gets the standard output as UTF-8 text.</summary>
    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);
}
