using System.Diagnostics;
using System.Globalization;
using IpfsKit.Roles.Leecher;
using IpfsKit.Testing.Roles;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// The leecher's outbox against a real master host: <see cref="Total"/> operations queued by a real process, then
/// forwarded to the master's <c>/cluster/ops</c> by that process killed at random points and restarted. The master's
/// own count (metric <c>ipfskit.roles.forwarded_operations</c>) must say every operation was applied exactly once.
/// </summary>
[Trait("Category", "Roles")]
[Trait("Category", "EndToEnd")]
public sealed class OutboxToMasterDurabilityTests(ITestOutputHelper output)
{
    private const int Total = 10_000;
    private const int KillRounds = 5;

    [Fact]
    public async Task KilledLeecherOutbox_ForwardedToRealMaster_EveryOperationAppliedOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipfskit-outbox-master-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var outboxPath = Path.Combine(folder, "outbox.db");
        try
        {
            var clock = Stopwatch.StartNew();
            var enqueue = await OutboxWriterProcess.RunAsync(["enqueue", outboxPath, Total.ToString(CultureInfo.InvariantCulture)], null, 0);
            Assert.Equal(Total, enqueue.Lines.Count);
            var enqueueTime = clock.Elapsed;

            await using var master = await HostProcess.StartReadyAsync(RoleCluster.Token, RoleCluster.RoleEnvironment("master", null));
            var random = new Random();
            int applied = 0, resent = 0, kills = 0;
            for (var round = 0; round <= KillRounds; round++)
            {
                var killAfter = round < KillRounds ? random.Next(1, Total / (2 * KillRounds)) : (int?)null;
                var run = await OutboxWriterProcess.RunAsync(["forward", outboxPath, master.Client.BaseAddress!.ToString(), RoleCluster.Token], killAfter, random.Next(10));
                kills += run.Killed ? 1 : 0;
                applied += run.Lines.Count(l => l.StartsWith("a ", StringComparison.Ordinal));
                resent += run.Lines.Count(l => l.StartsWith("d ", StringComparison.Ordinal));
            }

            await using (var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { Path = outboxPath }))
            {
                Assert.True(await outbox.IsEmptyAsync());
            }

            var metrics = PrometheusText.Parse(await master.Client.GetStringAsync(new Uri("metrics", UriKind.Relative)))
                .Where(m => m.Name.StartsWith("ipfskit_roles_forwarded_operations", StringComparison.Ordinal)).ToList();
            var masterApplied = metrics.Where(m => m.Labels.Contains("outcome=\"applied\"", StringComparison.Ordinal)).Sum(m => m.Value);
            var masterDuplicates = metrics.Where(m => m.Labels.Contains("outcome=\"duplicate\"", StringComparison.Ordinal)).Sum(m => m.Value);
            output.WriteLine(
                $"operations {Total}: enqueued in {enqueueTime.TotalSeconds:F1} s; forwarded with {kills} kills in {(clock.Elapsed - enqueueTime).TotalSeconds:F1} s; " +
                $"the sender saw {applied} applied + {resent} recognised resends; the master counted {masterApplied} applied, {masterDuplicates} duplicates refused; lost {Total - masterApplied}");

            Assert.Equal(KillRounds, kills);
            Assert.Equal(Total, masterApplied); // each key applied once: none lost, none applied twice
            Assert.True(masterDuplicates >= resent, "every resend the sender saw refused was counted by the master"); // a kill can also hide one
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
