using Beschikbaarheid.Core.Periods;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// Which months the scheduled settlement settles for a scheme (issue 9, missed months caught up): every
/// complete month in the catch-up window that has no advance run and is not in a closed year, oldest first.
/// </summary>
/// <remarks>
/// A month with nothing eligible is not stored as a run, so "the month after the last settled one" cannot be
/// read from the runs alone: an empty month would be tried for ever or a later run would hide an earlier
/// unsettled month. The window is therefore fixed by the calendar and the limit, and every month in it without
/// a run is a candidate; an empty month simply issues nothing again (cheap), and a month that gets eligible
/// data late is then still settled.
/// </remarks>
public static class CatchUp
{
    /// <summary>
    /// The window [max(January of <paramref name="startYear"/>, <paramref name="latestComplete"/> − <paramref name="limit"/> + 1) ..
    /// <paramref name="latestComplete"/>], oldest first; empty when the scheme starts after the latest complete month.
    /// </summary>
    /// <param name="limit">How many months back at most (<c>Schedule:CatchUpMonths</c>); at least 1.</param>
    public static IReadOnlyList<YearMonth> Window(YearMonth latestComplete, int startYear, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var first = new YearMonth(Math.Clamp(startYear, 1, 9999), 1);
        var months = new List<YearMonth>();
        for (var month = latestComplete; months.Count < limit && month >= first; month = month.Previous)
        {
            months.Add(month);
            if (month == new YearMonth(1, 1))
            {
                break;
            }
        }
        months.Reverse();
        return months;
    }

    /// <summary>The months to settle, in order: the window less the months with a run and the months of closed years.</summary>
    /// <param name="settled">The months that have an advance run.</param>
    /// <param name="closedYears">Funding years closed by their year end (and not reopened).</param>
    public static IReadOnlyList<YearMonth> MonthsToSettle(
        YearMonth latestComplete, int startYear, int limit, IReadOnlyCollection<YearMonth> settled, IReadOnlyCollection<int> closedYears)
    {
        ArgumentNullException.ThrowIfNull(settled);
        ArgumentNullException.ThrowIfNull(closedYears);
        return Window(latestComplete, startYear, limit)
            .Where(m => !settled.Contains(m) && !closedYears.Contains(m.Year))
            .ToList();
    }
}
