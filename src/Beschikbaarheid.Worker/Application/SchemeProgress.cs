using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Settlement;

namespace Beschikbaarheid.Worker.Application;

/// <summary>
/// How far a scheme is settled: its last settled month, and its complete months not settled within the
/// catch-up window, which the next monthly settlement tries (<see cref="CatchUp.MonthsToSettle"/>). What
/// <c>status</c> warns about and <c>schemes</c> lists.
/// </summary>
public sealed record SchemeProgress(Scheme Scheme, YearMonth? LastSettled, IReadOnlyList<YearMonth> Unsettled)
{
    /// <param name="settled">Per scheme id what it settled, as <see cref="SettledMonths"/> reads it.</param>
    /// <param name="latestComplete">The latest month that has ended where the region is.</param>
    /// <param name="limit"><c>Schedule:CatchUpMonths</c>, checked.</param>
    public static IReadOnlyList<SchemeProgress> Of(
        IEnumerable<Scheme> schemes, IReadOnlyDictionary<string, SchemeSettledMonths> settled, YearMonth latestComplete, int limit)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        ArgumentNullException.ThrowIfNull(settled);
        return schemes.Select(scheme =>
        {
            var state = settled.GetValueOrDefault(scheme.Id, SchemeSettledMonths.None);
            return new SchemeProgress(
                scheme,
                state.Months.Count == 0 ? null : state.Months.Max(),
                CatchUp.MonthsToSettle(latestComplete, scheme.StartYear, limit, state.Months, state.ClosedYears));
        }).ToList();
    }
}
