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
    /// <summary>A week has 168 hours: no beschikking, in hours per week or as a converted volume, holds more.</summary>
    public const decimal HoursInAWeek = 168m;

    private const decimal HoursPerDagdeel = 4m;

    /// <returns>
    /// Hours per week, or null with the reason in <paramref name="reason"/>. The volume must be above 0 and at most
    /// what its unit and frequency allow in a week of 168 hours (<see cref="MaximumVolume"/>), so the result is
    /// above 0 and at most 168 and the arithmetic cannot overflow.
    /// </returns>
    public static decimal? HoursPerWeek(decimal volume, string unit, string frequency, ActivePeriod assignment, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(frequency);
        reason = null;
        if (unit is not ("01" or "04" or "16"))
        {
            reason = unit switch
            {
                "14" => "eenheid 14 (etmaal) cannot become hours per week",
                "83" => "eenheid 83 (euro) cannot become hours per week",
                _ => $"eenheid '{unit}' is not one of 01 (minuut), 04 (uur), 16 (dagdeel)",
            };
            return null;
        }
        int? days = frequency switch
        {
            "1" => 1,
            "2" => 7,
            "4" => 0, // a month: 52/12 weeks, handled below
            "6" when assignment.End is { } end => end.DayNumber - assignment.Start.DayNumber + 1,
            _ => null,
        };
        if (days is null)
        {
            reason = frequency == "6"
                ? "frequentie 6 (totaal binnen de toewijzing) needs an einddatum to spread the total over"
                : $"frequentie '{frequency}' is not one of 1 (per dag), 2 (per week), 4 (per maand), 6 (totaal)";
            return null;
        }
        var maximum = MaximumVolume(unit, frequency, days.Value);
        if (volume <= 0 || volume > maximum)
        {
            reason = $"volume {volume} is out of bounds: {UnitName(unit)} {FrequencyName(frequency)} must be above 0 and at most {maximum} (168 hours a week)";
            return null;
        }
        var perPeriod = unit switch
        {
            "01" => volume / 60m,
            "04" => volume,
            _ => volume * HoursPerDagdeel,
        };
        return frequency switch
        {
            "1" => perPeriod * 7m,
            "2" => perPeriod,
            "4" => perPeriod * 12m / 52m,
            _ => perPeriod * 7m / days.Value,
        };
    }

    /// <summary>
    /// The largest volume of a unit and frequency that stays within 168 hours a week: per day 1,440 minutes, 24 hours
    /// or 6 dagdelen; per week 7 times that; per month 52/12 weeks (43,680 minutes, 728 hours, 182 dagdelen); in total
    /// the per-day figure times the toewijzing's days.
    /// </summary>
    private static decimal MaximumVolume(string unit, string frequency, int days)
    {
        var perDay = unit switch
        {
            "01" => 1440m,
            "04" => 24m,
            _ => 24m / HoursPerDagdeel,
        };
        return frequency == "4" ? perDay * 364m / 12m : perDay * days;
    }

    private static string UnitName(string unit) => unit switch
    {
        "01" => "minutes",
        "04" => "hours",
        _ => "dagdelen",
    };

    private static string FrequencyName(string frequency) => frequency switch
    {
        "1" => "per day",
        "2" => "per week",
        "4" => "per month",
        _ => "in total over the toewijzing",
    };
}
