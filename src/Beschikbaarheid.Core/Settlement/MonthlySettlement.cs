using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>What a month's settlement is computed from.</summary>
/// <param name="Beschikkingen">For a per-child pool: at least every beschikking at the scheme's schools active in the month's funding year.</param>
/// <param name="DrawingRights">For a drawing-rights pool: the funding year's drawing rights as computed and stored.</param>
/// <param name="PupilCounts">For the pupils key: the counts on the Peildatum before the funding year.</param>
public sealed record SettlementInputs(IReadOnlyList<Beschikking> Beschikkingen, IReadOnlyList<DrawingRights.DrawingRight> DrawingRights, IReadOnlyList<PupilCount> PupilCounts);

/// <summary>The inputs cannot be settled as they are, e.g. a location with a budget but no pupils to split it by.</summary>
public sealed class SettlementInputException(string message) : Exception(message);

/// <summary>
/// Settles one scheme for one month: pool and key give each municipality's cost per school location,
/// the flow turns those into invoices. Pure: the same scheme, month and inputs give the same plan.
/// </summary>
public static class MonthlySettlement
{
    /// <param name="beschikkingen">At least every beschikking at the scheme's schools active in the
    /// month's funding year; others are ignored.</param>
    public static SettlementPlan Calculate(Scheme scheme, YearMonth period, IEnumerable<Beschikking> beschikkingen) =>
        Calculate(scheme, period, new SettlementInputs(beschikkingen.ToList(), [], []));

    public static SettlementPlan Calculate(Scheme scheme, YearMonth period, SettlementInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(inputs);
        var terms = scheme.TermsFor(period.Year);
        var costs = (terms.Pool, terms.Key) switch
        {
            (PerChildPool pool, ChildrenKey) => PerChildCosts.Calculate(terms, pool, period, inputs.Beschikkingen),
            (DrawingRightsPool, PupilsKey key) => DrawingRightsCosts.Calculate(scheme, period, inputs.DrawingRights, inputs.PupilCounts, key),
            (DrawingRightsPool, ChildrenKey) => DrawingRightsCosts.CalculateByChildren(scheme, period, inputs.DrawingRights, inputs.Beschikkingen),
            (DrawingRightsPool, BlendKey blend) => DrawingRightsCosts.CalculateByBlend(scheme, period, inputs.DrawingRights, inputs.PupilCounts, inputs.Beschikkingen, blend),
            _ => throw new NotSupportedException(
                $"Scheme {scheme.Id}: a {terms.Pool.GetType().Name} with a {terms.Key.GetType().Name} cannot be settled monthly by this version; nothing issued."),
        };

        var byMunicipality = costs.Shares.ToLookup(s => s.Municipality);
        var allocation = terms.Participants.Order()
            .Select(code => new AllocationRow(
                code,
                costs.ChildrenPerMunicipality.GetValueOrDefault(code),
                byMunicipality[code].Sum(s => s.Basis),
                Money.Sum(byMunicipality[code].Select(s => s.Month)),
                Money.Sum(byMunicipality[code].Select(s => s.AnnualProjection)),
                Invoiced: IsInvoiced(terms.Flow, code),
                Estimated: byMunicipality[code].Any(s => s.Estimated)))
            .ToList();

        var bySchool = costs.Shares.ToLookup(s => s.School);
        var rightsBySchool = inputs.DrawingRights.ToLookup(r => r.School);
        var locations = terms.Schools.Order()
            .Select(school => new LocationRow(
                school, costs.ChildrenPerSchool.GetValueOrDefault(school), bySchool[school].Sum(s => s.Basis), Money.Sum(bySchool[school].Select(s => s.Month)),
                rightsBySchool.Contains(school) ? rightsBySchool[school].Sum(r => r.Fte) : null,
                rightsBySchool.Contains(school) ? Money.Sum(rightsBySchool[school].Select(r => r.Budget)) : null,
                bySchool[school].Any(s => s.Estimated)))
            .ToList();

        var invoices = terms.Flow switch
        {
            LeadFlow lead => LeadInvoices(lead, costs.Shares),
            NoneFlow => [],
            _ => throw new NotSupportedException($"Scheme {scheme.Id}: the {terms.Flow.GetType().Name} cannot be settled monthly by this version; nothing issued."),
        };

        return new SettlementPlan(scheme.Id, period, SettlementKind.Voorschot, costs.BasisUnit, allocation, locations, costs.Individual, invoices);
    }

    private static bool IsInvoiced(Flow flow, MunicipalityCode municipality) => flow switch
    {
        LeadFlow lead => lead.Lead != municipality,
        NoneFlow => false,
        _ => true,
    };

    /// <summary>The lead invoices every other participant, one line per school location; its own share stays home.</summary>
    private static List<InvoiceDraft> LeadInvoices(LeadFlow flow, IReadOnlyList<CostShare> shares) =>
        shares
            .Where(s => s.Municipality != flow.Lead && s.Month > Money.Zero)
            .GroupBy(s => s.Municipality)
            .OrderBy(g => g.Key)
            .Select(g => new InvoiceDraft(
                flow.Lead,
                g.Key,
                g.OrderBy(s => s.School).Select(s => new InvoiceLineDraft(s.School, s.Basis, s.Month, s.Estimated)).ToList()))
            .ToList();
}

/// <summary>One municipality's cost at one school location in the month, and its projection for the year.</summary>
/// <param name="Estimated">The basis includes a DUO count masked as &lt;5, valued by the scheme setting.</param>
internal sealed record CostShare(SchoolLocationId School, MunicipalityCode Municipality, decimal Basis, Money Month, Money AnnualProjection, bool Estimated = false);

internal sealed record Costs(
    BasisUnit BasisUnit,
    IReadOnlyList<CostShare> Shares,
    IReadOnlyDictionary<MunicipalityCode, int> ChildrenPerMunicipality,
    IReadOnlyDictionary<SchoolLocationId, int> ChildrenPerSchool,
    IReadOnlyList<IndividualCount> Individual);
