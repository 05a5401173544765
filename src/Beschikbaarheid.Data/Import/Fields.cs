using System.Globalization;

namespace Beschikbaarheid.Data.Import;

/// <summary>Field formats of Dutch exports: decimal comma or point, dates yyyy-MM-dd or dd-MM-yyyy.</summary>
public static class Fields
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy"];

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// "5,5" and "5.5" are both 5.5. With both marks present the last one is the decimal mark and the
    /// other groups thousands ("1.234,50" and "1,234.50").
    /// </summary>
    public static bool TryDecimal(string text, out decimal value)
    {
        var s = text.Trim();
        var comma = s.LastIndexOf(',');
        var point = s.LastIndexOf('.');
        if (comma >= 0 && point >= 0)
        {
            s = comma > point ? s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : s.Replace(",", "", StringComparison.Ordinal);
        }
        else if (comma >= 0)
        {
            s = s.Replace(',', '.');
        }
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
