using System.Runtime.InteropServices;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// What a month's settlement is computed from: a snapshot, whose lists are not changed once it is made, since a calculation
/// keeps what it derives from them with it for the next month computed from the same inputs.
/// </summary>
/// <param name="Beschikkingen">For a per-child pool: at least every beschikking at the scheme's schools active in the month's funding year.</param>
/// <param name="DrawingRights">For a drawing-rights pool: the funding year's drawing rights as computed and stored.</param>
/// <param name="PupilCounts">For the pupils key: the counts on the Peildatum before the funding year.</param>
public sealed record SettlementInputs(IReadOnlyList<Beschikking> Beschikkingen, IReadOnlyList<DrawingRights.DrawingRight> DrawingRights, IReadOnlyList<PupilCount> PupilCounts)
{
    /// <summary>For an estimate pool: the scheme's estimate rows of the funding year (<c>import inschattingen</c>).</summary>
    public IReadOnlyList<EstimateRow> Estimates { get; init; } = [];

    /// <summary>For an estimate pool: the hours the school realised in the funding year (<c>import realisatie</c>), which only the year end uses.</summary>
    public IReadOnlyList<RealisationRow> Realisation { get; init; } = [];
}

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
        var terms = scheme.TermsFor(period);
        return Plan(scheme, period, terms, CostsOf(scheme, terms, period, inputs), inputs);
    }

    /// <summary>
    /// What several months of one year cost each municipality at each location, as a run computes earlier
    /// months again to correct them; one month at a time as they are enumerated. Months under the same terms
    /// of a per-child pool come from one pass over the beschikkingen; the others are computed month by month.
    /// </summary>
    public static IEnumerable<(YearMonth Period, IReadOnlyList<Entry> Entries)> EntriesOfMonths(Scheme scheme, IReadOnlyList<YearMonth> months, SettlementInputs inputs) =>
        RecomputedMonths(scheme, months, inputs).Select(month => (month.Period, month.Entries()));

    /// <summary>
    /// The months as <see cref="EntriesOfMonths"/> computes them, each with its digests per location and its entries made only
    /// when asked: a run correcting eleven months compares their digests first and needs the entries of a few locations.
    /// </summary>
    public static IEnumerable<RecomputedMonth> RecomputedMonths(Scheme scheme, IReadOnlyList<YearMonth> months, SettlementInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(inputs);
        return RecomputedMonthsIterator(scheme, months, inputs);
    }

    private static IEnumerable<RecomputedMonth> RecomputedMonthsIterator(Scheme scheme, IReadOnlyList<YearMonth> months, SettlementInputs inputs)
    {
        foreach (var sameTerms in months.GroupBy(m => (m.Year, Participants: string.Join(",", scheme.TermsFor(m).Participants.Order()))))
        {
            var first = sameTerms.First();
            var terms = scheme.TermsFor(first);
            RefuseUnsupported(scheme, terms);
            if (terms is { Pool: PerChildPool pool, Key: ChildrenKey })
            {
                foreach (var (month, costs) in PerChildCosts.CalculateMonths(terms, pool, first.Year, sameTerms.Select(m => m.Month).ToList(), inputs))
                {
                    yield return new RecomputedMonth(new YearMonth(first.Year, month), costs);
                }
                continue;
            }
            foreach (var month in sameTerms)
            {
                yield return new RecomputedMonth(month, CostsOf(scheme, scheme.TermsFor(month), month, inputs));
            }
        }
    }

    private static SettlementPlan Plan(Scheme scheme, YearMonth period, SchemeTerms terms, Costs costs, SettlementInputs inputs)
    {
        var byMunicipality = costs.Shares.ToLookup(s => s.Municipality);
        // A non-participant invoiced under a lead (nonParticipants invoice) has a row like a participant.
        var allocation = terms.Participants.Union(costs.Shares.Select(s => s.Municipality).Where(m => Invoicing.IsInvoiced(terms.Flow, m) && terms.Flow is LeadFlow)).Distinct().Order()
            .Select(code => new AllocationRow(
                code,
                costs.ChildrenPerMunicipality.GetValueOrDefault(code),
                byMunicipality[code].Sum(s => s.Basis),
                Money.Sum(byMunicipality[code].Select(s => s.Month)),
                Money.Sum(byMunicipality[code].Select(s => s.AnnualProjection)),
                Invoiced: Invoicing.IsInvoiced(terms.Flow, code),
                Estimated: byMunicipality[code].Any(s => s.Estimated)))
            .ToList();

        var bySchool = costs.Shares.ToLookup(s => s.School);
        // A location's pupils are all its pupils, also those of non-participants whose part others carry.
        var invoicedOutside = costs.Shares.Select(s => s.Municipality).ToHashSet();
        var carriedPupils = costs.NonParticipants
            .Where(n => !invoicedOutside.Contains(MunicipalityCode.Parse(n.Municipality)))
            .ToLookup(n => n.School, n => n.Basis);
        var rightsBySchool = inputs.DrawingRights.ToLookup(r => r.School);
        var locations = terms.Schools.Order()
            .Select(school => new LocationRow(
                school, costs.ChildrenPerSchool.GetValueOrDefault(school), bySchool[school].Sum(s => s.Basis) + carriedPupils[school.ToString()].Sum(), Money.Sum(bySchool[school].Select(s => s.Month)),
                rightsBySchool.Contains(school) ? rightsBySchool[school].Sum(r => r.Fte) : null,
                // The budget the key split: after the funders' shares at the location, so that a municipality's line can be redone.
                rightsBySchool.Contains(school) ? Money.Sum(rightsBySchool[school].Select(r => r.Budget)) - Money.Sum(costs.Funders.Where(f => f.School == school).Select(f => f.Annual)) : null,
                bySchool[school].Any(s => s.Estimated)))
            .ToList();

        var entries = new RecomputedMonth(period, costs).Entries().OrderBy(e => e.Municipality).ThenBy(e => e.School).ToList();

        return new SettlementPlan(scheme.Id, period, SettlementKind.Voorschot, costs.BasisUnit, allocation, locations, costs.Individual, Invoicing.Drafts(scheme, terms.Flow, entries))
        {
            Entries = entries,
            // Nothing is settled for the month before its advance: once stored, what is settled there is these entries.
            Digests = [new MonthDigests(period, SettledDigest.Of(entries).ToDictionary(d => d.Key, d => (string?)d.Value), Complete: true)],
            CashierMonth = costs.CashierMonth,
            AnnualShares = costs.Shares.Select(s => (Party: (PartyCode)s.Municipality, s.School, Annual: s.AnnualProjection))
                .Concat(costs.Funders.Select(f => (Party: f.Funder, f.School, f.Annual)))
                .ToDictionary(s => (s.Party, s.School), s => s.Annual),
            Calculation = costs.Calculation
                ?? (RunCalculation.Of(scheme, period.Year) is { } calculation
                    ? calculation with
                    {
                        PupilsTotal = costs.PupilsTotal,
                        NonParticipants = costs.NonParticipants.Count > 0 ? NonParticipantsOf(terms.Flow, costs.NonParticipants) : null,
                        Funders = costs.FundersCalculation,
                    }
                    : null),
        };
    }

    private static NonParticipantsCalculation? NonParticipantsOf(Flow flow, IReadOnlyList<NonParticipantPart> parts) =>
        flow is LeadFlow lead ? new NonParticipantsCalculation(lead.NonParticipants, parts) : null;

    /// <summary>
    /// What the year costs each municipality at each location by the inputs as they are now, for the year end: the
    /// year is the sum of its months (DOMAIN "Monthly settlement, year end"), each month recomputed with these inputs
    /// and rounded exactly as its monthly line is. So with unchanged data the year equals what the months billed, and
    /// rounding alone never makes a year-end document; only data or parameters that changed do. A per-child line is
    /// therefore not rounded once over the year's child-days (that would differ from twelve rounded months by cents).
    /// </summary>
    /// <param name="eachMonth">Told each recomputed month as it is made, e.g. to take its <see cref="RecomputedMonth.Digests"/>.</param>
    public static IReadOnlyList<Entry> Annual(Scheme scheme, int year, SettlementInputs inputs, Action<RecomputedMonth>? eachMonth = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(inputs);
        var wholeYear = SettledPeriod.WholeYear(year);
        var months = Enumerable.Range(1, 12).Select(m => new YearMonth(year, m)).ToList();
        // Summed as the months come: a national year is 840,000 monthly amounts, and only one month of them is held at a time.
        var sums = new Dictionary<(PartyCode Party, SchoolLocationId School), (decimal Basis, long Cents, bool Estimated)>();
        foreach (var month in RecomputedMonths(scheme, months, inputs))
        {
            eachMonth?.Invoke(month);
            foreach (var e in month.Amounts())
            {
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, (e.Party, e.School), out _);
                sum = (sum.Basis + e.Basis, checked(sum.Cents + e.Month.Cents), sum.Estimated || e.Estimated);
            }
        }
        return sums
            .Where(s => s.Value.Cents != 0)
            .Select(s => new Entry(s.Key.Party, s.Key.School, wholeYear, SettlementKind.Vaststelling, s.Value.Basis, new Money(s.Value.Cents), s.Value.Estimated))
            .OrderBy(e => e.Municipality).ThenBy(e => e.School)
            .ToList();
    }

    /// <summary>For a cashier scheme: the year's split by the inputs as they are now; null for other flows.</summary>
    public static CashierYear? CashierYearOf(Scheme scheme, int year, SettlementInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(inputs);
        return scheme.TermsFor(year) is { Pool: FixedBudgetPool pool, Key: PupilsKey key, Flow: CashierFlow flow }
            ? CashierCosts.Year(scheme, year, pool, flow, key, inputs.PupilCounts, out _)
            : null;
    }

    /// <summary>
    /// A drawing-rights pool: the funders' shares come off the locations' budgets first (<see cref="FunderShares"/>), and
    /// the key splits what is left over the municipalities.
    /// </summary>
    private static Costs DrawingRightsAfterFunders(Scheme scheme, SchemeTerms terms, YearMonth period, SettlementInputs inputs)
    {
        var budgets = DrawingRightsCosts.BudgetsOrRefuse(scheme, period, inputs.DrawingRights);
        var rest = FunderShares.TakeOff(scheme.Id, period.Year, period.Month, terms.Funders, budgets, out var funderLines);
        var costs = terms.Key switch
        {
            PupilsKey key => DrawingRightsCosts.Calculate(scheme, terms, period, rest, inputs.PupilCounts, key),
            ChildrenKey => DrawingRightsCosts.CalculateByChildren(scheme, terms, period, rest, inputs.Beschikkingen),
            BlendKey blend => DrawingRightsCosts.CalculateByBlend(scheme, terms, period, rest, inputs.PupilCounts, inputs.Beschikkingen, blend),
            _ => throw new InvalidOperationException($"Scheme {scheme.Id}: the table of supported schemes holds a combination settlement does not dispatch."),
        };
        return terms.Funders.Count == 0
            ? costs
            : costs with
            {
                Funders = funderLines,
                FundersCalculation = FundersCalculation.Of(Money.Sum(budgets.Values), FunderShares.Annual(scheme.Id, period.Year, terms.Funders, Money.Sum(budgets.Values))),
            };
    }

    /// <summary>For a year end: the funders' shares of the year by the inputs as they are now; null for a scheme without funders.</summary>
    public static FundersCalculation? FundersOf(Scheme scheme, int year, SettlementInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(inputs);
        var terms = scheme.TermsFor(year);
        var pool = terms.Pool switch
        {
            DrawingRightsPool when inputs.DrawingRights.Count > 0 => Money.Sum(DrawingRights.DrawingRightsCalculator.BudgetPerLocation(inputs.DrawingRights).Values),
            FixedBudgetPool budget => budget.BudgetFor(year),
            _ => (Money?)null,
        };
        return terms.Funders.Count == 0 || pool is not { } known ? null : FundersCalculation.Of(known, FunderShares.Annual(scheme.Id, year, terms.Funders, known));
    }

    /// <summary>What the basis of the scheme's lines counts: child-days under the children key, pupils otherwise.</summary>
    public static BasisUnit BasisUnitOf(SchemeTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return terms.Key switch
        {
            ChildrenKey => BasisUnit.ChildDays,
            EstimateKey => BasisUnit.HoursPerWeek,
            _ => BasisUnit.Pupils,
        };
    }

    /// <summary>
    /// A combination the table of <see cref="SupportedSchemes"/> does not hold is refused with its words before
    /// anything is computed; the switch only dispatches what the table supports.
    /// </summary>
    private static Costs CostsOf(Scheme scheme, SchemeTerms terms, YearMonth period, SettlementInputs inputs)
    {
        RefuseUnsupported(scheme, terms);
        return Dispatch(scheme, terms, period, inputs);
    }

    /// <summary>Throws <see cref="NotSupportedException"/> naming the scheme when its terms combine what this version cannot settle.</summary>
    public static void RefuseUnsupported(Scheme scheme, SchemeTerms terms)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(terms);
        if ((SupportedSchemes.Refusal(terms.Pool, terms.Key, terms.Flow) ?? (terms.Funders.Count > 0 ? SupportedSchemes.FundersRefusal(terms.Pool, terms.Flow) : null)) is { } refusal)
        {
            throw new NotSupportedException($"Scheme {scheme.Id}: {refusal}; nothing issued.");
        }
    }

    private static Costs Dispatch(Scheme scheme, SchemeTerms terms, YearMonth period, SettlementInputs inputs) => (terms.Pool, terms.Key, terms.Flow) switch
    {
        (FixedBudgetPool pool, PupilsKey key, FunderFlow flow) => FunderCosts.OfFixedBudget(scheme, terms, period, pool, flow, key, inputs.PupilCounts),
        (DrawingRightsPool, PupilsKey key, FunderFlow flow) => FunderCosts.OfDrawingRights(scheme, terms, period, flow, key, inputs.DrawingRights, inputs.PupilCounts),
        (PerChildPool pool, ChildrenKey, _) => PerChildCosts.Calculate(terms, pool, period, inputs),
        (DrawingRightsPool, _, _) => DrawingRightsAfterFunders(scheme, terms, period, inputs),
        (FixedBudgetPool pool, PupilsKey key, CashierFlow flow) => CashierCosts.Calculate(scheme, period, pool, flow, key, inputs.PupilCounts),
        (EstimatePool pool, EstimateKey, LeadFlow) => EstimateCosts.Calculate(scheme, period, pool, inputs.Estimates),
        _ => throw new InvalidOperationException($"Scheme {scheme.Id}: the table of supported schemes holds a combination settlement does not dispatch."),
    };
}

/// <summary>
/// One municipality's cost at one school location in the month, and its projection for the year (what documents show as
/// the annual figure; the year end does not use it, it sums the months).
/// </summary>
/// <param name="Estimated">The basis includes a DUO count masked as &lt;5, valued by the scheme setting.</param>
internal sealed record CostShare(
    SchoolLocationId School, MunicipalityCode Municipality, decimal Basis, Money Month, Money AnnualProjection, bool Estimated = false);

internal sealed record Costs(
    BasisUnit BasisUnit,
    IReadOnlyList<CostShare> Shares,
    IReadOnlyDictionary<MunicipalityCode, int> ChildrenPerMunicipality,
    IReadOnlyDictionary<SchoolLocationId, int> ChildrenPerSchool,
    IReadOnlyList<IndividualCount> Individual)
{
    public CashierMonth? CashierMonth { get; init; }

    /// <summary>For a budget split as a whole: the pupils of all the scheme's locations it was split by, participants' or not.</summary>
    public decimal? PupilsTotal { get; init; }

    /// <summary>Under a lead: each non-participant's part per location and who carries it (<see cref="NonParticipantRule"/>).</summary>
    public IReadOnlyList<NonParticipantPart> NonParticipants { get; init; } = [];

    /// <summary>The funders' lines of the month (<see cref="FunderShares"/>); empty for a scheme without funders.</summary>
    public IReadOnlyList<FunderLine> Funders { get; init; } = [];

    /// <summary>The funders' shares as documents show them; null for a scheme without funders.</summary>
    public FundersCalculation? FundersCalculation { get; init; }

    /// <summary>The figures of the month where the costs themselves know them (an estimate pool's year amount); null to take the scheme's terms.</summary>
    public RunCalculation? Calculation { get; init; }
}
