using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.DrawingRights;

/// <summary>
/// The drawing right of one school location in one care category for a funding year, with every step
/// that led to it so a school board can follow the figure.
/// </summary>
/// <param name="HistoricalHours">Step 2: time-weighted client hours per week in the reference window.</param>
/// <param name="BaseFte">Step 3: <paramref name="HistoricalHours"/> / direct hours per FTE.</param>
/// <param name="PupilsNow">Step 4: pupils on the Peildatum before the funding year (null when unknown).</param>
/// <param name="PupilsThen">Step 4: pupils on the Peildatum inside the window's first school year.</param>
/// <param name="PupilsEstimated">A count in step 4 included DUO's &lt;5 mask, valued by the scheme setting.</param>
/// <param name="GrowthFactor">Step 4: now / then, or 1 when either count is missing or zero.</param>
/// <param name="UpliftFactor">Step 5: 1 + uplift in the first funding years, else 1.</param>
/// <param name="Fixed">Step 6: the scheme fixes this figure; steps 2–5 do not apply.</param>
/// <param name="CapFactor">Step 8: cap / total when the total exceeded the cap, else 1.</param>
/// <param name="Fte">Step 7: FTE rounded to two decimals (within the cap).</param>
/// <param name="Budget">Step 7: <paramref name="Fte"/> × cost per FTE, in cents.</param>
public sealed record DrawingRight(
    SchoolLocationId School,
    string Category,
    decimal HistoricalHours,
    decimal BaseFte,
    decimal? PupilsNow,
    decimal? PupilsThen,
    bool PupilsEstimated,
    decimal GrowthFactor,
    decimal UpliftFactor,
    bool Fixed,
    decimal CapFactor,
    decimal Fte,
    Money Budget);
