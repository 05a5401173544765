using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// The cashier statement of one run (DOMAIN "Outputs"): what the cashier collected from each participant
/// (its own contribution included) and from each funder that is not a municipality, by kind, the gap
/// non-participants leave and which fund covered it, and what it pays to each host location. It pays out exactly
/// what it collected plus the covered gap, so the balance is zero; an uncovered gap is shown, never paid.
/// </summary>
/// <remarks>
/// The hosts are paid cumulatively: after each run, what a location has been paid in the year is the split by
/// the host weights of everything available so far. So each month pays out exactly what the month made
/// available, and over the year each location gets its exact share, e.g. its agreed fixed amount, not a sum of
/// twelve rounded months.
/// </remarks>
/// <param name="Spread">The scheme spreads the non-participants' part over the participants instead of covering it by funds.</param>
public sealed record CashierStatement(
    MunicipalityCode Cashier,
    IReadOnlyList<(PartyCode Party, SettlementKind Kind, Money Amount)> Collected,
    IReadOnlyDictionary<MunicipalityCode, Money> Gap,
    IReadOnlyList<(string Fund, Money Amount)> Covered,
    bool Spread,
    IReadOnlyDictionary<SchoolLocationId, Money> PaidOut)
{
    public Money CollectedTotal => Money.Sum(Collected.Select(c => c.Amount));
    /// <summary>Of what was collected, what funders that are not municipalities paid.</summary>
    public Money FundersTotal => Money.Sum(Collected.Where(c => c.Party.IsFunder).Select(c => c.Amount));
    public Money GapTotal => Money.Sum(Gap.Values);
    public Money CoveredTotal => Money.Sum(Covered.Select(c => c.Amount));
    public Money Uncovered => Spread ? Money.Zero : GapTotal - CoveredTotal;
    public Money PaidOutTotal => Money.Sum(PaidOut.Values);
    public Money Balance => CollectedTotal + CoveredTotal - PaidOutTotal;

    /// <summary>The statement of a run from its entries, the gap figures that go with them and what the year's earlier statements reported.</summary>
    public static CashierStatement Of(
        CashierFlow flow, FixedBudgetPool pool, IEnumerable<Entry> entries,
        IReadOnlyDictionary<MunicipalityCode, Money> gap, IReadOnlyList<(string Fund, Money Amount)> covered, StatedSoFar soFar)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(soFar);
        var collected = entries
            .GroupBy(e => (Party: e.Municipality, e.Kind))
            .Select(g => (g.Key.Party, g.Key.Kind, Amount: Money.Sum(g.Select(e => e.Amount))))
            .Where(c => c.Amount != Money.Zero)
            .OrderBy(c => c.Party).ThenBy(c => c.Kind)
            .ToList();
        var available = Money.Sum(collected.Select(c => c.Amount)) + Money.Sum(covered.Select(c => c.Amount));
        var paidThrough = CashierSplit.Payouts(soFar.Available + available, pool.Hosts.Weights);
        return new CashierStatement(
            flow.Cashier, collected, gap, covered, flow.NonParticipants == NonParticipants.Spread,
            paidThrough.ToDictionary(p => p.Key, p => p.Value - soFar.PaidOut.GetValueOrDefault(p.Key)));
    }
}
