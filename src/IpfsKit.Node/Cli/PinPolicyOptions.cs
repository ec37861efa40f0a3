using System.CommandLine;
using System.Globalization;
using System.Text;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports;

namespace IpfsKit.Node.Cli;

/// <summary>
/// <c>pin add</c>'s policy options (<c>--replication-min/max</c>, <c>--name</c>, <c>--meta KEY=VALUE</c>,
/// <c>--require-tag</c>, <c>--prefer-tag</c>), checked here as the host checks them and sent as
/// <c>pin/add</c>'s query (the host's <c>PinPolicyQuery</c>).
/// </summary>
internal sealed class PinPolicyOptions
{
    private readonly Option<int?> _min = new("--replication-min") { Description = "Replicas below which the pin is under-replicated (-1: every member; default: the cluster's)" };
    private readonly Option<int?> _max = new("--replication-max") { Description = "Replicas the master aims for (-1: every member; default: the cluster's)" };
    private readonly Option<string?> _name = new("--name") { Description = "A name for the pin" };
    private readonly Option<string[]> _meta = new("--meta") { Description = "Metadata KEY=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> _require = new("--require-tag") { Description = "Only members with this tag hold the pin (repeatable or comma-separated)" };
    private readonly Option<string[]> _prefer = new("--prefer-tag") { Description = "Members with this tag are used first (repeatable or comma-separated)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_min);
        command.Options.Add(_max);
        command.Options.Add(_name);
        command.Options.Add(_meta);
        command.Options.Add(_require);
        command.Options.Add(_prefer);
    }

    /// <summary>The query suffix (<c>&amp;replication-min=…</c>), or <see langword="null"/> when no policy option was given.</summary>
    /// <exception cref="CliException">A value is malformed.</exception>
    /// <exception cref="IpfsKitPinPolicyException">The bounds are out of range or contradict each other (one line, exit 1, as the host's 400).</exception>
    public string? Read(ParseResult result, PinMode mode)
    {
        try
        {
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in result.GetValue(_meta) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new ArgumentException($"--meta {pair}: not KEY=VALUE");
                }

                metadata[pair[..equals]] = pair[(equals + 1)..];
            }

            var options = new PinOptions
            {
                Mode = mode,
                ReplicationMin = result.GetValue(_min),
                ReplicationMax = result.GetValue(_max),
                Name = result.GetValue(_name),
                Metadata = metadata.Count > 0 ? metadata : null,
                RequiredTags = MemberTags.Normalize((result.GetValue(_require) ?? []).SelectMany(t => t.Split(','))) is { Count: > 0 } r ? r : null,
                PreferredTags = MemberTags.Normalize((result.GetValue(_prefer) ?? []).SelectMany(t => t.Split(','))) is { Count: > 0 } p ? p : null,
            };
            if (options.IsDefault)
            {
                return null;
            }

            options.Validate();
            var query = new StringBuilder();
            void Add(string key, string? value)
            {
                if (value is not null)
                {
                    query.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
                }
            }

            Add("replication-min", options.ReplicationMin?.ToString(CultureInfo.InvariantCulture));
            Add("replication-max", options.ReplicationMax?.ToString(CultureInfo.InvariantCulture));
            Add("name", options.Name);
            foreach (var (key, value) in metadata)
            {
                Add("meta-" + key, value);
            }

            Add("required-tags", options.RequiredTags is null ? null : string.Join(',', options.RequiredTags));
            Add("preferred-tags", options.PreferredTags is null ? null : string.Join(',', options.PreferredTags));
            return query.ToString();
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message, e);
        }
    }
}
