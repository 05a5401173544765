using System.Globalization;
using Beschikbaarheid.Reports.Formatting;

namespace Beschikbaarheid.Reports.Tests.Formatting;

/// <summary>The lines' counts written without a format string say what the format string says.</summary>
public class FiguresTests
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    [Theory]
    // 1,240 child-days: a thousands separator in Dutch, none in the plain form; a fraction keeps up to four decimals.
    [InlineData("1240", "1240", "1.240")]
    [InlineData("999", "999", "999")]
    [InlineData("-31", "-31", "-31")]
    [InlineData("2.5", "2,5", "2,5")]
    [InlineData("0.12345", "0,1235", "0,1235")]
    [InlineData("0", "0", "0")]
    public void WritesACountInDutch(string value, string plain, string grouped)
    {
        var number = decimal.Parse(value, CultureInfo.InvariantCulture);
        Assert.Equal(plain, Figures.Plain(number, Dutch));
        Assert.Equal(grouped, Figures.Grouped(number, Dutch));
    }

    [Fact]
    public void WritesWhatTheFormatStringWrites_ForAnyCount()
    {
        var random = new Random(20261203);
        decimal[] edges = [0m, -0m, 0.0m, 1m, -1m, 999m, -999m, 1000m, -1000m, 1.0m, 12.50m, -0.00001m, decimal.MaxValue, decimal.MinValue, 9_223_372_036_854_775_807m, -9_223_372_036_854_775_808m];
        var samples = edges.Concat(Enumerable.Range(0, 20_000).Select(i => (i % 3) switch
        {
            // Whole counts as the lines have them, with and without a scale (31 and 31.00 are the same count).
            0 => new decimal(random.Next(-5_000, 5_000)) * (random.Next(2) == 0 ? 1m : 1.00m),
            1 => decimal.Round(random.Next(-5_000_000, 5_000_000) / 1000m, random.Next(0, 4)),
            _ => (decimal)random.NextDouble() * random.Next(-100_000, 100_000),
        }));
        foreach (var value in samples)
        {
            foreach (var culture in new[] { CultureInfo.InvariantCulture, Dutch })
            {
                Assert.Equal(value.ToString("0.####", culture), Figures.Plain(value, culture));
                Assert.Equal(value.ToString("#,##0.####", culture), Figures.Grouped(value, culture));
            }
        }
    }
}
