using System.Diagnostics;
using IpfsKit.Content;
using IpfsKit.Storage;
using IpfsKit.Testing.Processes;
using Xunit.Abstractions;

namespace IpfsKit.Tests.Storage;

/// <summary>
/// Kills a real writer process (tests/IpfsKit.Storage.CrashWriter) at random moments and checks the folder it leaves:
/// every block the tier serves or holds hashes to its CID, every acknowledged write survived (fsync on, process crash
/// only), and no temp file ever becomes a block.
/// </summary>
[Trait("Category", "Storage")]
public sealed class DiskBlockTierCrashTests(ITestOutputHelper output)
{
    private const int MinRounds = 20;
    private static readonly TimeSpan ExtraRoundsUntil = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KilledWriter_Reopen_AcknowledgedBlocksSurviveAndEveryBlockVerifies()
    {
        var writer = StampedPath.Of("CrashWriterPath");
        Assert.True(File.Exists(writer), $"the crash writer is not built at '{writer}'");

        using var folder = new DiskTierFolder();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var acknowledged = new HashSet<Cid>();
        var verified = new HashSet<Cid>();
        var (rounds, leftoverTemps, discarded) = (0, 0, 0);
        var clock = Stopwatch.StartNew();

        while (rounds < MinRounds || clock.Elapsed < ExtraRoundsUntil)
        {
            var runFor = random.Next(100, 1501);
            var printed = await RunAndKillAsync(writer, folder.Path, runFor);
            acknowledged.UnionWith(printed);
            rounds++;

            leftoverTemps += folder.TempFiles().Count();
            using var tier = await DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = folder.Path, Fsync = false });
            tier.BlockDiscarded += (_, e) =>
            {
                discarded++;
                output.WriteLine($"discarded {e.Cid}: {e.Reason}");
            };
            Assert.Empty(folder.TempFiles());

            // Every acknowledged block is there, and nothing the writer did not put is.
            var present = (await tier.EnumerateAsync().ToListAsync()).ToHashSet();
            var lost = acknowledged.Where(cid => !present.Contains(cid)).ToList();
            Assert.True(lost.Count == 0, $"round {rounds} (seed {seed}): {lost.Count} acknowledged blocks lost, first {lost.FirstOrDefault()}");

            // Each new block once: through the tier, and its file read directly and hashed.
            foreach (var cid in present.Where(verified.Add))
            {
                var block = await tier.GetAsync(cid);
                Assert.NotNull(block);
                Assert.True(cid.Hash.Matches(block.Data.Span));
                Assert.True(cid.Hash.Matches(await File.ReadAllBytesAsync(folder.DataFile(cid))));
            }

            // Every block file is named after a block the index holds: no temp file or stray file became a block.
            var files = folder.DataFiles().ToList();
            Assert.Equal(present.Count, files.Count);
            Assert.All(files, file => Assert.Contains(CidOfFile(file), present));

            Assert.Equal(0, discarded);
            Assert.Equal(present.Count, tier.GetStatistics().Blocks);
            if (rounds >= 60)
            {
                break;
            }
        }

        // Finally hash every file directly, against the CID its name encodes.
        foreach (var file in folder.DataFiles())
        {
            var cid = CidOfFile(file);
            Assert.True(cid.Hash.Matches(await File.ReadAllBytesAsync(file)), $"{file} does not hash to its name");
        }

        output.WriteLine(
            $"seed {seed}: {rounds} rounds in {clock.Elapsed.TotalSeconds:F1} s, {verified.Count} blocks checked " +
            $"({acknowledged.Count} acknowledged, {folder.DataFiles().Count()} files hashed), {leftoverTemps} leftover temp files swept, {discarded} discarded");
        Assert.True(acknowledged.Count > 0, "the writer never acknowledged a block");
    }

    private static Cid CidOfFile(string file) => Cid.FromBytes(Multibase.Decode("b" + Path.GetFileNameWithoutExtension(file), out _));

    /// <summary>Starts the writer, waits for "ready", lets it write for a while, kills it, and returns the CIDs it acknowledged.</summary>
    private static async Task<List<Cid>> RunAndKillAsync(string writer, string folder, int runForMilliseconds)
    {
        using var child = ChildProcess.Start(ChildProcess.StartInfo("dotnet", [writer, folder]));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acknowledged = new List<Cid>();
        var stderr = child.StandardError.ReadToEndAsync();
        var stdout = ChildOutput.ReadLinesAsync(child.StandardOutput, line =>
        {
            if (line == "ready")
            {
                ready.TrySetResult();
            }
            else
            {
                acknowledged.Add(Cid.Parse(line));
            }
        });

        try
        {
            var first = await Task.WhenAny(ready.Task, child.WaitForExitAsync(), Task.Delay(ReadyTimeout));
            if (first != ready.Task)
            {
                throw new InvalidOperationException($"the crash writer did not get ready: {(child.HasExited ? await stderr : "timeout")}");
            }

            await Task.Delay(runForMilliseconds);
        }
        finally
        {
            await ChildProcess.KillAsync(child);
        }

        await stdout;
        return acknowledged;
    }
}
