using Microsoft.AspNetCore.Http.Metadata;

namespace IpfsKit.Node.Internal;

/// <summary>
/// How large a request body each endpoint accepts; beyond it the server answers 413 without reading the rest.
/// <see cref="Control"/> is Kestrel's limit for every endpoint; an endpoint carrying other metadata
/// (<see cref="WithBodyLimit{TBuilder}"/>) gets its own, which the routing middleware applies before the body is read.
/// </summary>
internal static class RequestBodyLimits
{
    /// <summary>Any endpoint without its own limit: JSON control calls (<c>/cluster/*</c>) and calls that take no body.</summary>
    public const long Control = 1024 * 1024;

    /// <summary><c>dag/export</c>'s list of roots, one CID a line: 100,000 roots (a backup's recursive pins) of up to 80 characters.</summary>
    public const long DagExportRoots = 8 * 1024 * 1024;

    /// <summary>Gives the endpoints of <paramref name="builder"/> a body limit of <paramref name="maxBytes"/> (<see langword="null"/>: unbounded, for content that streams).</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long? maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(maxBytes));

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
