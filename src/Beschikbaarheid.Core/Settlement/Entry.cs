using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// The period an amount concerns: a month (<c>yyyy-MM</c>) for advances and corrections, a whole funding year
/// (<c>yyyy</c>) for the year end. The journal's <c>periode</c> column writes it.
/// </summary>
public readonly record struct SettledPeriod(int Year, int? Month) : IComparable<SettledPeriod>
{
    public static SettledPeriod Of(YearMonth month) => new(month.Year, month.Month);

    public static SettledPeriod WholeYear(int year) => new(year, null);

    public static SettledPeriod Parse(string text) =>
        YearMonth.TryParse(text, out var month) ? Of(month)
        : text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? WholeYear(year)
        : throw new FormatException($"'{text}' is not a month (yyyy-MM) or a year (yyyy).");

    public int CompareTo(SettledPeriod other) => (Year, Month ?? 13).CompareTo((other.Year, other.Month ?? 13));

    public static bool operator <(SettledPeriod left, SettledPeriod right) => left.CompareTo(right) < 0;
    public static bool operator >(SettledPeriod left, SettledPeriod right) => left.CompareTo(right) > 0;
    public static bool operator <=(SettledPeriod left, SettledPeriod right) => left.CompareTo(right) <= 0;
    public static bool operator >=(SettledPeriod left, SettledPeriod right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        Month is { } month ? new YearMonth(Year, month).ToString() : Year.ToString("0000", CultureInfo.InvariantCulture);
}

/// <summary>
/// One amount a run attributes to a municipality (or a funder that is not one, <see cref="PartyCode.IsFunder"/>) at a
/// school location: what it carries for the period. Every municipality gets entries, the lead's or cashier's own share
/// too, which is counted but never invoiced; <see cref="Invoice"/> names the invoice an entry was billed on once it is issued. Corrections
/// and the year end are computed against the sum of the entries, so they hold for every municipality.
/// </summary>
/// <param name="Reference">The invoice(s) a correction or year end refers to.</param>
public sealed record Entry(
    PartyCode Municipality,
    SchoolLocationId School,
    SettledPeriod Period,
    SettlementKind Kind,
    decimal Basis,
    Money Amount,
    bool Estimated = false,
    string? Reference = null,
    string? Invoice = null)
{
    /// <summary>A year end refers to several invoices: written in one reference, separated by this.</summary>
    public const string ReferenceSeparator = ", ";
}
