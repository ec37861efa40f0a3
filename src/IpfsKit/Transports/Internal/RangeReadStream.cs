namespace IpfsKit.Transports.Internal;

/// <summary>A read-only, forward-only window of at most <c>length</c> bytes of an inner stream, from its current position.</summary>
/// <remarks>Owns the inner stream: disposing the window disposes it.</remarks>
internal sealed class RangeReadStream(Stream inner, long length) : Stream
{
    private readonly long _length = length;
    private long _remaining = length;
    private long _position;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("A range stream cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer[..Limit(buffer.Length)]);
        Advance(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var limit = Limit(buffer.Length);
        if (limit == 0)
        {
            return 0;
        }

        var read = await inner.ReadAsync(buffer[..limit], cancellationToken).ConfigureAwait(false);
        Advance(read);
        return read;
    }

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
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Limit(int wanted) => (int)Math.Min(wanted, _remaining);

    private void Advance(int read)
    {
        _remaining -= read;
        _position += read;
    }
}
