using Beschikbaarheid.Data.Import;

namespace Beschikbaarheid.Data.Tests.Import;

/// <summary>
/// A date field is yyyy-MM-dd, dd-MM-yyyy or d-M-yyyy, nothing else; the two ten-character forms are read digit by
/// digit and must say exactly what the exact parser says.
/// </summary>
public sealed class DateFieldTests
{
    [Theory]
    [InlineData("2026-03-01", 2026, 3, 1)]
    [InlineData("01-03-2026", 2026, 3, 1)]
    [InlineData("1-3-2026", 2026, 3, 1)]
    [InlineData(" 2024-02-29\t", 2024, 2, 29)] // 2024 is a leap year; spaces and tabs around a value are trimmed
    [InlineData("29-02-2024", 2024, 2, 29)]
    [InlineData("31-12-2100", 2100, 12, 31)]
    public void A_date_in_one_of_the_three_forms_is_read(string text, int year, int month, int day)
    {
        Assert.True(Fields.TryDate(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("2026-02-29")] // 2026 is not a leap year
    [InlineData("31-04-2026")] // April has 30 days
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("00-01-2026")]
    [InlineData("0000-01-01")] // there is no year 0
    [InlineData("2026/03/01")]
    [InlineData("2026-3-01")] // yyyy-MM-dd has two-digit months
    [InlineData("20260301")]
    [InlineData("2026-03-0a")]
    [InlineData("\u00a02026-03-01")] // a no-break space is not trimmed
    [InlineData("")]
    public void Anything_else_is_not_a_date(string text) =>
        Assert.False(Fields.TryDate(text, out _));

    [Fact]
    public void Every_day_of_a_leap_and_a_common_year_reads_the_same_in_both_ten_character_forms()
    {
        foreach (var first in new[] { new DateOnly(2024, 1, 1), new DateOnly(2026, 1, 1) })
        {
            for (var day = first; day.Year == first.Year; day = day.AddDays(1))
            {
                Assert.True(Fields.TryDate($"{day.Year:0000}-{day.Month:00}-{day.Day:00}", out var iso));
                Assert.True(Fields.TryDate($"{day.Day:00}-{day.Month:00}-{day.Year:0000}", out var dutch));
                Assert.Equal(day, iso);
                Assert.Equal(day, dutch);
            }
        }
    }
}
