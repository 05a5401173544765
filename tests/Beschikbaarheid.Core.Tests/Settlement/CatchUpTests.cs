using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class CatchUpTests
{
    private static readonly YearMonth November2026 = new(2026, 11);

    private static IReadOnlyList<YearMonth> Months(string first, string last)
    {
        var months = new List<YearMonth>();
        for (var m = YearMonth.Parse(first); m <= YearMonth.Parse(last); m = m.Next)
        {
            months.Add(m);
        }
        return months;
    }

    [Fact]
    public void MonthsToSettle_AreTheMonthsAfterTheSettledOnes()
    {
        // January to September settled; the window (limit 12: 2025-12..2026-11, from 2026-01 by the start year) leaves October and November.
        var months = CatchUp.MonthsToSettle(November2026, 2026, 12, Months("2026-01", "2026-09").ToHashSet(), []);
        Assert.Equal(Months("2026-10", "2026-11"), months);
    }

    [Fact]
    public void MonthsToSettle_WithNoneSettled_StartInJanuaryOfTheStartYear()
    {
        // Start year 2026: 2026-01..2026-11 is 11 months, within the limit of 12.
        var months = CatchUp.MonthsToSettle(November2026, 2026, 12, [], []);
        Assert.Equal(Months("2026-01", "2026-11"), months);
        Assert.Equal(11, months.Count);
    }

    [Fact]
    public void MonthsToSettle_GoBackAtMostTheLimit()
    {
        // Start year 2019, none settled: 12 months back from 2026-11 is 2026-11 − 11 = 2025-12.
        var months = CatchUp.MonthsToSettle(November2026, 2019, 12, [], []);
        Assert.Equal(Months("2025-12", "2026-11"), months);
        // Limit 1: only the latest complete month, as before catch-up.
        Assert.Equal([November2026], CatchUp.MonthsToSettle(November2026, 2019, 1, [], []));
    }

    [Fact]
    public void MonthsToSettle_SkipAClosedYear()
    {
        // Limit 24: 2024-12..2026-11; 2024-12 is the last settled month and 2025 is closed: 2026-01..2026-11 remain.
        var months = CatchUp.MonthsToSettle(November2026, 2019, 24, [new YearMonth(2024, 12)], [2025]);
        Assert.Equal(Months("2026-01", "2026-11"), months);
    }

    [Fact]
    public void MonthsToSettle_StartAfterTheLastSettledMonth_NotInAHoleBeforeIt()
    {
        // January and March settled, February not (settled by hand, or nothing eligible then): only April is due.
        var months = CatchUp.MonthsToSettle(new YearMonth(2026, 4), 2026, 12, [new YearMonth(2026, 1), new YearMonth(2026, 3)], []);
        Assert.Equal([new YearMonth(2026, 4)], months);
    }

    [Fact]
    public void MonthsToSettle_AreNone_WhenAllAreSettled_OrTheSchemeStartsLater()
    {
        Assert.Empty(CatchUp.MonthsToSettle(November2026, 2026, 12, Months("2026-01", "2026-11").ToHashSet(), []));
        Assert.Empty(CatchUp.MonthsToSettle(November2026, 2027, 12, [], []));
    }

    [Fact]
    public void Window_RefusesALimitBelowOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CatchUp.Window(November2026, 2026, 0));
}
