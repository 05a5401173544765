using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Beschikbaarheid.Core.Periods;

/// <summary>A calendar month, the unit of the monthly settlement. Written and parsed as <c>yyyy-MM</c>.</summary>
public readonly record struct YearMonth : IComparable<YearMonth>
{
    public YearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }
    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    public YearMonth Previous => Month == 1 ? new YearMonth(Year - 1, 12) : new YearMonth(Year, Month - 1);
    public YearMonth Next => Month == 12 ? new YearMonth(Year + 1, 1) : new YearMonth(Year, Month + 1);

    public static YearMonth Of(DateOnly date) => new(date.Year, date.Month);

    public static bool TryParse([NotNullWhen(true)] string? text, out YearMonth value)
    {
        value = default;
        if (text is null || text.Length != 7 || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1 || month is < 1 or > 12)
        {
            return false;
        }
        value = new YearMonth(year, month);
        return true;
    }

    public static YearMonth Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a month in the form yyyy-MM.");

    public int CompareTo(YearMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(YearMonth left, YearMonth right) => left.CompareTo(right) < 0;
    public static bool operator >(YearMonth left, YearMonth right) => left.CompareTo(right) > 0;
    public static bool operator <=(YearMonth left, YearMonth right) => left.CompareTo(right) <= 0;
    public static bool operator >=(YearMonth left, YearMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}
