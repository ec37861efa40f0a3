using System.Globalization;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports;

namespace IpfsKit.Node.Internal;

/// <summary>
/// A pin's policy from <c>pin/add</c>'s query, named as IPFS Cluster's REST API names them: <c>replication-min</c>,
/// <c>replication-max</c> (-1 = every member), <c>name</c>, <c>meta-KEY=VALUE</c>, plus <c>required-tags</c> and
/// <c>preferred-tags</c> (comma-separated). Malformed values throw <see cref="ArgumentException"/>, contradictory or
/// out-of-range bounds <see cref="IpfsKitPinPolicyException"/> (both answered 400).
/// </summary>
internal static class PinPolicyQuery
{
    private const string MetaPrefix = "meta-";

    /// <summary>The options, or <see langword="null"/> when the query names no policy (the pin keeps any earlier one).</summary>
    public static PinOptions? Parse(HttpRequest request, PinMode mode)
    {
        var query = request.Query;
        var metadata = query.Where(q => q.Key.StartsWith(MetaPrefix, StringComparison.Ordinal) && q.Key.Length > MetaPrefix.Length)
            .ToDictionary(q => q.Key[MetaPrefix.Length..], q => q.Value.ToString(), StringComparer.Ordinal);
        var options = new PinOptions
        {
            Mode = mode,
            ReplicationMin = Replication(request, "replication-min"),
            ReplicationMax = Replication(request, "replication-max"),
            Name = query["name"].ToString() is { Length: > 0 } name ? name : null,
            Metadata = metadata.Count > 0 ? metadata : null,
            RequiredTags = Tags(request, "required-tags"),
            PreferredTags = Tags(request, "preferred-tags"),
        };
        if (options.IsDefault)
        {
            return null;
        }

        options.Validate();
        return options;
    }

    private static int? Replication(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        return text.Length == 0 ? null
            : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ArgumentException($"{name}: {InputText.Quote(text)} is not an integer (-1 for every member)");
    }

    private static IReadOnlyList<string>? Tags(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        try
        {
            return MemberTags.Parse(text) is { Count: > 0 } tags ? tags : null;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{name}: {e.Message}", e);
        }
    }
}
