using System.Diagnostics;
using System.Globalization;
using System.Text;
using IpfsKit.Roles.Leecher;
using IpfsKit.Testing.Roles;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace IpfsKit.Tests.Roles;

/// <summary>
/// Kills a real outbox process (tests/IpfsKit.Roles.OutboxWriter) at random points, first while it enqueues
/// <see cref="Total"/> numbered operations, then while it drains them into a "master" table through
/// <see cref="OutboxReceiptLog"/>, restarting it each time; at the end every number is applied exactly once.
/// </summary>
[Trait("Category", "Roles")]
public sealed class OfflineOutboxDurabilityTests(ITestOutputHelper output)
{
    private const int Total = 10_000;
    private const int KillRounds = 5;

    [Fact]
    public async Task KilledOutbox_EnqueueAndDrainRestarted_NothingLostNothingDuplicated()
    {
        using var folder = new TempFolder();
        var outboxPath = Path.Combine(folder.Path, "outbox.db");
        var masterPath = Path.Combine(folder.Path, "master.db");
        var random = new Random();
        var clock = Stopwatch.StartNew();

        // Enqueue phase: KillRounds kills at random points, then one run to the end.
        var acknowledged = new List<int>();
        var enqueueKills = 0;
        for (var round = 0; round <= KillRounds; round++)
        {
            var killAfter = round < KillRounds ? random.Next(1, Total / (2 * KillRounds)) : (int?)null;
            var run = await OutboxWriterProcess.RunAsync(["enqueue", outboxPath, Total.ToString(CultureInfo.InvariantCulture)], killAfter, random.Next(10));
            enqueueKills += run.Killed ? 1 : 0;
            acknowledged.AddRange(run.Lines.Select(l => int.Parse(l, CultureInfo.InvariantCulture)));
            output.WriteLine($"enqueue round {round}: {run.Lines.Count} acknowledged, {(run.Killed ? "killed" : "finished")}");
        }

        var enqueueTime = clock.Elapsed;
        IReadOnlyList<OutboxOperation> queued;
        await using (var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { Path = outboxPath, MaxOfflineQueue = Total }))
        {
            queued = await outbox.PeekAsync(Total + 1);
        }

        var queuedNumbers = queued.Select(NumberOf).ToList();
        var unacknowledged = queuedNumbers.Except(acknowledged).Count();
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, Total), queuedNumbers); // every number once, in order: none lost, none doubled
        Assert.Equal(queued.Count, queued.Select(o => o.IdempotencyKey).Distinct().Count());

        // Drain phase: KillRounds kills at random points, then one run to the end.
        var appliedLines = 0;
        var resends = 0;
        var drainKills = 0;
        for (var round = 0; round <= KillRounds; round++)
        {
            var killAfter = round < KillRounds ? random.Next(1, Total / (2 * KillRounds)) : (int?)null;
            var run = await OutboxWriterProcess.RunAsync(["drain", outboxPath, masterPath], killAfter, random.Next(10));
            drainKills += run.Killed ? 1 : 0;
            appliedLines += run.Lines.Count(l => l.StartsWith("a ", StringComparison.Ordinal));
            resends += run.Lines.Count(l => l.StartsWith("d ", StringComparison.Ordinal));
            output.WriteLine($"drain round {round}: {run.Lines.Count} sent, {(run.Killed ? "killed" : "finished")}");
        }

        var applied = await ReadMasterAsync(masterPath);
        await using (var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { Path = outboxPath }))
        {
            Assert.True(await outbox.IsEmptyAsync());
        }

        var lost = acknowledged.Count(n => !applied.ContainsKey(n));
        var duplicated = applied.Values.Count(c => c > 1);
        output.WriteLine(
            $"operations {Total}; enqueue: {enqueueKills} kills, {acknowledged.Count} acknowledged + {unacknowledged} durable but unacknowledged (killed between commit and print), {enqueueTime.TotalSeconds:F1} s; " +
            $"drain: {drainKills} kills, {appliedLines} applies printed, {resends} resends recognised by the receipt log, {(clock.Elapsed - enqueueTime).TotalSeconds:F1} s; " +
            $"applied {applied.Count} distinct, lost {lost}, duplicated {duplicated}; total {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(KillRounds, enqueueKills);
        Assert.Equal(KillRounds, drainKills);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(Enumerable.Range(0, Total), applied.Keys.Order());
    }

    private static int NumberOf(OutboxOperation operation) => int.Parse(Encoding.UTF8.GetString(operation.Payload.Span), CultureInfo.InvariantCulture);

    private static async Task<Dictionary<int, long>> ReadMasterAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT number, applied FROM master";
        using var reader = await command.ExecuteReaderAsync();
        var applied = new Dictionary<int, long>();
        while (await reader.ReadAsync())
        {
            applied.Add(reader.GetInt32(0), reader.GetInt64(1));
        }

        return applied;
    }
}
