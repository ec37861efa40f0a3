using FsCheck;
using FsCheck.Fluent;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Storage;
using Xunit.Sdk;

namespace IpfsKit.Tests.Storage;

/// <summary>
/// A reusable model-based check of any <see cref="IBlockStoreTier"/>: runs random <see cref="TierScenario"/>s against
/// a fresh tier and against a dictionary + pin-set model, and after every step asserts that
/// <list type="bullet">
/// <item>the used bytes stay within the budget and equal the sizes of the blocks <c>HasAsync</c> reports;</item>
/// <item>the tier holds exactly the blocks the model holds (a deleted block is gone, a pinned block that was put and
/// not deleted is there, a block is only ever evicted by a put and only when unpinned);</item>
/// <item>every <c>GetAsync</c> returns the model's bytes, and <see langword="null"/> only for an absent block;</item>
/// <item>a put throws <see cref="IpfsKitCapacityException"/> exactly when the block cannot fit next to the pinned
/// blocks, and then changes nothing;</item>
/// <item>pins, listings and the statistics (hits, misses, evictions, blocks, bytes) agree with the model.</item>
/// </list>
/// </summary>
/// <remarks>
/// With <c>exactLru</c> the model also predicts which blocks a put evicts: the least recently read or written
/// unpinned ones, in order, just enough to fit (an unpinned block counts as just used). Without it, evictions are
/// observed and only checked to be of unpinned blocks. The factory gets the budget in bytes; a tier that is
/// <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> is disposed after each scenario.
/// </remarks>
internal static class TierModel
{
    /// <summary>The property over random scenarios, for a tier made synchronously.</summary>
    public static Property Property(Func<long, IBlockStoreTier> factory, bool exactLru = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Property(capacity => new ValueTask<IBlockStoreTier>(factory(capacity)), exactLru);
    }

    /// <summary>The property over random scenarios, for a tier made asynchronously (a disk tier opening its folder).</summary>
    public static Property Property(Func<long, ValueTask<IBlockStoreTier>> factory, bool exactLru = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Prop.ForAll(TierModelGen.Arbitrary, scenario => RunAsync(factory, scenario, exactLru).GetAwaiter().GetResult());
    }

    /// <summary>Runs one scenario; throws an assertion failure naming the step that went wrong.</summary>
    public static async Task RunAsync(Func<long, ValueTask<IBlockStoreTier>> factory, TierScenario scenario, bool exactLru = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(scenario);
        var tier = await factory(scenario.Capacity);
        try
        {
            var model = new TierModelState(scenario.Capacity);
            await CheckAsync(tier, model, scenario, "start");
            for (var i = 0; i < scenario.Commands.Length; i++)
            {
                var command = scenario.Commands[i];
                var where = $"step {i} {command}";
                await StepAsync(tier, model, scenario.Pool[command.Block], command.Kind, exactLru, where);
                await CheckAsync(tier, model, scenario, where);
            }

            var listed = new HashSet<Cid>();
            await foreach (var cid in tier.EnumerateAsync())
            {
                Require(listed.Add(cid), "end", $"EnumerateAsync lists {cid} twice");
            }

            Require(listed.SetEquals(model.Present.Keys), "end", $"EnumerateAsync lists {listed.Count} blocks, the model holds {model.Present.Count}");
        }
        finally
        {
            if (tier is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                (tier as IDisposable)?.Dispose();
            }
        }
    }

    private static async Task StepAsync(IBlockStoreTier tier, TierModelState model, Block block, TierCommandKind kind, bool exactLru, string where)
    {
        var cid = block.Cid;
        switch (kind)
        {
            case TierCommandKind.Put:
                var fits = model.Present.ContainsKey(cid) || block.Size <= model.Capacity - model.PinnedPresentBytes;
                IpfsKitCapacityException? full = null;
                try
                {
                    await tier.PutAsync(block);
                }
                catch (IpfsKitCapacityException e)
                {
                    full = e;
                }

                Require(fits == (full is null), where, fits ? $"threw {full?.Message}" : "took a block that cannot fit next to the pinned ones");
                if (full is not null)
                {
                    Require(full.RequiredBytes == block.Size && full.AvailableBytes < block.Size, where, $"capacity error says {full.RequiredBytes} needed, {full.AvailableBytes} free");
                    return;
                }

                if (exactLru)
                {
                    model.Put(block);
                }
                else
                {
                    await ObserveEvictionsAsync(tier, model, cid, where);
                    model.Put(block);
                }

                break;

            case TierCommandKind.Get:
                var got = await tier.GetAsync(cid);
                if (model.Get(cid) is { } expected)
                {
                    Require(got is not null, where, "a held block was not found");
                    Require(got!.Cid == cid && got.Data.Span.SequenceEqual(expected.Data.Span), where, "returned other bytes");
                }
                else
                {
                    Require(got is null, where, "found a block the model does not hold");
                }

                break;

            case TierCommandKind.Has:
                Require(await tier.HasAsync(cid) == model.Present.ContainsKey(cid), where, "HasAsync disagrees");
                break;

            case TierCommandKind.Delete:
                Require(await tier.DeleteAsync(cid) == model.Delete(cid), where, "DeleteAsync's answer disagrees");
                break;

            case TierCommandKind.Pin:
                Require(await tier.PinAsync(cid) == model.Pin(cid), where, "PinAsync's answer disagrees");
                break;

            case TierCommandKind.Unpin:
                Require(await tier.UnpinAsync(cid) == model.Unpin(cid), where, "UnpinAsync's answer disagrees");
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    // Without an exact policy, a put may have evicted any unpinned blocks: find them and drop them from the model.
    private static async Task ObserveEvictionsAsync(IBlockStoreTier tier, TierModelState model, Cid put, string where)
    {
        foreach (var held in model.Present.Keys.ToArray())
        {
            if (held != put && !await tier.HasAsync(held))
            {
                Require(!model.Pins.Contains(held), where, $"evicted pinned block {held}");
                model.Evict(held);
            }
        }
    }

    private static async Task CheckAsync(IBlockStoreTier tier, TierModelState model, TierScenario scenario, string where)
    {
        var used = tier.UsedBytes;
        Require(used <= tier.Capacity && tier.Capacity == scenario.Capacity, where, $"uses {used} bytes of {tier.Capacity} (budget {scenario.Capacity})");

        long held = 0;
        foreach (var block in scenario.Pool)
        {
            var has = await tier.HasAsync(block.Cid);
            var expected = model.Present.ContainsKey(block.Cid);
            Require(has == expected, where, $"{(has ? "holds" : "lacks")} {block}{(model.Pins.Contains(block.Cid) ? " (pinned)" : string.Empty)} but the model {(expected ? "holds" : "lacks")} it");
            Require(tier.IsPinned(block.Cid) == model.Pins.Contains(block.Cid), where, $"IsPinned({block.Cid}) disagrees");
            held += has ? block.Size : 0;
        }

        Require(used == held, where, $"UsedBytes is {used}, the held blocks add up to {held}");

        var stats = tier.GetStatistics();
        var expectedStats = new BlockStoreStatistics(tier.Name, model.Hits, model.Misses, model.Evictions, model.Present.Count, held, scenario.Capacity, 0);
        Require(stats == expectedStats, where, $"statistics {stats}, the model expects {expectedStats}");
    }

    private static void Require(bool condition, string where, string what)
    {
        if (!condition)
        {
            throw new XunitException($"{where}: {what}");
        }
    }
}
