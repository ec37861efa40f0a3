using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Errors;
using IpfsKit.Roles.Leecher;

namespace IpfsKit.Tests.Roles.Leecher;

/// <summary>The edge leecher's sync windows on a fixed clock: time is passed in, so no process waits for a cron occurrence.</summary>
[Trait("Category", "Edge")]
public sealed class SyncScheduleTests
{
    private static readonly DateTimeOffset Day = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ClosesAt_EveryFourHoursForFiveMinutes_OpenOnlyInTheFirstFiveMinutes()
    {
        var schedule = SyncSchedule.Parse("0 */4 * * *", TimeSpan.FromMinutes(5));

        Assert.Equal(Day.AddHours(4).AddMinutes(5), schedule.ClosesAt(Day.AddHours(4)));
        Assert.Equal(Day.AddHours(4).AddMinutes(5), schedule.ClosesAt(Day.AddHours(4).AddMinutes(4).AddSeconds(59)));
        Assert.Null(schedule.ClosesAt(Day.AddHours(4).AddMinutes(5)));
        Assert.Null(schedule.ClosesAt(Day.AddHours(3).AddMinutes(59)));
        Assert.Equal(Day.AddHours(8), schedule.NextOpening(Day.AddHours(4).AddMinutes(5)));
        Assert.Equal(Day.AddHours(8), schedule.NextOpening(Day.AddHours(4)));
    }

    [Fact]
    public void ClosesAt_WindowLongerThanThePeriod_WindowsMergeAndCloseAfterTheLatestOccurrence()
    {
        var schedule = SyncSchedule.Parse("*/10 * * * * *", TimeSpan.FromSeconds(25));

        Assert.Equal(Day.AddSeconds(45), schedule.ClosesAt(Day.AddSeconds(22)));
    }

    [Property(MaxTest = 300)]
    public Property ClosesAt_AnySecondOfADay_OpenExactlyWhenAnOccurrenceIsWithinTheWindow() =>
        Prop.ForAll(
            Gen.Choose(0, (24 * 3600) - 1).ToArbitrary(),
            Gen.Choose(1, 30).ToArbitrary(),
            (second, minutes) =>
            {
                var schedule = SyncSchedule.Parse("0 */4 * * *", TimeSpan.FromMinutes(minutes));
                var now = Day.AddSeconds(second);
                var sinceOccurrence = TimeSpan.FromSeconds(second % (4 * 3600));
                var open = sinceOccurrence < TimeSpan.FromMinutes(minutes);
                var closes = schedule.ClosesAt(now);
                return (open == closes is not null)
                    .Label($"open {open}, closes {closes}")
                    .And(closes is null || closes == now - sinceOccurrence + TimeSpan.FromMinutes(minutes))
                    .And(open || schedule.NextOpening(now) == now - sinceOccurrence + TimeSpan.FromHours(4))
                    .Classify(open, "inside a window");
            });

    [Theory]
    [InlineData("every four hours")]
    [InlineData("0 */4 * *")]
    [InlineData("61 * * * *")]
    [InlineData("* * * * * * *")]
    public void Parse_NotACronExpression_ThrowsFormatException(string expression) =>
        Assert.Throws<IpfsKitFormatException>(() => SyncSchedule.Parse(expression, TimeSpan.FromMinutes(5)));

    [Fact]
    public void Parse_ZeroWindow_ThrowsFormatException() =>
        Assert.Throws<IpfsKitFormatException>(() => SyncSchedule.Parse("* * * * *", TimeSpan.Zero));
}
