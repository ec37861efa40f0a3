using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Abuse;

/// <summary>
/// kill -9 of the real host during an add's pin step, round after round on one folder: the pins (<c>refs</c> in
/// <c>pins.db</c>), the <c>.pin</c> marker files and the storage budget must agree after every restart.
/// </summary>
[Trait("Category", "Abuse")]
[Trait("Category", "Host")]
public sealed class PinCrashAbuseTests(ITestOutputHelper output)
{
    private const int Rounds = 28;
    private const int FileSize = 2 * 1024 * 1024;
    private const int Chunk = 32 * 1024;
    private const long MaxStorage = 16L * 1024 * 1024;

    [Fact]
    public async Task Add_KilledDuringItsPinStep_RestartLeavesPinsMarkersAndBudgetInAgreement()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipfskit-pincrash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var extra = new Dictionary<string, string> { ["IPFS_PATH"] = folder, ["MAX_STORAGE"] = "16M" };
        var seed = Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var blocksPerAdd = (FileSize / Chunk) + 1;
        var problems = new List<string>();
        var (addKills, inPinStep) = (0, 0);
        var clock = Stopwatch.StartNew();
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                var started = clock.Elapsed;
                await using var host = await HostProcess.StartReadyAsync(extra: extra);
                var ready = clock.Elapsed;
                await CheckAsync(host, folder, $"round {round} after restart", problems);

                // One round in seven lets the add commit; the next kills the unpin of what it pinned as it deletes
                // markers (after its commit); every other round kills the add at a random marker of its pin step.
                // Adds now hold their blocks from the first one written, so kills that land late leave committed pins:
                // keep at most three (6 MiB of the 16 MiB budget) so every round's add has room.
                var pinned = await PinnedAsync(host);
                while (pinned.Count > 3)
                {
                    await UnpinAsync(host, pinned[^1], problems);
                    pinned.RemoveAt(pinned.Count - 1);
                }

                string landed;
                if (round % 7 == 0)
                {
                    using var add = await AddAsync(host, RandomBytes(random), CancellationToken.None);
                    landed = $"no kill: the add answered {(int)add.StatusCode}";
                }
                else if (round % 7 == 1 && pinned.Count > 0)
                {
                    var target = random.Next(1, blocksPerAdd + 1);
                    var kill = await KillAtMarkerAsync(
                        host, folder, target, deleted: true, ct => host.Client.PostAsync(new Uri($"api/v0/pin/rm?arg={pinned[0]}", UriKind.Relative), null, ct));
                    landed = $"aimed at deleted marker {target}/{blocksPerAdd} of pin/rm, landed {kill.Where}";
                }
                else
                {
                    var target = random.Next(1, blocksPerAdd + 1);
                    var data = RandomBytes(random);
                    var kill = await KillAtMarkerAsync(host, folder, target, deleted: false, ct => AddAsync(host, data, ct));
                    landed = $"aimed at new marker {target}/{blocksPerAdd} of the add, landed {kill.Where}";
                    addKills++;
                    inPinStep += kill.InStep ? 1 : 0;
                }

                output.WriteLine($"round {round}: restart {(ready - started).TotalSeconds:F1} s, {landed}, round {(clock.Elapsed - started).TotalSeconds:F1} s");
            }

            await using (var last = await HostProcess.StartReadyAsync(extra: extra))
            {
                await CheckAsync(last, folder, "after the rounds", problems);

                // With every pin removed nothing may stay held: the whole budget takes new content again.
                foreach (var cid in await PinnedAsync(last))
                {
                    await UnpinAsync(last, cid, problems);
                }

                using var add = await AddAsync(last, RandomBytes(random), CancellationToken.None);
                var body = await add.Content.ReadAsStringAsync();
                output.WriteLine($"final add: {(int)add.StatusCode} {body.Trim()}");
                if (add.StatusCode != HttpStatusCode.OK)
                {
                    problems.Add($"the add after the rounds answered {(int)add.StatusCode}: {body}");
                }

                await CheckAsync(last, folder, "after the final add", problems);
            }

            output.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s; {inPinStep} of {addKills} add kills landed in the pin step");
            Assert.True(problems.Count == 0, string.Join('\n', problems));

            // Kills land on the thread that sees the marker; a machine so loaded that most came late would test nothing.
            Assert.True(inPinStep >= 10, $"only {inPinStep} of {addKills} kills landed in the pin step");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Health_PinsLeaveNoUsefulRoom_StorageDegraded()
    {
        await using var host = await HostProcess.StartReadyAsync(extra: new Dictionary<string, string> { ["MAX_STORAGE"] = "4M" });
        Assert.Equal("healthy", await StorageStatusAsync(host));

        using var add = await AddAsync(host, RandomBytes(new Random(7), (5 * 1024 * 1024) / 2), CancellationToken.None);
        add.EnsureSuccessStatusCode();

        // 2.5 MiB pinned of 4 MiB leaves 1.5 MiB, under the 2 MiB floor.
        Assert.Equal("degraded", await StorageStatusAsync(host));
    }

    private static async Task<string> StorageStatusAsync(HostProcess host)
    {
        using var health = await host.Client.GetAsync(new Uri("health", UriKind.Relative));
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("components").GetProperty("storage").GetProperty("status").GetString()!;
    }

    /// <summary>
    /// Sends a request and kills the host (SIGKILL) on the thread that sees the <paramref name="target"/>-th
    /// <c>.pin</c> marker created (or deleted), so the kill lands inside the pin (or unpin) step.
    /// </summary>
    private static async Task<(bool InStep, string Where)> KillAtMarkerAsync(
        HostProcess host, string folder, int target, bool deleted, Func<CancellationToken, Task<HttpResponseMessage>> send)
    {
        var markers = 0;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var victim = Process.GetProcessById(host.ProcessId);
        using var watcher = new FileSystemWatcher(Path.Combine(folder, "blocks"), "*.pin") { IncludeSubdirectories = true };
        void Seen(object sender, FileSystemEventArgs e)
        {
            if (Interlocked.Increment(ref markers) == target)
            {
                victim.Kill(); // here: the file event's own lag is the only delay
                reached.TrySetResult();
            }
        }

        if (deleted)
        {
            watcher.Deleted += Seen;
        }
        else
        {
            watcher.Created += Seen;
            watcher.Renamed += Seen; // a marker is renamed into place from tmp/
        }

        watcher.EnableRaisingEvents = true;
        using var cts = new CancellationTokenSource();
        var request = send(cts.Token);
        var first = await Task.WhenAny(reached.Task, request);
        var inStep = first == reached.Task;
        var where = inStep ? $"at marker {Volatile.Read(ref markers)}" : $"after the request answered, {Volatile.Read(ref markers)} markers seen";
        await host.KillAsync();
        await cts.CancelAsync();
        try
        {
            using var response = await request;
            where += $" (yet it answered {(int)response.StatusCode} first)";
            inStep = false;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // the host died under the request
        }

        return (inStep, where);
    }

    private static async Task UnpinAsync(HostProcess host, string cid, List<string> problems)
    {
        using var response = await host.Client.PostAsync(new Uri($"api/v0/pin/rm?arg={cid}", UriKind.Relative), null);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            problems.Add($"pin/rm {cid} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<List<string>> PinnedAsync(HostProcess host)
    {
        using var ls = await host.Client.PostAsync(new Uri("api/v0/pin/ls?type=recursive", UriKind.Relative), null);
        using var pins = JsonDocument.Parse(await ls.Content.ReadAsStringAsync());
        return [.. pins.RootElement.GetProperty("Keys").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }

    private static Task<HttpResponseMessage> AddAsync(HostProcess host, byte[] data, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "random.bin");
        var uri = new Uri($"api/v0/add?chunker=size-{Chunk.ToString(CultureInfo.InvariantCulture)}&raw-leaves=true", UriKind.Relative);
        return host.Client.PostAsync(uri, form, cancellationToken);
    }

    /// <summary>Pins (refs), markers and the budget agree, and every pin reads back whole.</summary>
    private async Task CheckAsync(HostProcess host, string folder, string when, List<string> problems)
    {
        var blocks = Path.Combine(folder, "blocks");
        var markers = Directory.EnumerateFiles(blocks, "*.pin", SearchOption.AllDirectories).Count();
        var used = Directory.EnumerateFiles(blocks, "*.data", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        long held;
        using (var db = new SqliteConnection($"Data Source={Path.Combine(folder, "pins.db")};Mode=ReadOnly;Pooling=False"))
        {
            db.Open();
            using var count = db.CreateCommand();
            count.CommandText = "SELECT count(*) FROM refs";
            held = (long)count.ExecuteScalar()!;
        }

        var unreadable = 0;
        var keys = await PinnedAsync(host);
        foreach (var cid in keys)
        {
            using var cat = await host.Client.PostAsync(new Uri($"api/v0/cat?arg={cid}", UriKind.Relative), null);
            var length = cat.IsSuccessStatusCode ? (await cat.Content.ReadAsByteArrayAsync()).Length : -1;
            unreadable += length == FileSize ? 0 : 1;
        }

        output.WriteLine($"  {when}: {keys.Count} pins holding {held} blocks, {markers} marker files, {used} of {MaxStorage} bytes used, {unreadable} unreadable");
        if (markers != held)
        {
            problems.Add($"{when}: {markers} marker files but pins hold {held} blocks");
        }

        if (used > MaxStorage)
        {
            problems.Add($"{when}: {used} bytes stored, above MAX_STORAGE {MaxStorage}");
        }

        if (unreadable > 0)
        {
            problems.Add($"{when}: {unreadable} of {keys.Count} pins cannot be read whole");
        }
    }

    private static byte[] RandomBytes(Random random, int size = FileSize)
    {
        var data = new byte[size];
        random.NextBytes(data);
        return data;
    }
}
