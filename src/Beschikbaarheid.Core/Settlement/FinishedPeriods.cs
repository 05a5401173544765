using System.Globalization;
using Beschikbaarheid.Core.Periods;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// Only finished periods are settled: a month (and a funding year) is invoiced only once it has ended by the
/// invoice date. A period has ended by a date that is on or after its last day: an invoice may be dated on the
/// last day of the month it settles (31 March for March), never before. The one rule for <c>settle</c>, the
/// scheduled settlement, the demo and the year end (<c>finalize</c>, whose last day is 31 December); pure, the
/// date is given by the caller (today in the region's time zone unless an invoice date is given).
/// </summary>
public static class FinishedPeriods
{
    /// <summary>Whether <paramref name="month"/> has ended by <paramref name="date"/>: <paramref name="date"/> is on or after its last day.</summary>
    public static bool HasEnded(YearMonth month, DateOnly date) => date >= month.LastDay;

    /// <summary>Whether funding year <paramref name="year"/> has ended by <paramref name="date"/>: <paramref name="date"/> is on or after 31 December.</summary>
    public static bool HasEnded(int year, DateOnly date) => date >= LastDayOf(year);

    /// <summary>
    /// The latest complete month on <paramref name="today"/>: the month before today's. What the scheduled settlement
    /// (and <c>status</c>) settles up to: its last day lies before today, so it has always ended by today's invoice
    /// date. On a month's own last day the month may be settled by hand (<c>settle</c>), not by the schedule.
    /// </summary>
    public static YearMonth LatestComplete(DateOnly today) => YearMonth.Of(today).Previous;

    /// <summary>Why <paramref name="month"/> cannot be settled with invoices dated <paramref name="invoiceDate"/>; null when it can.</summary>
    /// <param name="invoiceDateGiven">Whether the date was given (<c>--invoice-date</c>) rather than today's, to name it so.</param>
    public static string? MonthRefusal(string schemeId, YearMonth month, DateOnly invoiceDate, bool invoiceDateGiven) =>
        HasEnded(month, invoiceDate)
            ? null
            : invoiceDateGiven
                ? $"Scheme {schemeId}: the invoice date {Format(invoiceDate)} is before the last day of {month} ({Format(month.LastDay)}); "
                    + $"a month is invoiced only once it has ended. Nothing issued."
                : $"Scheme {schemeId}: {month} has not ended by today, {Format(invoiceDate)}; it can be settled from {Format(month.LastDay)}, its last day. Nothing issued.";

    /// <summary>Why the year end of <paramref name="year"/> cannot be issued with invoices dated <paramref name="invoiceDate"/>; null when it can.</summary>
    /// <param name="invoiceDateGiven">Whether the date was given (<c>--invoice-date</c>) rather than today's, to name it so.</param>
    public static string? YearRefusal(string schemeId, int year, DateOnly invoiceDate, bool invoiceDateGiven) =>
        HasEnded(year, invoiceDate)
            ? null
            : invoiceDateGiven
                ? $"Scheme {schemeId}: the invoice date {Format(invoiceDate)} is before the last day of {year} ({Format(LastDayOf(year))}); "
                    + $"a year end is issued only once the year has ended. Nothing issued."
                : $"Scheme {schemeId}: {year} has not ended by today, {Format(invoiceDate)}; its year end can be issued from {Format(LastDayOf(year))}, its last day. Nothing issued.";

    private static DateOnly LastDayOf(int year) => new(year, 12, 31);

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
