using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>One funder's annual share of the pool at one location, and its amount in the month.</summary>
internal sealed record FunderLine(PartyCode Funder, SchoolLocationId School, Money Month, Money Annual);

/// <summary>
/// The shares of funders that are not municipalities (the scheme's <c>funders</c>, README "Funders other than
/// municipalities"), taken off the pool before the key splits the rest:
/// <list type="number">
/// <item>Each funder's annual share: an amount as given; a percentage of the year's pool P before any share is taken,
/// P × percent ÷ 100 in cents rounded once, half away from zero. Amounts and percentages together may not exceed P.</item>
/// <item>Per location: the funders in turn (amounts first, then percentages, each in file order), each one's annual share
/// split over the locations by the split rule, weighted by what is left of each location's budget after the funders
/// before it. So every funder's parts add up to its share, and no location gives more than its budget.</item>
/// <item>What is left of each location's budget is what the key splits over the municipalities.</item>
/// <item>A funder's month: the monthly schedule of its annual share, spread over the locations by its parts there.</item>
/// </list>
/// A budget split as a whole (the cashier's fixed budget) has no budgets per location: the shares come off the year's
/// budget and the key splits the rest (<see cref="CashierCosts"/>); a funder's parts per location are only for its lines.
/// </summary>
internal static class FunderShares
{
    /// <summary>Each funder's share of a year's pool, in the order the funders are taken off it; refused above the pool.</summary>
    public static IReadOnlyList<(Funder Funder, Money Annual)> Annual(string schemeId, int year, IReadOnlyList<Funder> funders, Money pool)
    {
        var shares = funders.Where(f => f.Share is FunderAmount).Select(f => (f, ((FunderAmount)f.Share).Amount))
            .Concat(funders.Where(f => f.Share is FunderPercent).Select(f => (f, Money.RoundHalfAwayFromZero(pool.Cents * ((FunderPercent)f.Share).Percent / 100m))))
            .ToList();
        var total = Money.Sum(shares.Select(s => s.Item2));
        if (total > pool)
        {
            throw new SettlementInputException(
                $"Scheme {schemeId}: the funders' shares of {year} ({string.Join(", ", shares.Select(s => $"{s.f.Id} € {s.Item2}"))}) add up to € {total}, more than the pool of € {pool}; lower them in funders. Nothing issued.");
        }
        return shares;
    }

    /// <summary>The funders' lines of a month and what is left of each location's budget for the key.</summary>
    public static IReadOnlyDictionary<SchoolLocationId, Money> TakeOff(
        string schemeId, int year, int month, IReadOnlyList<Funder> funders, IReadOnlyDictionary<SchoolLocationId, Money> budgets, out IReadOnlyList<FunderLine> lines)
    {
        var found = new List<FunderLine>();
        lines = found;
        if (funders.Count == 0)
        {
            return budgets;
        }
        var rest = budgets.ToDictionary(b => b.Key, b => b.Value);
        foreach (var (funder, annual) in Annual(schemeId, year, funders, Money.Sum(budgets.Values)))
        {
            if (annual == Money.Zero)
            {
                continue;
            }
            var parts = Split.ByWeights(annual, rest.Select(r => KeyValuePair.Create(r.Key, (decimal)r.Value.Cents)));
            foreach (var (school, part) in parts)
            {
                rest[school] -= part;
            }
            found.AddRange(Lines(funder, parts, month));
        }
        return rest;
    }

    /// <summary>
    /// The funders' lines of a month where the budget is split as a whole (a fixed budget under the cashier): each
    /// funder's annual share (<see cref="Annual"/>) is split over the locations by the split rule with
    /// <paramref name="weights"/>, so that it has lines per school as the municipalities do.
    /// </summary>
    public static IReadOnlyList<FunderLine> OverLocations(
        IReadOnlyList<(Funder Funder, Money Annual)> shares, IReadOnlyList<KeyValuePair<SchoolLocationId, decimal>> weights, int month) =>
        shares.Where(s => s.Annual != Money.Zero).SelectMany(s => Lines(s.Funder, Split.ByWeights(s.Annual, weights), month)).ToList();

    /// <summary>A funder's month: the monthly schedule of its annual share, spread over the locations by its parts there.</summary>
    private static IEnumerable<FunderLine> Lines(Funder funder, IReadOnlyDictionary<SchoolLocationId, Money> parts, int month) =>
        PupilsSplit.Month(parts.Where(p => p.Value != Money.Zero).Select(p => (p.Key, p.Value)).ToList(), month)
            .Select(m => new FunderLine(funder.Id, m.School, m.Amount, parts[m.School]));
}
