using System.Text;
using System.Text.Json;
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Node.Internal;
using IpfsKit.Transports;
using Microsoft.AspNetCore.Http;

namespace IpfsKit.Node.Tests.Internal;

/// <summary>
/// <c>pin/add?progress=true</c> while a pin is still running: IPFS Cluster's connector cancels a pin whose progress
/// does not move within its pin_timeout, so lines must arrive before the pin ends (a host-process test only sees pins
/// that end within the first tick).
/// </summary>
[Trait("Category", "Engines")]
public sealed class KuboPinProgressTests
{
    [Fact]
    public async Task RunAsync_PinStillRunning_WritesProgressLinesBeforeThePinsLine()
    {
        var (store, root, blocks) = await DagAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = new LineSignallingStream();
        var context = new DefaultHttpContext { Response = { Body = body } };

        var run = KuboPinProgress.RunAsync(context, store, root, PinMode.Recursive, _ => release.Task, TimeProvider.System);
        await body.FirstLine.WaitAsync(TimeSpan.FromSeconds(30)); // a tick while the pin waits
        var linesWhilePinning = body.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        release.SetResult();
        await run;

        var lines = body.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.InRange(linesWhilePinning, 1, int.MaxValue);
        Assert.False(lines[0].TryGetProperty("Pins", out _));
        var counts = lines[..^1].Select(l => l.TryGetProperty("Progress", out var p) ? p.GetInt32() : 0).ToList(); // Kubo omits a zero
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(blocks, lines[^2].GetProperty("Progress").GetInt32());
        Assert.Equal(root.ToString(), lines[^1].GetProperty("Pins")[0].GetString());
        Assert.Equal("1", context.Response.Headers["X-Chunked-Output"]);
    }

    [Fact]
    public async Task RunAsync_PinFailsBeforeTheFirstTick_ThrowsWithNothingWritten()
    {
        var (store, root, _) = await DagAsync();
        var body = new LineSignallingStream();
        var context = new DefaultHttpContext { Response = { Body = body } };

        await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() =>
            KuboPinProgress.RunAsync(context, store, root, PinMode.Recursive, _ => throw new IpfsKitBlockNotFoundException(root), TimeProvider.System));

        Assert.Empty(body.Text); // so the error filter answers Kubo's error JSON with its status
    }

    private static async Task<(MemoryBlockStore Store, Content.Cid Root, int Blocks)> DagAsync()
    {
        var store = new MemoryBlockStore();
        var data = new byte[600_000];
        new Random(3).NextBytes(data);
        var root = (await new UnixFsImporter(store, ImportOptions.UnixFsV0Of2015).AddFileAsync(new MemoryStream(data))).Cid;
        return (store, root, await store.EnumerateAsync().CountAsync());
    }

    /// <summary>A response body that records what is written and signals the first complete line.</summary>
    private sealed class LineSignallingStream : MemoryStream
    {
        private readonly Lock _gate = new();
        private readonly TaskCompletionSource _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstLine => _firstLine.Task;

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return Encoding.UTF8.GetString(ToArray());
                }
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                base.Write(buffer, offset, count);
            }

            if (buffer.AsSpan(offset, count).Contains((byte)'\n'))
            {
                _firstLine.TrySetResult();
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.ToArray(), 0, buffer.Length);
            return ValueTask.CompletedTask;
        }
    }
}
