namespace IpfsKit.Node;

/// <summary>Thrown by <see cref="NodeSettings.FromEnvironment"/> when a variable or argument is invalid; the host exits with code 2.</summary>
public sealed class NodeSettingsException : Exception
{
    /// <summary>Creates the exception from one message per invalid value, each naming its variable or argument.</summary>
    /// <param name="errors">The problems found, each starting with the variable or argument it is about.</param>
    public NodeSettingsException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    /// <summary>Creates the exception with no details.</summary>
    public NodeSettingsException()
        : this([])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    /// <param name="message">The problem, naming its variable.</param>
    public NodeSettingsException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one message and its cause.</summary>
    /// <param name="message">The problem, naming its variable.</param>
    /// <param name="innerException">The cause.</param>
    public NodeSettingsException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Gets every problem found, one a line, each naming its variable or argument.</summary>
    public IReadOnlyList<string> Errors { get; }
}
