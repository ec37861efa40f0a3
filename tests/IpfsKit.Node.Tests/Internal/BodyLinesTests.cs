using System.IO.Pipelines;
using System.Text;
using IpfsKit.Node.Internal;

namespace IpfsKit.Node.Tests.Internal;

[Trait("Category", "Host")]
public sealed class BodyLinesTests
{
    [Fact]
    public async Task ReadAsync_LinesSplitAcrossWrites_TrimmedAndBlankOnesSkipped()
    {
        var pipe = new Pipe();
        foreach (var part in new[] { "  bafy", "one\r\n\n", "  \nbafytwo\nbafy", "three" })
        {
            await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(part));
        }

        await pipe.Writer.CompleteAsync();

        Assert.Equal(["bafyone", "bafytwo", "bafythree"], await ToListAsync(pipe.Reader, 512));
    }

    [Fact]
    public async Task ReadAsync_LineLongerThanTheMaximum_ThrowsWithoutWaitingForItsEnd()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("ok\n" + new string('x', 4096))); // no newline, writer left open

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ToListAsync(pipe.Reader, 512));

        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.InRange(e.Message.Length, 1, 200);
    }

    [Fact]
    public async Task ReadAsync_LastLineTooLong_Throws()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(new string('x', 513)));
        await pipe.Writer.CompleteAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => ToListAsync(pipe.Reader, 512));
    }

    [Fact]
    public async Task ReadAsync_LineOfExactlyTheMaximum_Read()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(new string('x', 512) + "\n"));
        await pipe.Writer.CompleteAsync();

        Assert.Single(await ToListAsync(pipe.Reader, 512));
    }

    private static async Task<List<string>> ToListAsync(PipeReader reader, int max)
    {
        var lines = new List<string>();
        await foreach (var line in BodyLines.ReadAsync(reader, max))
        {
            lines.Add(line);
        }

        return lines;
    }
}
