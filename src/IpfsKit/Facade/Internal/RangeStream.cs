using IpfsKit.Transports;

namespace IpfsKit.Facade.Internal;

/// <summary>A read-only window of a seekable stream: <c>[offset, offset + length)</c>, clipped to the stream's end.</summary>
internal sealed class RangeStream : Stream
{
    private readonly Stream _inner;
    private long _remaining;

    private RangeStream(Stream inner, long remaining)
    {
        _inner = inner;
        _remaining = remaining;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A range stream does not know its length.");

    public override long Position
    {
        get => throw new NotSupportedException("A range stream cannot seek.");
        set => throw new NotSupportedException("A range stream cannot seek.");
    }

    /// <summary>Wraps a seekable stream for a range, or returns it as is when there is no range.</summary>
    public static Stream Over(Stream seekable, ByteRange? range)
    {
        if (range is not { } r)
        {
            return seekable;
        }

        seekable.Position = Math.Min(r.Offset, seekable.Length);
        return new RangeStream(seekable, r.Length ?? long.MaxValue);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
        _remaining -= read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A range stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A range stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A range stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
