using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>What was settled of one funding year of a scheme, as read under the scheme's lock.</summary>
/// <param name="Months">The months that have an advance run.</param>
/// <param name="LatestFingerprint">The input fingerprint of the year's latest monthly run (the last one stored); null when it has none.</param>
/// <param name="LatestRunPeriod">The month that latest run settled; null when it has none.</param>
/// <param name="Finalizations">How many year ends the year has had.</param>
/// <param name="Closed">Whether its last event is a year end (not followed by a reopening).</param>
public sealed record SettledYearState(int Year, IReadOnlyList<YearMonth> Months, string? LatestFingerprint, YearMonth? LatestRunPeriod, int Finalizations, bool Closed);

/// <summary>An earlier funding year a monthly run computes again.</summary>
public abstract record YearReview(int Year);

/// <summary>These settled months are computed again with the data as it is now; each difference becomes a correction.</summary>
public sealed record CorrectMonths(int Year, IReadOnlyList<YearMonth> Months) : YearReview(Year);

/// <summary>A year with a year end is compared with the data as it is now; a difference is reported, never invoiced by a monthly run.</summary>
public sealed record ReportLateData(int Year, bool Closed) : YearReview(Year);

/// <summary>What a monthly run does besides the month's advances: refused, or the earlier years it reviews.</summary>
/// <param name="Refusal">Why the month cannot be settled; null when it can.</param>
public sealed record MonthlyRun(YearMonth Period, string? Refusal, IReadOnlyList<YearReview> Reviews);

/// <summary>
/// The policy of a monthly run (DOMAIN "Monthly settlement, year end, corrections"), decided from what was
/// read under the scheme's lock and nothing else, so two runs can never both decide to bill the same thing.
/// </summary>
public static class MonthlyRunPolicy
{
    /// <summary>Why the period cannot be settled whatever its inputs are (its year is closed), null when it can.</summary>
    public static string? ClosedYear(string schemeId, YearMonth period, IReadOnlyList<SettledYearState> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        return years.Any(y => y.Year == period.Year && y.Closed)
            ? $"Scheme {schemeId}: {period.Year} is closed by its year end; reopen it first. Nothing issued."
            : null;
    }

    /// <param name="fingerprint">The fingerprint of the period's funding-year inputs as loaded now (<see cref="InputFingerprint"/>).</param>
    /// <param name="years">Every funding year of the scheme with settled months or year ends.</param>
    /// <remarks>
    /// <list type="bullet">
    /// <item>A month of a closed year is refused: a closed year opens again only by a reopening with a reason.</item>
    /// <item>Every settled month before the period, in a year that never had a year end, is computed again.
    /// When the period's year has the fingerprint of its latest run, and that run settled the year's last settled month, that run
    /// corrected every earlier month by these very inputs, so the year is skipped. A run of an earlier month stored last (a month
    /// settled late) corrected only the months before it, so then the year is computed again.</item>
    /// <item>A year with a year end is settled only by another year end: its late data is reported, for the
    /// period's year and the year just ended; older years are settled history.</item>
    /// </list>
    /// </remarks>
    public static MonthlyRun Plan(string schemeId, YearMonth period, string fingerprint, IReadOnlyList<SettledYearState> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        if (ClosedYear(schemeId, period, years) is { } refusal)
        {
            return new MonthlyRun(period, refusal, []);
        }
        var reviews = new List<YearReview>();
        foreach (var year in years.Where(y => y.Year <= period.Year).OrderBy(y => y.Year))
        {
            if (year.Year == period.Year && year.LatestFingerprint == fingerprint && year.Months.Count > 0 && year.LatestRunPeriod == year.Months.Max())
            {
                continue;
            }
            if (year.Finalizations > 0)
            {
                if (year.Year >= period.Year - 1)
                {
                    reviews.Add(new ReportLateData(year.Year, year.Closed));
                }
                continue;
            }
            var months = year.Months.Where(m => m < period).Order().ToList();
            if (months.Count > 0)
            {
                reviews.Add(new CorrectMonths(year.Year, months));
            }
        }
        return new MonthlyRun(period, null, reviews);
    }

    /// <summary>The note a run prints and logs for late data in a year with a year end; null when nothing is outstanding.</summary>
    public static string? LateDataNote(string schemeId, ReportLateData review, IReadOnlyDictionary<PartyCode, Money> outstanding)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(outstanding);
        if (outstanding.Count == 0)
        {
            return null;
        }
        var year = review.Year;
        return $"{schemeId} {year}: data changed after the year end ({string.Join(", ", outstanding.OrderBy(o => o.Key).Select(o => $"{o.Key} € {o.Value}"))}); "
            + (review.Closed
                ? $"the year is closed, so this is reported and not invoiced (reopen --scheme {schemeId} --year {year} --reason TEXT, then finalize)."
                : $"the year is reopened: finalize --scheme {schemeId} --year {year} settles it.");
    }
}
