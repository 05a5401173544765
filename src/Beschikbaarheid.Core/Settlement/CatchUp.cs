using Beschikbaarheid.Core.Periods;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// Which months the scheduled settlement settles for a scheme: every complete month after the last settled
/// one (or from January of the scheme's start year when none is), at most the catch-up limit back, except the
/// months of a closed year; oldest first. So a firing that failed is made good by the next one.
/// </summary>
/// <remarks>
/// A month with nothing eligible is not stored as a run, so such a month after the last settled one is tried
/// again at each firing; it issues nothing again (cheap). A month before the last settled one is never caught
/// up by the schedule: its later months were settled without it, and settling it is an operator's decision.
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

    /// <summary>The months to settle, in order: the window's months after the last settled one, less the months of closed years.</summary>
    /// <param name="settled">The months that have an advance run.</param>
    /// <param name="closedYears">Funding years closed by their year end (and not reopened).</param>
    public static IReadOnlyList<YearMonth> MonthsToSettle(
        YearMonth latestComplete, int startYear, int limit, IReadOnlyCollection<YearMonth> settled, IReadOnlyCollection<int> closedYears)
    {
        ArgumentNullException.ThrowIfNull(settled);
        ArgumentNullException.ThrowIfNull(closedYears);
        var last = settled.Count == 0 ? (YearMonth?)null : settled.Max();
        return Window(latestComplete, startYear, limit)
            .Where(m => (last is null || m > last) && !closedYears.Contains(m.Year))
            .ToList();
    }
}
