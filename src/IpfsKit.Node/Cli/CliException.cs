namespace IpfsKit.Node.Cli;

/// <summary>A runtime failure of a CLI command: its message is printed on stderr as one line and the exit code is 1.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliException()
    {
    }
}
