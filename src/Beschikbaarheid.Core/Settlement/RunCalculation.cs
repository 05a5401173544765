using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>How a run's lines were computed, named so that a document can say it in words.</summary>
public enum CalculationMethod
{
    /// <summary>Per-child pool: child-days × the annual amount per child ÷ the days of the year, rounded once per line.</summary>
    PerChild,

    /// <summary>Drawing rights under the pupils key: each location's annual budget split by its pupils' residence; a month is the monthly schedule of the municipality's annual share.</summary>
    LocationBudgetByPupils,

    /// <summary>Drawing rights under the children key: each location's month split by its children's active days.</summary>
    LocationMonthByChildren,

    /// <summary>Drawing rights under a blend: each location's month split by Σ weight × the share under each key.</summary>
    LocationMonthByBlend,

    /// <summary>Fixed budget with the cashier: the year's budget split by the pupils of all the scheme's locations; a month is the monthly schedule of the contribution.</summary>
    BudgetByPupils,

    /// <summary>Estimate pool: the year's amount (Σ children × hours per week × rate × weeks) split by each municipality's children × hours per week; a month is the monthly schedule of the share.</summary>
    EstimateByHours,
}

/// <summary>
/// What a reader needs besides the lines to redo a run's amounts by hand, stored with the run as it was issued so that
/// a document written again later shows the figures the amounts came from, not the scheme file as it is then.
/// </summary>
/// <param name="NormHoursPerWeek">Per-child pool: the norm hours per week of one child.</param>
/// <param name="HourlyRate">Per-child pool: the rate per hour in euros.</param>
/// <param name="SchoolWeeks">Per-child pool: the school weeks of a year.</param>
/// <param name="PupilsWeight">Blend: the weight of the pupils key.</param>
/// <param name="ChildrenWeight">Blend: the weight of the children key.</param>
/// <param name="BudgetCents">Fixed budget: the funding year's budget.</param>
/// <param name="Peildatum">The date the pupils were counted on, where pupils key the split.</param>
/// <param name="PupilsTotal">Fixed budget: the pupils of all the scheme's locations the budget was split by.</param>
/// <param name="EstimateHoursPerWeek">Estimate pool: Σ children × hours per week of the year's estimate (the year's amount is in <paramref name="BudgetCents"/>).</param>
public sealed record RunCalculation(
    CalculationMethod Method,
    decimal? NormHoursPerWeek = null,
    decimal? HourlyRate = null,
    int? SchoolWeeks = null,
    decimal? PupilsWeight = null,
    decimal? ChildrenWeight = null,
    long? BudgetCents = null,
    DateOnly? Peildatum = null,
    decimal? PupilsTotal = null,
    decimal? EstimateHoursPerWeek = null)
{
    /// <summary>Per-child pool: norm hours × hourly rate × school weeks, in cents, exact (it is only ever prorated).</summary>
    public decimal? AnnualCentsPerChild => NormHoursPerWeek * HourlyRate * SchoolWeeks * 100m;

    /// <summary>The calculation of a scheme's terms in a funding year; null for a combination no run settles.</summary>
    public static RunCalculation? Of(Scheme scheme, int year)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var terms = scheme.TermsFor(year);
        var peildatum = scheme.CountingDate.ForFundingYear(year);
        return (terms.Pool, terms.Key) switch
        {
            (PerChildPool pool, _) => new RunCalculation(CalculationMethod.PerChild, pool.NormHoursPerWeek, pool.HourlyRate, pool.SchoolWeeks),
            (DrawingRightsPool, PupilsKey) => new RunCalculation(CalculationMethod.LocationBudgetByPupils, Peildatum: peildatum),
            (DrawingRightsPool, ChildrenKey) => new RunCalculation(CalculationMethod.LocationMonthByChildren),
            (DrawingRightsPool, BlendKey blend) => new RunCalculation(
                CalculationMethod.LocationMonthByBlend,
                PupilsWeight: blend.Parts.Where(p => p.Key is PupilsKey).Sum(p => p.Weight),
                ChildrenWeight: blend.Parts.Where(p => p.Key is ChildrenKey).Sum(p => p.Weight),
                Peildatum: peildatum),
            (EstimatePool pool, _) => new RunCalculation(CalculationMethod.EstimateByHours, HourlyRate: pool.HourlyRate, SchoolWeeks: pool.SchoolWeeks),
            (FixedBudgetPool pool, _) => new RunCalculation(CalculationMethod.BudgetByPupils, BudgetCents: pool.BudgetFor(year)?.Cents, Peildatum: peildatum),
            _ => null,
        };
    }

    /// <summary>Under a lead with non-participants' pupils at its locations: each one's part per location and who carries it.</summary>
    public NonParticipantsCalculation? NonParticipants { get; init; }

    /// <summary>With funders that are not municipalities: the pool before their shares and each funder's share of the year.</summary>
    public FundersCalculation? Funders { get; init; }

    /// <summary>Fixed budget: the year's budget as money.</summary>
    public Money? Budget => BudgetCents is { } cents ? new Money(cents) : null;
}

/// <summary>The lead flow's <c>nonParticipants</c> as the run applied it, and every non-participant's part per location.</summary>
public sealed record NonParticipantsCalculation(LeadNonParticipants Mode, IReadOnlyList<NonParticipantPart> Parts);

/// <summary>
/// The funders' shares as the run took them off the pool (README "Funders other than municipalities"): the year's pool
/// before them and, in the order they were taken, each funder with what its invoice and the allocation sheet print.
/// Plain values, so that it is stored as it reads.
/// </summary>
/// <param name="PoolCents">The year's pool before any funder's share: Σ of the locations' budgets.</param>
public sealed record FundersCalculation(long PoolCents, IReadOnlyList<FunderRow> Funders)
{
    /// <summary>What is left of the pool for the key to split over the municipalities.</summary>
    public long RestCents => PoolCents - Funders.Sum(f => f.AnnualCents);

    public static FundersCalculation Of(Money pool, IReadOnlyList<(Funder Funder, Money Annual)> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        return new FundersCalculation(pool.Cents, shares.Select(s => new FunderRow(
                s.Funder.Id.Value, s.Funder.Name, s.Funder.Kind.ToString().ToLowerInvariant(), s.Funder.Address, s.Funder.Iban,
                (s.Funder.Share as FunderAmount)?.Amount.Cents, (s.Funder.Share as FunderPercent)?.Percent, s.Annual.Cents))
            .ToList());
    }
}

/// <summary>One funder's share of the year as a run took it.</summary>
/// <param name="Kind">As the scheme file writes it: <c>swv</c>, <c>board</c> or <c>other</c>.</param>
/// <param name="AmountCents">Its share as an amount; null for a percentage.</param>
/// <param name="Percent">Its share as a percentage of the pool; null for an amount.</param>
/// <param name="AnnualCents">Its share of the year in cents (a percentage rounded once, half away from zero).</param>
public sealed record FunderRow(string Id, string Name, string Kind, string Address, string Iban, long? AmountCents, decimal? Percent, long AnnualCents);
