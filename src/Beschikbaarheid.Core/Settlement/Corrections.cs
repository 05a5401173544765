using Beschikbaarheid.Core.Arithmetic;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// Late data for a settled month (DOMAIN "Monthly settlement, year end, corrections"): the month is
/// computed again with the data as it is now, and per municipality and location the difference with
/// everything already settled for that month becomes a correction, referring to the invoice that billed
/// the month. An issued invoice is never changed; the correction rides on the next run's invoice.
/// </summary>
public static class Corrections
{
    /// <param name="recomputed">The month's entries by the data as it is now.</param>
    /// <param name="settled">Every entry stored for that month so far: its advance and earlier corrections.</param>
    public static IReadOnlyList<Entry> For(SettledPeriod month, IEnumerable<Entry> recomputed, IEnumerable<Entry> settled)
    {
        ArgumentNullException.ThrowIfNull(recomputed);
        ArgumentNullException.ThrowIfNull(settled);
        var now = recomputed.Where(e => e.Period == month).ToLookup(e => (e.Municipality, e.School));
        var before = settled.Where(e => e.Period == month).ToList();
        var then = before.ToLookup(e => (e.Municipality, e.School));
        var original = before
            .Where(e => e.Invoice is not null)
            .OrderBy(e => e.Kind)
            .GroupBy(e => e.Municipality)
            .ToDictionary(g => g.Key, g => g.First().Invoice);

        return now.Select(g => g.Key).Union(then.Select(g => g.Key))
            .Select(key => (key, Difference: Money.Sum(now[key].Select(e => e.Amount)) - Money.Sum(then[key].Select(e => e.Amount))))
            .Where(d => d.Difference != Money.Zero)
            .OrderBy(d => d.key.Municipality).ThenBy(d => d.key.School)
            .Select(d => new Entry(
                d.key.Municipality, d.key.School, month, SettlementKind.Correctie,
                now[d.key].Sum(e => e.Basis), d.Difference, now[d.key].Any(e => e.Estimated),
                Reference: original.GetValueOrDefault(d.key.Municipality)))
            .ToList();
    }
}
