using Beschikbaarheid.Core.Periods;

namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// The iJw JW301 <c>Omvang</c> of a toewijzing (volume + eenheid + frequentie) as client hours per week.
/// Units: 01 minuut, 04 uur, 16 dagdeel (= 4 hours); 14 etmaal and 83 euro cannot become hours and are
/// refused, not guessed. Frequencies: 1 per dag (7 a week), 2 per week, 4 per maand (12 months over 52
/// weeks), 6 in total over the whole assignment (spread over its days, which needs an end date).
/// </summary>
public static class IjwVolume
{
    private const decimal HoursPerDagdeel = 4m;

    /// <returns>Hours per week, or null with the reason in <paramref name="reason"/>.</returns>
    public static decimal? HoursPerWeek(decimal volume, string unit, string frequency, ActivePeriod assignment, out string? reason)
    {
        reason = null;
        if (volume < 0)
        {
            reason = $"volume {volume} is negative";
            return null;
        }
        decimal? hours = unit switch
        {
            "01" => volume / 60m,
            "04" => volume,
            "16" => volume * HoursPerDagdeel,
            _ => null,
        };
        if (hours is null)
        {
            reason = unit switch
            {
                "14" => "eenheid 14 (etmaal) cannot become hours per week",
                "83" => "eenheid 83 (euro) cannot become hours per week",
                _ => $"eenheid '{unit}' is not one of 01 (minuut), 04 (uur), 16 (dagdeel)",
            };
            return null;
        }
        switch (frequency)
        {
            case "1":
                return hours * 7m;
            case "2":
                return hours;
            case "4":
                return hours * 12m / 52m;
            case "6" when assignment.End is { } end:
                return hours * 7m / (end.DayNumber - assignment.Start.DayNumber + 1);
            case "6":
                reason = "frequentie 6 (totaal binnen de toewijzing) needs an einddatum to spread the total over";
                return null;
            default:
                reason = $"frequentie '{frequency}' is not one of 1 (per dag), 2 (per week), 4 (per maand), 6 (totaal)";
                return null;
        }
    }
}
