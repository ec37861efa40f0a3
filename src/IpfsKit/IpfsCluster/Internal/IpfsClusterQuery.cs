using System.Globalization;
using System.Text;
using IpfsKit.Transports;

namespace IpfsKit.IpfsCluster.Internal;

/// <summary>Query strings of <c>POST /pins/{cid}</c> (<c>PinOptions.FromQuery</c>) and <c>POST /add</c> (<c>AddParamsFromQuery</c>).</summary>
internal static class IpfsClusterQuery
{
    public static string Pin(IpfsClusterPinOptions options)
    {
        var query = new StringBuilder();
        Add(query, "name", options.Name);
        Add(query, "mode", options.Mode switch
        {
            PinMode.Recursive => "recursive",
            PinMode.Direct => "direct",
            _ => throw new ArgumentException("A cluster pin is recursive or direct.", nameof(options)),
        });
        Add(query, "replication-min", options.ReplicationMin);
        Add(query, "replication-max", options.ReplicationMax);
        if (options.UserAllocations is { Count: > 0 } allocations)
        {
            Add(query, "user-allocations", string.Join(',', allocations));
        }

        if (options.ExpireIn is { } expireIn)
        {
            // A Go duration (time.ParseDuration): whole milliseconds keep sub-second values exact.
            Add(query, "expire-in", ((long)expireIn.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms");
        }

        foreach (var (key, value) in options.Metadata ?? new Dictionary<string, string>())
        {
            Add(query, "meta-" + key, value);
        }

        return query.ToString();
    }

    public static string Add(IpfsClusterAddOptions options)
    {
        // stream-channels=true asks for NDJSON as each node is added (the Go client always sets it).
        var query = new StringBuilder("?stream-channels=true");
        Add(query, "name", options.Name);
        Add(query, "replication-min", options.ReplicationMin);
        Add(query, "replication-max", options.ReplicationMax);
        Add(query, "cid-version", options.CidVersion);
        Add(query, "raw-leaves", options.RawLeaves);
        Add(query, "chunker", options.Chunker);
        Add(query, "local", options.Local);
        return query.ToString();
    }

    public static void Add(StringBuilder query, string key, object? value)
    {
        var text = value switch
        {
            null => null,
            bool b => b ? "true" : "false",
            int i => i.ToString(CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (text is not null)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(text));
        }
    }
}
