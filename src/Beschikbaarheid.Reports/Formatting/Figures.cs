using System.Globalization;

namespace Beschikbaarheid.Reports.Formatting;

/// <summary>
/// Counts as the documents write them on every line: a national month's invoices, e-invoices and journal have 70,000 lines
/// each. A count is nearly always a whole number (child-days, pupils), whose text is its digits; that is written without the
/// custom format string, which is read anew for every call and was the largest single cost of formatting the lines. Each
/// method gives exactly what its format string gives (a test compares them).
/// </summary>
internal static class Figures
{
    /// <summary><c>value.ToString("0.####", culture)</c>: at most four decimals, none when whole, no thousands separator.</summary>
    /// <param name="culture">A culture whose negative sign is <c>-</c> (the invariant culture, nl-NL).</param>
    public static string Plain(decimal value, CultureInfo culture) =>
        // Zero keeps the format: it knows how a negative zero is written.
        value != 0 && decimal.IsInteger(value) && value is > long.MinValue and < long.MaxValue
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("0.####", culture);

    /// <summary><c>value.ToString("#,##0.####", culture)</c>: as <see cref="Plain"/>, with the culture's thousands separator.</summary>
    /// <param name="culture">A culture whose negative sign is <c>-</c> (nl-NL).</param>
    public static string Grouped(decimal value, CultureInfo culture) =>
        // Below a thousand a whole number has no separator to write.
        value != 0 && decimal.IsInteger(value) && value is > -1000 and < 1000
            ? ((int)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("#,##0.####", culture);
}
