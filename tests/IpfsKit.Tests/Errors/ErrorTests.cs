using System.Net;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Errors;

public sealed class ErrorTests
{
    [Fact]
    public void RemoteException_WithStatus_NamesEndpointStatusAndRemoteMessage()
    {
        var ex = new IpfsKitRemoteException("POST http://127.0.0.1:5001/api/v0/cat", HttpStatusCode.InternalServerError, "merkledag: not found", "error");

        Assert.Equal("POST http://127.0.0.1:5001/api/v0/cat failed with 500 InternalServerError: merkledag: not found", ex.Message);
        Assert.Equal("merkledag: not found", ex.RemoteMessage);
        Assert.Equal("error", ex.RemoteCode);
        Assert.IsAssignableFrom<IpfsKitException>(ex);
    }

    [Fact]
    public void RemoteException_WithoutAnswer_SaysWhatFailed()
    {
        var ex = new IpfsKitRemoteException("POST http://127.0.0.1:1/api/v0/id", null, "connection refused");

        Assert.Null(ex.StatusCode);
        Assert.Equal("POST http://127.0.0.1:1/api/v0/id failed: connection refused", ex.Message);
    }

    [Fact]
    public void NotSupportedException_NamesTransportAndOperation()
    {
        var ex = new IpfsKitNotSupportedException("gateway", "add");

        Assert.Equal("The gateway transport does not support add.", ex.Message);
        Assert.Equal(("gateway", "add"), (ex.Transport, ex.Operation));
    }
}
