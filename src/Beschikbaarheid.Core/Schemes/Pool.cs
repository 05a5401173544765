namespace Beschikbaarheid.Core.Schemes;

/// <summary>How much money a scheme spends per funding year (DOMAIN "A scheme is a pool, a key and a flow").</summary>
public abstract record Pool;

/// <summary>
/// Every eligible child costs a fixed annual amount, norm hours per week × hourly rate × school weeks,
/// prorated by the days its beschikking is active. Eligible: law JW, resident in a participating
/// municipality, at a scheme school, hours per week strictly below the threshold.
/// </summary>
public sealed record PerChildPool(decimal ThresholdHoursPerWeek, decimal NormHoursPerWeek, decimal HourlyRate, int SchoolWeeks) : Pool
{
    /// <summary>The exact annual amount per child in cents; not rounded, since it is only ever prorated.</summary>
    public decimal AnnualCentsPerChild => NormHoursPerWeek * HourlyRate * SchoolWeeks * 100m;
}

/// <summary>The cost of one FTE of a care category in a funding year.</summary>
public sealed record CareCategory(string Code, Arithmetic.Money CostPerFte);

/// <summary>
/// Σ over school locations and care categories of FTE × cost per FTE, the FTE being each location's
/// drawing right (<i>trekkingsrecht</i>) computed from historical beschikkingen and pupil counts
/// (DOMAIN "Trekkingsrecht", steps 1–9).
/// </summary>
/// <param name="ReferenceYears">Complete school years before the funding year that form the reference window.</param>
/// <param name="DirectHoursPerFte">Client hours per week one FTE delivers.</param>
/// <param name="UpliftPct">Start-up raise, 0.10 for 10%, in the first <paramref name="UpliftYears"/> funding years.</param>
/// <param name="ProductCategories">iJw product category (e.g. "45") → care category (e.g. "JZ").</param>
/// <param name="Cap">The most the scheme spends in a year; null for no cap.</param>
/// <param name="FixedFte">Location → category → FTE that replaces the computed figure.</param>
/// <param name="MaskedCountValue">The value of a DUO count masked as &lt;5 in the growth step.</param>
public sealed record DrawingRightsPool(
    int ReferenceYears,
    decimal DirectHoursPerFte,
    decimal UpliftPct,
    int UpliftYears,
    IReadOnlyDictionary<string, CareCategory> Categories,
    IReadOnlyDictionary<string, string> ProductCategories,
    Arithmetic.Money? Cap,
    IReadOnlyDictionary<Registry.SchoolLocationId, IReadOnlyDictionary<string, decimal>> FixedFte,
    decimal MaskedCountValue) : Pool;

/// <summary>How a fixed budget is divided over the locations that host the scheme's helpers.</summary>
public abstract record HostSplit
{
    /// <summary>The weights the cashier's payouts are split by, per host location.</summary>
    public abstract IReadOnlyDictionary<Registry.SchoolLocationId, decimal> Weights { get; }
}

/// <summary>Each host location weighs by the FTE it hosts.</summary>
public sealed record HostsByFte(IReadOnlyDictionary<Registry.SchoolLocationId, decimal> Fte) : HostSplit
{
    public override IReadOnlyDictionary<Registry.SchoolLocationId, decimal> Weights => Fte;
}

/// <summary>Each host location has an agreed amount; the amounts add up to the budget of every year they apply to.</summary>
public sealed record HostsByAmounts(IReadOnlyDictionary<Registry.SchoolLocationId, Arithmetic.Money> Amounts) : HostSplit
{
    public override IReadOnlyDictionary<Registry.SchoolLocationId, decimal> Weights =>
        Amounts.ToDictionary(a => a.Key, a => (decimal)a.Value.Cents);
}

/// <summary>No host locations: a fixed budget under the funder flow is not paid out to hosts.</summary>
public sealed record NoHosts : HostSplit
{
    public override IReadOnlyDictionary<Registry.SchoolLocationId, decimal> Weights { get; } = new Dictionary<Registry.SchoolLocationId, decimal>();
}

/// <summary>
/// An agreed annual amount per funding year, split as a whole by the key over all the scheme's locations,
/// and paid out to the municipalities hosting the locations by <paramref name="Hosts"/>.
/// </summary>
public sealed record FixedBudgetPool(IReadOnlyDictionary<int, Arithmetic.Money> Amounts, HostSplit Hosts) : Pool
{
    /// <summary>The budget of a funding year; a year without an agreed amount cannot be settled.</summary>
    public Arithmetic.Money? BudgetFor(int year) => Amounts.TryGetValue(year, out var amount) ? amount : null;
}

/// <summary>
/// A subsidy sized from a school's own estimate (Tilburg): the year's amount is Σ over the estimate's rows of
/// children × hours per week, × <paramref name="HourlyRate"/> × <paramref name="SchoolWeeks"/>, in cents, rounded once
/// (half away from zero). The estimate is imported per scheme (<c>import inschattingen</c>); the year end sets the
/// subsidy at the lower of the grant and the realised hours × the rate (<c>import realisatie</c>).
/// </summary>
public sealed record EstimatePool(decimal HourlyRate, int SchoolWeeks) : Pool
{
    /// <summary>The year's amount of <paramref name="weeklyHours"/> (Σ children × hours per week): rounded once, half away from zero.</summary>
    public Arithmetic.Money AmountOf(decimal weeklyHours) => Arithmetic.Money.RoundHalfAwayFromZero(weeklyHours * HourlyRate * SchoolWeeks * 100m);

    /// <summary>What <paramref name="hours"/> realised hours cost at the hourly rate: rounded once, half away from zero.</summary>
    public Arithmetic.Money RealisedAmountOf(decimal hours) => Arithmetic.Money.RoundHalfAwayFromZero(hours * HourlyRate * 100m);
}
