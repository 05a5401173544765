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
