using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// One municipality in the balance of a scheme without invoices: what the locations on its territory cost
/// against what its residents use of all locations. Positive difference: it hosts more than it uses.
/// </summary>
/// <param name="DifferencePct">Difference as a percentage of the territory's cost; null when it hosts nothing.</param>
/// <param name="Flagged">The difference is above the scheme's threshold (or the municipality uses without hosting).</param>
public sealed record BalanceRow(MunicipalityCode Municipality, Money Territory, Money Use, Money Difference, decimal? DifferencePct, bool Flagged);

/// <summary>The balance report of the <c>none</c> flow ("roughly in balance" checked, DOMAIN "Flow").</summary>
public static class Balance
{
    public static IReadOnlyList<BalanceRow> Compute(
        IReadOnlyDictionary<SchoolLocationId, Money> budgets,
        IReadOnlyDictionary<SchoolLocationId, MunicipalityCode> locatedIn,
        IReadOnlyList<LocationPart> parts,
        decimal thresholdPct)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(locatedIn);
        ArgumentNullException.ThrowIfNull(parts);
        var territory = budgets.Where(b => locatedIn.ContainsKey(b.Key)).GroupBy(b => locatedIn[b.Key]).ToDictionary(g => g.Key, g => Money.Sum(g.Select(b => b.Value)));
        var use = parts.GroupBy(p => p.Municipality).ToDictionary(g => g.Key, g => Money.Sum(g.Select(p => p.Annual)));
        return territory.Keys.Union(use.Keys).Order()
            .Select(m =>
            {
                var hosted = territory.GetValueOrDefault(m);
                var used = use.GetValueOrDefault(m);
                var difference = hosted - used;
                decimal? pct = hosted.Cents == 0 ? null : decimal.Round(difference.Cents * 100m / hosted.Cents, 2, MidpointRounding.AwayFromZero);
                var flagged = pct is { } p ? Math.Abs(p) > thresholdPct : used.Cents != 0;
                return new BalanceRow(m, hosted, used, difference, pct, flagged);
            })
            .ToList();
    }
}
