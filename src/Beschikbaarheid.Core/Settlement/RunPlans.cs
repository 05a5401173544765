using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// Puts together what one run issues: a month's advances with the corrections to earlier months, or a
/// year end; the invoices are drawn from the entries, and for the cashier flow the statement is made.
/// </summary>
public static class RunPlans
{
    /// <param name="statedSoFar">For the cashier flow: what the year's earlier statements reported.</param>
    public static SettlementPlan WithCorrections(Scheme scheme, SettlementPlan month, IReadOnlyList<Entry> corrections, StatedSoFar? statedSoFar = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(corrections);
        var terms = scheme.TermsFor(month.Period);
        var entries = month.Entries.Concat(corrections).ToList();
        var plan = month with { Invoices = Invoicing.Drafts(scheme, terms.Flow, entries), Entries = entries };
        return terms is { Flow: CashierFlow flow, Pool: FixedBudgetPool pool } && month.CashierMonth is { } figures
            ? plan with { Statement = CashierStatement.Of(flow, pool, entries, figures.GapParts, figures.Covered, statedSoFar ?? StatedSoFar.Nothing) }
            : plan;
    }

    /// <param name="annual">The year by actual data (<see cref="MonthlySettlement.Annual"/>).</param>
    /// <param name="settled">What was settled for the year.</param>
    /// <param name="cashierYear">For the cashier flow: the year by actual data.</param>
    /// <param name="statedSoFar">For the cashier flow: the gap per municipality and the cover per fund in the year's earlier statements.</param>
    public static SettlementPlan YearEnd(
        Scheme scheme, int year, BasisUnit basisUnit, IReadOnlyList<Entry> annual, SettledYear settled, int revision,
        CashierYear? cashierYear = null, StatedSoFar? statedSoFar = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var terms = scheme.TermsFor(year);
        var final = Settlement.YearEnd.For(year, annual, settled);
        var annualOf = annual.ToLookup(e => e.Municipality);
        var finalOf = final.ToLookup(e => e.Municipality);
        // Funders are not on the municipalities' allocation: their year end is their invoice.
        var allocation = terms.Participants.Union(annualOf.Select(g => g.Key.Municipality).OfType<MunicipalityCode>()).Order()
            .Select(code => new AllocationRow(
                code, 0, annualOf[code].Sum(e => e.Basis), Money.Sum(finalOf[code].Select(e => e.Amount)), Money.Sum(annualOf[code].Select(e => e.Amount)),
                Invoicing.IsInvoiced(terms.Flow, code), annualOf[code].Any(e => e.Estimated)))
            .ToList();
        var plan = new SettlementPlan(scheme.Id, new YearMonth(year, 12), SettlementKind.Vaststelling, basisUnit, allocation, [], [], Invoicing.Drafts(scheme, terms.Flow, final))
        {
            Entries = final,
            Revision = revision,
        };
        if (terms is not { Flow: CashierFlow flow, Pool: FixedBudgetPool pool } || cashierYear is null)
        {
            return plan;
        }
        var soFar = statedSoFar ?? StatedSoFar.Nothing;
        var gap = cashierYear.GapParts.Keys.Union(soFar.Gap.Keys)
            .Select(m => KeyValuePair.Create(m, cashierYear.GapParts.GetValueOrDefault(m) - soFar.Gap.GetValueOrDefault(m)))
            .Where(g => g.Value != Money.Zero)
            .ToDictionary();
        var covered = cashierYear.Covered
            .Select(c => (c.Fund, c.Amount - soFar.Covered.GetValueOrDefault(c.Fund)))
            .ToList();
        return plan with { Statement = CashierStatement.Of(flow, pool, final, gap, covered, soFar) };
    }
}

/// <summary>
/// What a cashier's earlier statements of a year reported: the gap per municipality, the cover per fund, what
/// was available to pay out (collected + covered) and what each host location was paid.
/// </summary>
public sealed record StatedSoFar(
    IReadOnlyDictionary<MunicipalityCode, Money> Gap, IReadOnlyDictionary<string, Money> Covered, Money Available, IReadOnlyDictionary<SchoolLocationId, Money> PaidOut)
{
    public static StatedSoFar Nothing { get; } = new(new Dictionary<MunicipalityCode, Money>(), new Dictionary<string, Money>(), Money.Zero, new Dictionary<SchoolLocationId, Money>());
}
