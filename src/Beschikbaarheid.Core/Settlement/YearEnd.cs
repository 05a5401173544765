using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// The year end (<i>vaststelling</i>): per municipality, what the year costs by actual data less everything
/// settled for it (advances, corrections and any earlier year end) becomes one final invoice, or a credit
/// note when it was billed too much, with a line per location, referring to every invoice it settles.
/// So per municipality advances + corrections + final settlements = the recomputed annual amount, to the cent.
/// </summary>
public static class YearEnd
{
    /// <param name="annual">The year's amounts by the data as it is now (<see cref="MonthlySettlement.Annual"/>).</param>
    /// <param name="settled">What was settled for the year's months and for the year itself, as entries or as totals per municipality and location.</param>
    public static IReadOnlyList<Entry> For(int year, IEnumerable<Entry> annual, IEnumerable<Entry> settled) =>
        For(year, annual, new SettledYear(settled.ToList(), null));

    public static IReadOnlyList<Entry> For(int year, IEnumerable<Entry> annual, SettledYear settled)
    {
        ArgumentNullException.ThrowIfNull(annual);
        ArgumentNullException.ThrowIfNull(settled);
        // Locations outside settled.Only are known to be settled exactly as they cost now: they are not compared.
        var now = annual.Where(e => settled.Only is null || settled.Only.Contains(e.School)).ToLookup(e => (e.Municipality, e.School));
        var before = settled.Entries.Where(e => e.Period.Year == year).ToList();
        var then = before.ToLookup(e => (e.Municipality, e.School));
        var references = (settled.Invoices ?? before
                .Where(e => e.Invoice is not null)
                .GroupBy(e => e.Municipality)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(e => e.Invoice!).Distinct().Order(StringComparer.Ordinal).ToList()))
            .ToDictionary(r => r.Key, r => string.Join(Entry.ReferenceSeparator, r.Value));

        var differences = now.Select(g => g.Key).Union(then.Select(g => g.Key))
            .Select(key => (key, Difference: Money.Sum(now[key].Select(e => e.Amount)) - Money.Sum(then[key].Select(e => e.Amount))))
            .Where(d => d.Difference != Money.Zero)
            .ToList();
        var wholeYear = SettledPeriod.WholeYear(year);
        var entries = new List<Entry>();
        foreach (var ofMunicipality in differences.GroupBy(d => d.key.Municipality).OrderBy(g => g.Key))
        {
            // Months are spread over a municipality's locations month by month, so its locations can differ by
            // cents that cancel out: a municipality settled exactly in total gets nothing.
            var total = Money.Sum(ofMunicipality.Select(d => d.Difference));
            if (total == Money.Zero)
            {
                continue;
            }
            var kind = total > Money.Zero ? SettlementKind.Vaststelling : SettlementKind.Creditnota;
            entries.AddRange(ofMunicipality.OrderBy(d => d.key.School).Select(d => new Entry(
                d.key.Municipality, d.key.School, wholeYear, kind,
                now[d.key].Sum(e => e.Basis), d.Difference, now[d.key].Any(e => e.Estimated),
                Reference: references.GetValueOrDefault(ofMunicipality.Key))));
        }
        return entries;
    }

    /// <summary>What each municipality was billed for the year so far and what the year costs now; for reports on a closed year.</summary>
    public static IReadOnlyDictionary<PartyCode, Money> Outstanding(int year, IEnumerable<Entry> annual, SettledYear settled) =>
        For(year, annual, settled).GroupBy(e => e.Municipality).ToDictionary(g => g.Key, g => Money.Sum(g.Select(e => e.Amount)));
}

/// <summary>What was settled for a year: entries (or totals per municipality and location), and the invoices that billed each municipality.</summary>
/// <param name="Invoices">Null to take them from the entries' invoices.</param>
public sealed record SettledYear(IReadOnlyList<Entry> Entries, IReadOnlyDictionary<PartyCode, IReadOnlyList<string>>? Invoices)
{
    /// <summary>
    /// When not null: <see cref="Entries"/> hold only these locations, and every other location is known to be settled
    /// exactly as the year costs there now (each month's <see cref="SettledDigest"/> unchanged, no year end there yet), so
    /// the year end compares these only.
    /// </summary>
    public IReadOnlySet<SchoolLocationId>? Only { get; init; }
}
