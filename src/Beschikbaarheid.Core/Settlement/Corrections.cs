using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;

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
    /// <param name="billedBy">
    /// The invoice that billed the month per municipality, when <paramref name="recomputed"/> and <paramref name="settled"/>
    /// hold only some locations (those whose digest changed) and so may not show it; otherwise it is taken from <paramref name="settled"/>.
    /// </param>
    public static IReadOnlyList<Entry> For(
        SettledPeriod month, IEnumerable<Entry> recomputed, IEnumerable<Entry> settled, IReadOnlyDictionary<PartyCode, string>? billedBy = null)
    {
        ArgumentNullException.ThrowIfNull(recomputed);
        ArgumentNullException.ThrowIfNull(settled);
        // One table keyed by municipality and location: what the month costs now against what was settled for it.
        var lines = new Dictionary<(PartyCode Municipality, SchoolLocationId School), (long Now, long Then, decimal Basis, bool Estimated)>();
        foreach (var e in recomputed.Where(e => e.Period == month))
        {
            var line = lines.GetValueOrDefault((e.Municipality, e.School));
            lines[(e.Municipality, e.School)] = (line.Now + e.Amount.Cents, line.Then, line.Basis + e.Basis, line.Estimated || e.Estimated);
        }
        var original = new Dictionary<PartyCode, (SettlementKind Kind, string Invoice)>();
        foreach (var e in settled.Where(e => e.Period == month))
        {
            var line = lines.GetValueOrDefault((e.Municipality, e.School));
            lines[(e.Municipality, e.School)] = line with { Then = line.Then + e.Amount.Cents };
            // The invoice that billed the month: its advance, or else the first correction of it.
            if (billedBy is null && e.Invoice is not null && (!original.TryGetValue(e.Municipality, out var known) || (e.Kind, e.Invoice).CompareTo(known) < 0))
            {
                original[e.Municipality] = (e.Kind, e.Invoice);
            }
        }
        return lines
            .Where(l => l.Value.Now != l.Value.Then)
            .OrderBy(l => l.Key.Municipality).ThenBy(l => l.Key.School)
            .Select(l => new Entry(
                l.Key.Municipality, l.Key.School, month, SettlementKind.Correctie, l.Value.Basis, new Money(l.Value.Now - l.Value.Then), l.Value.Estimated,
                Reference: billedBy is not null ? billedBy.GetValueOrDefault(l.Key.Municipality)
                    : original.TryGetValue(l.Key.Municipality, out var invoice) ? invoice.Invoice : null))
            .ToList();
    }
}
