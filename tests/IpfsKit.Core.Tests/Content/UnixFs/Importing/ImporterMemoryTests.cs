using IpfsKit.Content.UnixFs.Importing;
using Xunit.Abstractions;

namespace IpfsKit.Tests.Content.UnixFs.Importing;

/// <summary>Memory, not time: a 1 GiB import runs in a bounded heap.</summary>
/// <remarks>The heap is the process's: this collection runs alone, after the parallel ones, so other tests' buffers do not count.</remarks>
[Collection(MemoryCollection.Name)]
public sealed class ImporterMemoryTests(ITestOutputHelper output)
{
    private const long OneGiB = 1L << 30;

    [Fact]
    public async Task AddFile_OneGiBGeneratedStream_HeapStaysUnder64MiBAboveBaseline()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var source = new GeneratedStream(OneGiB, seed: 1, sampleEvery: 64L << 20);

        var result = await new UnixFsImporter(null).AddFileAsync(source);

        Assert.Equal((ulong)OneGiB, result.ContentSize);
        Assert.True(source.Samples.Count >= 15, $"only {source.Samples.Count} heap samples were taken");
        var peak = source.Samples.Max() - baseline;
        output.WriteLine($"heap growth peak over {source.Samples.Count} samples: {peak / 1024.0 / 1024.0:F1} MiB");
        Assert.True(peak < 64L << 20, $"the managed heap grew by {peak >> 20} MiB during a 1 GiB import");
    }

    [Fact]
    public async Task AddFile_SameGeneratedStreamTwice_SameRoot()
    {
        var first = await new UnixFsImporter(null).AddFileAsync(new GeneratedStream(64L << 20, seed: 9, sampleEvery: long.MaxValue));
        var second = await new UnixFsImporter(null).AddFileAsync(new GeneratedStream(64L << 20, seed: 9, sampleEvery: long.MaxValue));

        Assert.Equal(first.Cid, second.Cid);
    }

    /// <summary>Deterministic pseudo-random bytes made on the fly (xorshift), never held in memory; samples the heap as it goes.</summary>
    private sealed class GeneratedStream(long length, ulong seed, long sampleEvery) : Stream
    {
        private ulong _state = seed * 0x9E3779B97F4A7C15UL | 1;
        private long _position;
        private long _nextSample;

        public List<long> Samples { get; } = [];

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= _nextSample)
            {
                Samples.Add(GC.GetTotalMemory(forceFullCollection: false));
                _nextSample += sampleEvery;
            }

            var n = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < n; i++)
            {
                _state ^= _state << 13;
                _state ^= _state >> 7;
                _state ^= _state << 17;
                buffer[i] = (byte)_state;
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Tests that measure the process heap run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Memory";
}
