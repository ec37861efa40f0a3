namespace IpfsKit.Node.Gateway;

/// <summary>What a gateway request asks for.</summary>
internal enum GatewayFormat
{
    /// <summary>The content itself: a file's bytes, a directory's index.html or listing (path gateway).</summary>
    Deserialized,

    /// <summary>One block, exact bytes (<c>application/vnd.ipld.raw</c>).</summary>
    Raw,

    /// <summary>A CARv1 stream (<c>application/vnd.ipld.car</c>).</summary>
    Car,
}
