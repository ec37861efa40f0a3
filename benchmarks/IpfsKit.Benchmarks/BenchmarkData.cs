using System.Security.Cryptography;

namespace IpfsKit.Benchmarks;

/// <summary>Inputs shared by the benchmarks.</summary>
internal static class BenchmarkData
{
    /// <summary>Kubo's default chunk size, and the piece size of the SHA-256 baselines.</summary>
    public const int ChunkSize = 262_144;

    /// <summary>
    /// The file size of the benchmarks that read and write files (transports, reader): <c>IPFSKIT_BENCH_MIB</c> MiB, or
    /// <paramref name="defaultMiB"/>.
    /// </summary>
    public static long FileSize(int defaultMiB) =>
        (Environment.GetEnvironmentVariable("IPFSKIT_BENCH_MIB") is { Length: > 0 } text ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : defaultMiB) * 1024 * 1024;

    /// <summary>Deterministic pseudo-random bytes (seeded, so every run and every process imports the same file).</summary>
    public static byte[] PseudoRandom(int length, int seed = 42)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>The physical reference of an import: SHA-256 over every byte once, in chunk-sized pieces.</summary>
    public static int Sha256InChunks(byte[] data, int chunkSize = ChunkSize)
    {
        Span<byte> digest = stackalloc byte[32];
        var sum = 0;
        for (var at = 0; at < data.Length; at += chunkSize)
        {
            SHA256.HashData(data.AsSpan(at, Math.Min(chunkSize, data.Length - at)), digest);
            sum += digest[0];
        }

        return sum;
    }

    /// <summary>
    /// The floor of a stream import: read the stream in chunk-sized pieces into one buffer (the copy every
    /// <see cref="Stream"/> consumer pays) and hash each piece.
    /// </summary>
    public static async Task<int> ReadAndSha256InChunks(Stream stream, int chunkSize = ChunkSize)
    {
        var buffer = new byte[chunkSize];
        var digest = new byte[32];
        var sum = 0;
        int read;
        while ((read = await stream.ReadAtLeastAsync(buffer, chunkSize, throwOnEndOfStream: false).ConfigureAwait(false)) > 0)
        {
            SHA256.HashData(buffer.AsSpan(0, read), digest);
            sum += digest[0];
        }

        return sum;
    }
}
