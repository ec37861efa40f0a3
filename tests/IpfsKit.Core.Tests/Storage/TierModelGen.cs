using FsCheck;
using FsCheck.Fluent;
using IpfsKit.Blocks;

namespace IpfsKit.Tests.Storage;

/// <summary>What one step of a <see cref="TierScenario"/> does to a tier.</summary>
internal enum TierCommandKind
{
    Put,
    Get,
    Has,
    Delete,
    Pin,
    Unpin,
}

/// <summary>One step of a <see cref="TierScenario"/>: an operation on one block of the scenario's pool.</summary>
/// <param name="Kind">The operation.</param>
/// <param name="Block">The index of the block in <see cref="TierScenario.Pool"/>.</param>
internal readonly record struct TierCommand(TierCommandKind Kind, int Block)
{
    public override string ToString() => $"{Kind}(#{Block})";
}

/// <summary>A tier's budget, a small pool of distinct blocks, and the commands to run over them.</summary>
internal sealed record TierScenario(long Capacity, Block[] Pool, TierCommand[] Commands)
{
    public override string ToString() =>
        $"capacity {Capacity}, pool [{string.Join(", ", Pool.Select((b, i) => $"#{i}:{b.Size}B"))}], " +
        $"{Commands.Length} commands: {string.Join(" ", Commands)}";
}

/// <summary>FsCheck generators of <see cref="TierScenario"/>s for <see cref="TierModel"/>.</summary>
internal static class TierModelGen
{
    /// <summary>The number of blocks in a scenario's pool.</summary>
    public const int PoolSize = 12;

    /// <summary>The largest block of a pool.</summary>
    public const int MaxBlockSize = 4096;

    /// <summary>
    /// A block of <paramref name="size"/> pseudo-random bytes (from <paramref name="seed"/>) whose first byte is
    /// <paramref name="index"/>, so blocks of one pool never share a CID.
    /// </summary>
    public static Block PoolBlock(int index, int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        bytes[0] = (byte)index;
        return Block.Create(bytes);
    }

    /// <summary>
    /// Twelve blocks of 1 to 4,096 bytes (often small, so several fit), a budget of 3,000 bytes (some blocks never
    /// fit) or 10 KiB (a handful fit), and up to about a hundred commands, put-heavy so eviction happens often.
    /// </summary>
    public static Gen<TierScenario> Scenario =>
        from capacity in Gen.Elements(3000L, 10 * 1024L)
        from pool in Pool
        from commands in Commands
        select new TierScenario(capacity, pool, commands);

    /// <summary><see cref="Scenario"/>, shrinking by dropping commands.</summary>
    public static Arbitrary<TierScenario> Arbitrary => Arb.From(Scenario, Shrink);

    private static Gen<Block[]> Pool =>
        Gen.ArrayOf(
                from size in Gen.Frequency((1, Gen.Choose(1, 64)), (3, Gen.Choose(1, MaxBlockSize)))
                from seed in Gen.Choose(0, int.MaxValue)
                select (size, seed),
                PoolSize)
            .Select(specs => specs.Select((s, i) => PoolBlock(i, s.size, s.seed)).ToArray());

    private static Gen<TierCommand> Command =>
        from kind in Gen.Frequency(
            (5, Gen.Constant(TierCommandKind.Put)),
            (4, Gen.Constant(TierCommandKind.Get)),
            (1, Gen.Constant(TierCommandKind.Has)),
            (1, Gen.Constant(TierCommandKind.Delete)),
            (2, Gen.Constant(TierCommandKind.Pin)),
            (2, Gen.Constant(TierCommandKind.Unpin)))
        from block in Gen.Choose(0, PoolSize - 1)
        select new TierCommand(kind, block);

    private static Gen<TierCommand[]> Commands =>
        Gen.Sized(size => Gen.Choose(1, 10 + size)).SelectMany(length => Gen.ArrayOf(Command, length));

    // Drop the second half, then the first half, then single commands: a failure shrinks to the few steps that matter.
    private static IEnumerable<TierScenario> Shrink(TierScenario scenario)
    {
        var commands = scenario.Commands;
        if (commands.Length > 1)
        {
            yield return scenario with { Commands = commands[..(commands.Length / 2)] };
            yield return scenario with { Commands = commands[(commands.Length / 2)..] };
        }

        for (var i = commands.Length - 1; i >= 0; i--)
        {
            yield return scenario with { Commands = [.. commands[..i], .. commands[(i + 1)..]] };
        }
    }
}
