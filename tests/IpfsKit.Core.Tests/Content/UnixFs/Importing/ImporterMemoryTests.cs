using System.Buffers.Binary;
using IpfsKit.Content.UnixFs.Importing;
using Xunit.Abstractions;

namespace IpfsKit.Tests.Content.UnixFs.Importing;

/// <summary>Memory, not time: a 1 GiB import runs in a bounded heap, and a generated file always gets the same root.</summary>
/// <remarks>The heap is the process's: this collection runs alone, after the parallel ones, so other tests' buffers do not count.</remarks>
[Collection(MemoryCollection.Name)]
public sealed class ImporterMemoryTests(ITestOutputHelper output)
{
    private const long OneGiB = 1L << 30;
    private const long HeapBound = 64L << 20;

    // Kubo's defaults (CIDv0, 262,144-byte chunks, balanced, 174 links), with --only-hash.
    private static readonly ImportOptions KuboOnlyHash = ImportOptions.UnixFsV0Of2015 with { OnlyHash = true };

    [Fact]
    public async Task AddFile_OneGiBGeneratedStream_HeapStaysUnder64MiBAboveBaseline()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var heapBaseline = GC.GetGCMemoryInfo().HeapSizeBytes;
        var collections = GC.CollectionCount(0);
        var source = new GeneratedStream(OneGiB, seed: 1, sampleEvery: 64L << 20);

        var result = await new UnixFsImporter(null, KuboOnlyHash).AddFileAsync(source);

        Assert.Equal((ulong)OneGiB, result.ContentSize);
        Assert.True(source.Samples.Count >= 16, $"only {source.Samples.Count} heap samples were taken");
        var peak = source.Samples.Max(s => s.TotalMemory) - baseline;
        var heapPeak = source.Samples.Max(s => s.HeapSize) - heapBaseline;

        // GetTotalMemory(false) counts garbage not yet collected, so it bounds what the import allocates as well as what
        // it keeps; HeapSizeBytes is as of the last GC and only says something when a GC ran during the import.
        output.WriteLine($"{source.Samples.Count} samples; peak growth: GetTotalMemory {peak / 1024.0 / 1024.0:F1} MiB, "
            + $"HeapSizeBytes {heapPeak / 1024.0 / 1024.0:F1} MiB; {GC.CollectionCount(0) - collections} GCs during the import");
        Assert.True(peak < HeapBound, $"the managed heap grew by {peak >> 20} MiB during a 1 GiB import");
        Assert.True(heapPeak < HeapBound, $"the GC heap size grew by {heapPeak >> 20} MiB during a 1 GiB import");
    }

    [Fact]
    public async Task AddFile_SameBytesTwiceWithDifferentReadSizes_SameRoot()
    {
        const long size = 64L << 20;
        var whole = new GeneratedStream(size, seed: 9, sampleEvery: long.MaxValue);
        var dribbled = new GeneratedStream(size, seed: 9, sampleEvery: long.MaxValue, maxRead: 7_919);

        var first = await new UnixFsImporter(null, KuboOnlyHash).AddFileAsync(whole);
        var second = await new UnixFsImporter(null, KuboOnlyHash).AddFileAsync(dribbled);

        Assert.Equal(first.Cid, second.Cid);
        Assert.Equal(first.DagSize, second.DagSize);
        Assert.Equal((ulong)size, second.ContentSize);
    }

    [Fact]
    public void GeneratedStream_DifferentReadSizes_SameBytes()
    {
        var whole = new byte[100_000];
        var pieces = new byte[100_000];
        new GeneratedStream(whole.Length, seed: 3, sampleEvery: long.MaxValue).ReadExactly(whole);
        var dribbled = new GeneratedStream(pieces.Length, seed: 3, sampleEvery: long.MaxValue, maxRead: 13);
        dribbled.ReadExactly(pieces);

        Assert.Equal(whole, pieces);
        Assert.Equal(0, dribbled.Read(pieces));
    }

    private readonly record struct HeapSample(long TotalMemory, long HeapSize);

    /// <summary>
    /// Deterministic pseudo-random bytes made on the fly (xorshift64, eight bytes a step), never held in memory: byte i
    /// is byte i % 8 of word i / 8 whatever the read sizes. Samples the heap every <c>sampleEvery</c> bytes.
    /// </summary>
    private sealed class GeneratedStream(long length, ulong seed, long sampleEvery, int maxRead = int.MaxValue) : Stream
    {
        private ulong _state = (seed * 0x9E3779B97F4A7C15UL) | 1;
        private ulong _word;
        private int _wordUsed = sizeof(ulong);
        private long _position;
        private long _nextSample;

        public List<HeapSample> Samples { get; } = [];

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
                Samples.Add(new HeapSample(GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().HeapSizeBytes));
                _nextSample += sampleEvery;
            }

            var n = (int)Math.Min(Math.Min(buffer.Length, maxRead), length - _position);
            var at = 0;
            while (at < n && _wordUsed < sizeof(ulong))
            {
                buffer[at++] = (byte)(_word >> (8 * _wordUsed++));
            }

            for (; n - at >= sizeof(ulong); at += sizeof(ulong))
            {
                BinaryPrimitives.WriteUInt64LittleEndian(buffer[at..], Next());
            }

            if (at < n)
            {
                _word = Next();
                _wordUsed = 0;
                while (at < n)
                {
                    buffer[at++] = (byte)(_word >> (8 * _wordUsed++));
                }
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private ulong Next()
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            return _state;
        }
    }
}

/// <summary>Tests that measure the process heap run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Memory";
}
