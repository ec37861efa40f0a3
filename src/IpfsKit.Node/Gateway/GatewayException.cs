using IpfsKit.Errors;

namespace IpfsKit.Node.Gateway;

/// <summary>A gateway request that ends in an HTTP error status with a short text body.</summary>
internal sealed class GatewayException(int statusCode, string message) : IpfsKitException(message)
{
    /// <summary>Gets the HTTP status answered.</summary>
    public int StatusCode { get; } = statusCode;

    public static GatewayException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static GatewayException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
}
