using System.Globalization;

namespace Beschikbaarheid.Data.Import;

/// <summary>What reading a number field found: a number, something that is not a number, or a number too large to hold.</summary>
public enum NumberField { Number, NotANumber, TooLarge }

/// <summary>
/// Field formats of Dutch exports: decimal comma or point, dates yyyy-MM-dd or dd-MM-yyyy, and the range every
/// date of an input file must lie in.
/// </summary>
public static class Fields
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy"];

    /// <summary>The earliest date an input file may carry (a Peildatum, ingangsdatum or einddatum).</summary>
    public static readonly DateOnly EarliestDate = new(1990, 1, 1);

    /// <summary>The latest date an input file may carry.</summary>
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>Only spaces and tabs around a value are trimmed: a no-break space is not white space to a value, and refuses it.</summary>
    private static readonly char[] OrdinaryWhiteSpace = [' ', '\t'];

    /// <summary>Reads the format only; whether the date lies between <see cref="EarliestDate"/> and <see cref="LatestDate"/> is <see cref="InRange"/>.</summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().Trim(OrdinaryWhiteSpace);
        // The two common forms read digit by digit: a national file has 400,000 dates, and the culture-aware
        // parser spent half a second on them. Anything else, and every invalid date, goes the exact parser's way.
        if (trimmed.Length == 10 && (Digits(trimmed, 0, 4) is { } y1 && trimmed[4] == '-' && Digits(trimmed, 5, 2) is { } m1 && trimmed[7] == '-' && Digits(trimmed, 8, 2) is { } d1
                ? Valid(y1, m1, d1, out date)
                : Digits(trimmed, 0, 2) is { } d2 && trimmed[2] == '-' && Digits(trimmed, 3, 2) is { } m2 && trimmed[5] == '-' && Digits(trimmed, 6, 4) is { } y2 && Valid(y2, m2, d2, out date)))
        {
            return true;
        }
        return DateOnly.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

        static int? Digits(ReadOnlySpan<char> s, int start, int length)
        {
            var value = 0;
            foreach (var c in s.Slice(start, length))
            {
                if (c is < '0' or > '9')
                {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        static bool Valid(int year, int month, int day, out DateOnly date)
        {
            var valid = year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
            date = valid ? new DateOnly(year, month, day) : default;
            return valid;
        }
    }

    public static bool InRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>
    /// A decimal number: ASCII digits with at most one decimal mark, a comma or a point, with a digit on both
    /// sides ("5,5" and "5.5" are both 5.5), and an optional leading minus. No thousands separators: "1.234,50",
    /// "1.2,3", "4," and ",5" are not numbers, because one of them would have to be guessed. A number of this
    /// form that a decimal cannot hold (more than 28 digits) is <see cref="NumberField.TooLarge"/>, not
    /// "not a number", so the caller reports it as out of bounds.
    /// </summary>
    public static NumberField ReadDecimal(string text, out decimal value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0m;
        var s = text.Trim(OrdinaryWhiteSpace);
        var digits = s.StartsWith('-') ? s.AsSpan(1) : s.AsSpan();
        var mark = digits.IndexOfAny(',', '.');
        var whole = mark < 0 ? digits : digits[..mark];
        var fraction = mark < 0 ? [] : digits[(mark + 1)..];
        if (whole.Length == 0 || (mark >= 0 && fraction.Length == 0)
            || whole.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9'))
        {
            return NumberField.NotANumber;
        }
        var invariant = mark < 0 ? s : s.Replace(',', '.');
        return decimal.TryParse(invariant, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            ? NumberField.Number
            : NumberField.TooLarge;
    }
}
