using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Inventory;

/// <summary>
/// One line of the care-hours inventory: the Jeugdwet care at one school location by one provider in one care
/// category for the residents of one municipality, over a calendar year.
/// </summary>
/// <param name="Children">Distinct children (pseudonymous client ids) with at least one active day in the year.</param>
/// <param name="HoursPerWeek">Average hours per week over the year: Σ hours per week × days active in the year ÷ days in
/// the year, over every beschikking of the line (two beschikkingen of one child are two care assignments: their hours add),
/// rounded once to 2 decimals, half away from zero.</param>
public sealed record InventoryLine(
    SchoolLocationId School, string Provider, string Category, MunicipalityCode Residence, int Children, decimal HoursPerWeek)
{
    /// <summary>A count of 1–4 children is never shown: it reads <c>&lt;5</c>, so no child can be singled out.</summary>
    public bool Masked => CareInventory.IsMasked(Children);
}

/// <summary>
/// The care-hours inventory (issue 15, point 2): which Jeugdwet care is delivered at which school, by which
/// provider, how many hours. Pure: the same beschikkingen and year give the same lines.
/// </summary>
/// <remarks>
/// Only Jeugdwet beschikkingen count: the inventory is the basis for availability funding, which is municipal
/// (Jeugdwet) money; WLZ and ZVW care is not the municipalities' to pool.
/// A child counts once per line however many beschikkingen it has there, but its hours add: two beschikkingen
/// are two care assignments (e.g. 4 h and 2 h a week from one provider are 6 h a week), also when they overlap.
/// A beschikking straddling the year's edge counts only its days inside the year.
/// </remarks>
public static class CareInventory
{
    public const int MaskBelow = 5;

    public static bool IsMasked(int children) => children is > 0 and < MaskBelow;

    public static IReadOnlyList<InventoryLine> Calculate(IEnumerable<Beschikking> beschikkingen, int year)
    {
        ArgumentNullException.ThrowIfNull(beschikkingen);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var daysInYear = last.DayNumber - first.DayNumber + 1;
        var lines = new List<InventoryLine>();
        foreach (var line in beschikkingen
                     .Where(b => b.Law == Law.JW)
                     .Select(b => (Beschikking: b, Days: b.Active.DaysWithin(first, last)))
                     .Where(b => b.Days > 0)
                     .GroupBy(b => (b.Beschikking.School, b.Beschikking.Provider, b.Beschikking.Category, b.Beschikking.Residence)))
        {
            var children = line.Select(b => b.Beschikking.Client).Distinct(StringComparer.Ordinal).Count();
            // Exact: Σ hours × days first, one division and one rounding per line.
            var hours = line.Sum(b => b.Beschikking.HoursPerWeek * b.Days) / daysInYear;
            lines.Add(new InventoryLine(line.Key.School, line.Key.Provider, line.Key.Category, line.Key.Residence, children,
                Math.Round(hours, 2, MidpointRounding.AwayFromZero)));
        }
        return lines
            .OrderBy(l => l.School).ThenBy(l => l.Provider, StringComparer.Ordinal).ThenBy(l => l.Category, StringComparer.Ordinal).ThenBy(l => l.Residence)
            .ToList();
    }
}
