namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>
/// A read-only stream of <c>length</c> pseudo-random bytes from a seed, generated as it is read (no array of the whole
/// content): the same seed gives the same bytes. xorshift64*, fast enough to feed gigabytes.
/// </summary>
public sealed class SeededRandomStream(long length, ulong seed) : Stream
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
    private long _position;
    private ulong _pending;
    private int _pendingBytes;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The first <paramref name="count"/> bytes of the stream of <paramref name="seed"/>, for small checks.</summary>
    public static byte[] Bytes(int count, ulong seed)
    {
        var bytes = new byte[count];
        new SeededRandomStream(count, seed).ReadExactly(bytes);
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            if (_pendingBytes == 0)
            {
                _state ^= _state >> 12;
                _state ^= _state << 25;
                _state ^= _state >> 27;
                _pending = _state * 0x2545F4914F6CDD1DUL;
                _pendingBytes = 8;
            }

            buffer[i] = (byte)_pending;
            _pending >>= 8;
            _pendingBytes--;
        }

        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
