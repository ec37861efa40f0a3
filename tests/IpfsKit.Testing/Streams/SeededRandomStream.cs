namespace IpfsKit.Testing.Streams;

/// <summary>
/// A read-only, forward-only stream of <c>length</c> pseudo-random bytes from a seed (xorshift64*): the same seed gives
/// the same bytes, and nothing is held in memory whatever the length.
/// </summary>
public sealed class SeededRandomStream(ulong seed, long length) : Stream
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
    private ulong _word;
    private int _wordBytesLeft;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Reads all the bytes of a short stream into an array.</summary>
    public static byte[] Bytes(ulong seed, int length)
    {
        var bytes = new byte[length];
        new SeededRandomStream(seed, length).ReadExactly(bytes);
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < count; i++)
        {
            if (_wordBytesLeft == 0)
            {
                _state ^= _state >> 12;
                _state ^= _state << 25;
                _state ^= _state >> 27;
                _word = _state * 0x2545F4914F6CDD1DUL;
                _wordBytesLeft = 8;
            }

            buffer[i] = (byte)_word;
            _word >>= 8;
            _wordBytesLeft--;
        }

        _position += count;
        return count;
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
