using System.IO.Pipelines;
using IpfsKit.Node.Internal;
using Microsoft.AspNetCore.Http;

namespace IpfsKit.Node.Tests.Internal;

[Trait("Category", "Host")]
public sealed class IdleTimeoutStreamTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task ReadAsync_NoByteWithinTheIdleTime_Throws408()
    {
        var pipe = new Pipe();
        var stream = new IdleTimeoutStream(pipe.Reader.AsStream(), Idle, TimeProvider.System);

        var e = await Assert.ThrowsAsync<BadHttpRequestException>(() => stream.ReadAsync(new byte[16]).AsTask());

        Assert.Equal(StatusCodes.Status408RequestTimeout, e.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_DataArrives_ReturnsIt()
    {
        var pipe = new Pipe();
        var stream = new IdleTimeoutStream(pipe.Reader.AsStream(), TimeSpan.FromSeconds(30), TimeProvider.System);
        var buffer = new byte[16];

        var read = stream.ReadAsync(buffer).AsTask();
        await pipe.Writer.WriteAsync(new byte[] { 1, 2, 3 });

        Assert.Equal(3, await read);
        Assert.Equal([1, 2, 3], buffer[..3]);
    }

    [Fact]
    public async Task ReadAsync_CallerCancels_CancellationNot408()
    {
        var pipe = new Pipe();
        var stream = new IdleTimeoutStream(pipe.Reader.AsStream(), TimeSpan.FromSeconds(30), TimeProvider.System);
        using var cts = new CancellationTokenSource();

        var read = stream.ReadAsync(new byte[16], cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }
}
