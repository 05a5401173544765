using Beschikbaarheid.Core.Periods;

namespace Beschikbaarheid.Core.Tests.Periods;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-03", 2026, 3)]
    [InlineData("2028-12", 2028, 12)]
    public void YearMonth_ParsesYyyyMm(string text, int year, int month) =>
        Assert.Equal(new YearMonth(year, month), YearMonth.Parse(text));

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-3")]
    [InlineData("03-2026")]
    [InlineData("")]
    public void YearMonth_RefusesOtherShapes(string text) => Assert.False(YearMonth.TryParse(text, out _));

    [Fact]
    public void YearMonth_KnowsItsDays()
    {
        // February 2028 is a leap month: 29 days.
        Assert.Equal(new DateOnly(2028, 2, 29), new YearMonth(2028, 2).LastDay);
        Assert.Equal(new YearMonth(2025, 12), new YearMonth(2026, 1).Previous);
    }

    [Fact]
    public void DaysWithin_CountsBothEndsInclusive()
    {
        // Active 10 March through 20 March: 11 days of March.
        var active = new ActivePeriod(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 20));
        Assert.Equal(11, active.DaysWithin(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)));
    }

    [Fact]
    public void DaysWithin_OpenEndRunsThroughTheWindow()
    {
        // Started 31 January, no end: all 28 days of February 2026.
        var active = new ActivePeriod(new DateOnly(2026, 1, 31), null);
        Assert.Equal(28, active.DaysWithin(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void ActivePeriod_RefusesEndBeforeStart() =>
        Assert.Throws<ArgumentException>(() => new ActivePeriod(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1)));

    [Fact]
    public void UnionDaysWithin_CountsOverlappingPeriodsOnce()
    {
        // 1–10 March and 5–15 March overlap on 5–10: together 1–15 = 15 days, not 10 + 11 = 21.
        // A third period 20–21 March adds 2: 17.
        ActivePeriod[] periods =
        [
            new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10)),
            new(new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 15)),
            new(new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 21)),
        ];
        Assert.Equal(17, ActivePeriod.UnionDaysWithin(periods, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)));
    }
}
