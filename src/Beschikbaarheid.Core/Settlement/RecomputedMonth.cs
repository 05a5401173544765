using System.Buffers;
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

    /// <summary>Every municipality's amount at every location, own shares included.</summary>
    public IReadOnlyList<Entry> Entries() => MonthlySettlement.EntriesOf(_costs, Period);

    /// <summary>The <see cref="Entries"/> at the locations given.</summary>
    public IReadOnlyList<Entry> EntriesAt(IReadOnlySet<SchoolLocationId> schools)
    {
        ArgumentNullException.ThrowIfNull(schools);
        return MonthlySettlement.EntriesOf(_costs, Period, schools);
    }

    /// <summary>What <see cref="SettledDigest.Of(IEnumerable{Entry})"/> makes of <see cref="Entries"/>, without making them.</summary>
    public IReadOnlyDictionary<SchoolLocationId, string> Digests()
    {
        var count = _costs.Shares.Count + _costs.Funders.Count;
        var parts = ArrayPool<SettledDigest.Part>.Shared.Rent(count);
        try
        {
            var i = 0;
            foreach (var share in _costs.Shares)
            {
                parts[i++] = new SettledDigest.Part(share.School, share.Municipality, share.Month.Cents);
            }
            foreach (var funder in _costs.Funders)
            {
                parts[i++] = new SettledDigest.Part(funder.School, funder.Funder, funder.Month.Cents);
            }
            // Amounts of zero, which Entries leaves out, add nothing to a sum and so nothing to a digest.
            return SettledDigest.Of(parts.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<SettledDigest.Part>.Shared.Return(parts, clearArray: true);
        }
    }
}
