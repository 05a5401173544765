using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// A month computed again with the inputs as they are now (<see cref="MonthlySettlement.RecomputedMonths"/>): its digests
/// per location, and its entries, all or those of some locations, each made when asked. A run correcting a national
/// December compares eleven months' digests with what was settled and needs the entries of the few locations that changed:
/// making all 70,000 entries of every month first was a third of what those corrections allocated.
/// </summary>
public sealed class RecomputedMonth
{
    private readonly Costs _costs;

    internal RecomputedMonth(YearMonth period, Costs costs) => (Period, _costs) = (period, costs);

    public YearMonth Period { get; }

    /// <summary>A party's amount at a location, as its entry has it.</summary>
    internal readonly record struct Amount(PartyCode Party, SchoolLocationId School, decimal Basis, Money Month, bool Estimated);

    /// <summary>Every municipality's amount at every location, own shares included, as entries of the month.</summary>
    public IReadOnlyList<Entry> Entries() => EntriesOf(Amounts());

    /// <summary>The <see cref="Entries"/> at the locations given.</summary>
    public IReadOnlyList<Entry> EntriesAt(IReadOnlySet<SchoolLocationId> schools)
    {
        ArgumentNullException.ThrowIfNull(schools);
        return EntriesOf(Amounts().Where(a => schools.Contains(a.School)));
    }

    /// <summary>What <see cref="SettledDigest.Of(IEnumerable{Entry})"/> makes of <see cref="Entries"/>, without making them.</summary>
    public IReadOnlyDictionary<SchoolLocationId, string> Digests() =>
        SettledDigest.Of(Amounts().Select(a => new SettledDigest.Part(a.School, a.Party, a.Month.Cents)), _costs.Shares.Count + _costs.Funders.Count);

    /// <summary>The month's amounts that are not zero: each municipality's share at each location, then the funders' lines.</summary>
    internal IEnumerable<Amount> Amounts()
    {
        foreach (var share in _costs.Shares)
        {
            if (share.Month != Money.Zero)
            {
                yield return new Amount(share.Municipality, share.School, share.Basis, share.Month, share.Estimated);
            }
        }
        foreach (var funder in _costs.Funders)
        {
            // A funder's line has no key figure: its share is an amount or a percentage of the pool.
            if (funder.Month != Money.Zero)
            {
                yield return new Amount(funder.Funder, funder.School, 0m, funder.Month, false);
            }
        }
    }

    private List<Entry> EntriesOf(IEnumerable<Amount> amounts)
    {
        var month = SettledPeriod.Of(Period);
        return [.. amounts.Select(a => new Entry(a.Party, a.School, month, SettlementKind.Voorschot, a.Basis, a.Month, a.Estimated))];
    }
}
