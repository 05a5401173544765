using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// One row of a school's estimate (<c>inschattingen</c>): in a funding year, at a location, <paramref name="Children"/>
/// children resident in <paramref name="Residence"/> who each need <paramref name="HoursPerWeek"/> hours a week. Counts,
/// never a child.
/// </summary>
public sealed record EstimateRow(int Year, SchoolLocationId School, MunicipalityCode Residence, int Children, decimal HoursPerWeek)
{
    public decimal WeeklyHours => Children * HoursPerWeek;
}

/// <summary>The care hours a school reports as actually delivered at a location in a funding year (<c>realisatie</c>).</summary>
public sealed record RealisationRow(int Year, SchoolLocationId School, decimal Hours);

/// <summary>
/// What the lead pays the school board (a subsidy advance, a payment after the year end) or claims back from it (a
/// reclaim, <i>terugvordering</i>: a negative amount) in one run. The year end keeps the figures it set the subsidy by.
/// </summary>
/// <param name="Granted">The year's amount by the estimate (the grant).</param>
/// <param name="PaidBefore">What the board was paid for the year before this run (advances, less earlier reclaims).</param>
/// <param name="RealisedHours">Year end: the hours the school realised.</param>
/// <param name="Set">Year end: the subsidy as set, min(grant, realised hours × rate).</param>
public sealed record SubsidyPayment(SubsidyRecipient Recipient, SettledPeriod Period, Money Amount, Money Granted, Money PaidBefore, decimal? RealisedHours = null, Money? Set = null)
{
    public bool IsReclaim => Amount < Money.Zero;
}

/// <summary>
/// An estimate pool under the estimate key (DOMAIN, issue 13): the year's amount is Σ children × hours per week ×
/// hourly rate × school weeks, rounded once; each municipality carries it by its residents' children × hours per week
/// (the split rule), a month by the monthly schedule rule, spread over its locations by its figures there.
/// </summary>
public static class EstimateCosts
{
    /// <summary>The year's estimate at the scheme's locations: its rows, the weekly hours per municipality and location, and the year's amount.</summary>
    public static EstimateYear Year(Scheme scheme, int year, EstimatePool pool, IReadOnlyList<EstimateRow> estimates)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(estimates);
        var terms = scheme.TermsFor(year);
        var rows = estimates.Where(e => e.Year == year && terms.Schools.Contains(e.School)).ToList();
        if (rows.Count == 0 || rows.Sum(r => r.WeeklyHours) <= 0)
        {
            throw new SettlementInputException(
                $"Scheme {scheme.Id} has no estimate for {year}; import one first (import inschattingen FILE --scheme {scheme.Id}). Nothing issued.");
        }
        var outsiders = rows.Select(r => r.Residence).Distinct().Where(m => !terms.Participants.Contains(m)).Order().ToList();
        if (outsiders.Count > 0)
        {
            throw new SettlementInputException(
                $"Scheme {scheme.Id}: the estimate of {year} names {string.Join(", ", outsiders)}, not {(outsiders.Count == 1 ? "a participant" : "participants")} in {year}; "
                + "an estimate pool is split over its participants only. Add them to participants or correct the estimate. Nothing issued.");
        }
        var weights = rows.GroupBy(r => (r.Residence, r.School)).ToDictionary(g => g.Key, g => (Hours: g.Sum(r => r.WeeklyHours), Children: g.Sum(r => r.Children)));
        var total = rows.Sum(r => r.WeeklyHours);
        var amount = pool.AmountOf(total);
        var shares = Split.ByWeights(amount, weights.GroupBy(w => w.Key.Residence).Select(g => KeyValuePair.Create(g.Key, g.Sum(w => w.Value.Hours))));
        return new EstimateYear(year, amount, total, weights, shares);
    }

    /// <summary>The month: each municipality's monthly schedule of its share, spread over its locations by its weekly hours there.</summary>
    internal static Costs Calculate(Scheme scheme, YearMonth period, EstimatePool pool, IReadOnlyList<EstimateRow> estimates)
    {
        var year = Year(scheme, period.Year, pool, estimates);
        var costs = new List<CostShare>();
        foreach (var (municipality, share) in year.Shares)
        {
            var locations = year.Weights.Where(w => w.Key.Residence == municipality).ToDictionary(w => w.Key.School, w => w.Value.Hours);
            var month = Split.ByWeights(MonthlySchedule.ForMonth(share, period.Month), locations);
            var annual = Split.ByWeights(share, locations);
            costs.AddRange(locations.Keys.Order().Select(school => new CostShare(school, municipality, locations[school], month[school], annual[school])));
        }
        return new Costs(
            BasisUnit.HoursPerWeek,
            costs,
            year.Weights.GroupBy(w => w.Key.Residence).ToDictionary(g => g.Key, g => g.Sum(w => w.Value.Children)),
            year.Weights.GroupBy(w => w.Key.School).ToDictionary(g => g.Key, g => g.Sum(w => w.Value.Children)),
            [])
        {
            Calculation = CalculationOf(pool, year),
        };
    }

    /// <summary>The figures an invoice shows to redo the month: rate, weeks, the estimate's weekly hours and the year's amount.</summary>
    public static RunCalculation CalculationOf(EstimatePool pool, EstimateYear year)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(year);
        return new RunCalculation(CalculationMethod.EstimateByHours, HourlyRate: pool.HourlyRate, SchoolWeeks: pool.SchoolWeeks, BudgetCents: year.Amount.Cents, EstimateHoursPerWeek: year.WeeklyHours);
    }

    /// <summary>
    /// The board's advance in month k: the monthly schedule of the year's amount Y (as the estimate is now) for month k, plus for the
    /// months of the year settled before (<paramref name="settledBefore"/>) what their schedule of Y comes to, less what the board was
    /// paid for the year so far. With an unchanged estimate this is month k of the schedule (twelve months pay Y exactly); a changed
    /// estimate is caught up for the settled months, as the municipalities' corrections are. Months never settled are never paid.
    /// </summary>
    public static Money Advance(Money yearAmount, int month, IEnumerable<int> settledBefore, Money paidBefore)
    {
        ArgumentNullException.ThrowIfNull(settledBefore);
        var due = Money.Sum(settledBefore.Where(m => m != month).Distinct().Append(month).Select(m => MonthlySchedule.ForMonth(yearAmount, m)));
        return due - paidBefore;
    }

    /// <summary>
    /// The year end of an estimate pool: the subsidy is set at min(grant, realised hours × rate); each municipality carries its share
    /// of the set amount (split rule by the estimate's figures, spread over its locations by them), entries of the whole year that
    /// <see cref="YearEnd.For(int, IEnumerable{Entry}, SettledYear)"/> sets against what it was invoiced.
    /// </summary>
    /// <returns>The annual entries and the set amount; refused without a realisation of the year.</returns>
    public static (IReadOnlyList<Entry> Annual, Money Set, decimal RealisedHours, EstimateYear Estimate) SetYear(
        Scheme scheme, int year, EstimatePool pool, IReadOnlyList<EstimateRow> estimates, IReadOnlyList<RealisationRow> realisation)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(realisation);
        var estimate = Year(scheme, year, pool, estimates);
        var terms = scheme.TermsFor(year);
        var realised = realisation.Where(r => r.Year == year && terms.Schools.Contains(r.School)).ToList();
        if (realised.Count == 0)
        {
            throw new SettlementInputException(
                $"Scheme {scheme.Id}: {year} has no realisation, and an estimate pool's year end sets the subsidy by it; import the school's realised hours first "
                + $"(import realisatie FILE --scheme {scheme.Id}). Nothing issued.");
        }
        var hours = realised.Sum(r => r.Hours);
        var realisedAmount = pool.RealisedAmountOf(hours);
        var set = realisedAmount < estimate.Amount ? realisedAmount : estimate.Amount;
        var shares = set == Money.Zero
            ? estimate.Shares.ToDictionary(s => s.Key, _ => Money.Zero)
            : Split.ByWeights(set, estimate.Weights.GroupBy(w => w.Key.Residence).Select(g => KeyValuePair.Create(g.Key, g.Sum(w => w.Value.Hours))));
        var wholeYear = SettledPeriod.WholeYear(year);
        var entries = new List<Entry>();
        foreach (var (municipality, share) in shares.OrderBy(s => s.Key))
        {
            var locations = estimate.Weights.Where(w => w.Key.Residence == municipality).ToDictionary(w => w.Key.School, w => w.Value.Hours);
            var perLocation = Split.ByWeights(share, locations);
            entries.AddRange(locations.Keys.Order().Select(school => new Entry(municipality, school, wholeYear, SettlementKind.Vaststelling, locations[school], perLocation[school])));
        }
        return (entries, set, hours, estimate);
    }
}

/// <summary>A year's estimate: the amount, the weekly hours in total and per municipality and location (with the children), and each municipality's share.</summary>
public sealed record EstimateYear(
    int Year,
    Money Amount,
    decimal WeeklyHours,
    IReadOnlyDictionary<(MunicipalityCode Residence, SchoolLocationId School), (decimal Hours, int Children)> Weights,
    IReadOnlyDictionary<MunicipalityCode, Money> Shares);
