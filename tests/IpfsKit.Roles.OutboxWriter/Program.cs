// A child process for OfflineOutboxDurabilityTests, killed at random points by the parent test.
//   enqueue <outbox.db> <total>: enqueues Publish("numbers", "<n>") for n = (queued count) .. total-1, printing n on its
//     own line once EnqueueAsync has returned (so the parent knows which were acknowledged). Resuming from the queued
//     count is right only because nothing drains during the enqueue phase: the queue holds exactly 0 .. count-1.
//   drain <outbox.db> <master.db>: drains the outbox into a "master" table (number -> times applied) through
//     OutboxReceiptLog, the effect written in the receipt's own transaction; prints "a <n>" when applied now and
//     "d <n>" when the receipt log recognised a resend.
//   forward <outbox.db> <master URL> <token>: drains the outbox to a real master host's /cluster/ops (what a leecher
//     does), printing "a <n>" when the master applied it now and "d <n>" when it had applied that key before.
// Prints "ready" once open and "done" when finished.
using System.Globalization;
using System.Text;
using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Leecher;
using Microsoft.Data.Sqlite;

if (!(args.Length == 3 && args[0] is "enqueue" or "drain" || args.Length == 4 && args[0] == "forward"))
{
    Console.Error.WriteLine("usage: IpfsKit.Roles.OutboxWriter enqueue <outbox.db> <total> | drain <outbox.db> <master.db> | forward <outbox.db> <master URL> <token>");
    return 2;
}

await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { Path = args[1], MaxOfflineQueue = 1_000_000 });
if (args[0] == "enqueue")
{
    var total = int.Parse(args[2], CultureInfo.InvariantCulture);
    var next = await outbox.CountAsync();
    Console.WriteLine("ready");
    for (var n = next; n < total; n++)
    {
        await outbox.EnqueueAsync(OutboxOperation.Publish("numbers", Encoding.UTF8.GetBytes(n.ToString(CultureInfo.InvariantCulture))));
        Console.WriteLine(n.ToString(CultureInfo.InvariantCulture));
    }
}
else if (args[0] == "forward")
{
    using var http = new HttpClient { BaseAddress = new Uri(args[2]), Timeout = TimeSpan.FromSeconds(30) };
    http.DefaultRequestHeaders.Authorization = new("Bearer", args[3]);
    var master = new MasterLinkClient(http);
    Console.WriteLine("ready");
    await outbox.DrainAsync(async (operation, cancellationToken) =>
    {
        var reply = await master.ForwardAsync(operation, cancellationToken);
        Console.WriteLine((reply.Applied ? "a " : "d ") + Encoding.UTF8.GetString(operation.Payload.Span));
    });
}
else
{
    await using var receipts = await OutboxReceiptLog.OpenAsync(args[2]);
    Console.WriteLine("ready");
    await outbox.DrainAsync(async (operation, cancellationToken) =>
    {
        var number = long.Parse(Encoding.UTF8.GetString(operation.Payload.Span), CultureInfo.InvariantCulture);
        var applied = await receipts.TryApplyAsync(operation.IdempotencyKey, (transaction, ct) => ApplyAsync(transaction, number, ct), cancellationToken);
        Console.WriteLine((applied ? "a " : "d ") + number.ToString(CultureInfo.InvariantCulture));
    });
}

Console.WriteLine("done");
return 0;

static async Task ApplyAsync(SqliteTransaction transaction, long number, CancellationToken cancellationToken)
{
    using var command = transaction.Connection!.CreateCommand();
    command.Transaction = transaction;
    command.CommandText = """
        CREATE TABLE IF NOT EXISTS master (number INTEGER PRIMARY KEY, applied INTEGER NOT NULL);
        INSERT INTO master (number, applied) VALUES ($n, 1) ON CONFLICT (number) DO UPDATE SET applied = applied + 1;
        """;
    command.Parameters.AddWithValue("$n", number);
    await command.ExecuteNonQueryAsync(cancellationToken);
}
