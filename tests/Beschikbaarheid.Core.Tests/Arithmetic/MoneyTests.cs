using Beschikbaarheid.Core.Arithmetic;

namespace Beschikbaarheid.Core.Tests.Arithmetic;

public class MoneyTests
{
    [Theory]
    [InlineData("0.5", 1)]    // half a cent rounds up, not to even (banker's rounding would give 0)
    [InlineData("2.5", 3)]    // banker's rounding would give 2
    [InlineData("-2.5", -3)]  // away from zero on the negative side too
    [InlineData("2.4999", 2)]
    public void RoundHalfAwayFromZero_RoundsMidpointsAwayFromZero(string exactCents, long expected) =>
        Assert.Equal(new Money(expected), Money.RoundHalfAwayFromZero(decimal.Parse(exactCents, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void FromEuros_RefusesFractionsOfACent() =>
        Assert.Throws<ArgumentException>(() => Money.FromEuros(1.005m));

    [Fact]
    public void ToString_WritesEurosWithDecimalPointAndTwoDecimals()
    {
        // 123456 cents = 1234.56 euros; -5 cents = -0.05.
        Assert.Equal("1234.56", new Money(123456).ToString());
        Assert.Equal("-0.05", new Money(-5).ToString());
    }

    /// <summary>Written from the cents, it says what the decimal format "0.00" says of the euros, for any number of cents.</summary>
    [Fact]
    public void ToString_IsTheEurosInTheFormat000()
    {
        long[] edges = [0, 1, -1, 9, -9, 10, 99, -99, 100, -100, 101, 123456, -123456, long.MaxValue, long.MinValue, long.MinValue + 1];
        var random = new Random(20261203);
        var samples = edges.Concat(Enumerable.Range(0, 20_000).Select(i => i % 2 == 0 ? random.NextInt64(-1_000_000_000, 1_000_000_000) : random.NextInt64(long.MinValue, long.MaxValue)));
        foreach (var cents in samples)
        {
            Assert.Equal((cents / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), new Money(cents).ToString());
        }
    }

    [Fact]
    public void DayProration_UsesActualDaysOfTheYear()
    {
        // 1,375,000 cents a year (5.5 h × € 62.50 × 40 weeks) for the 29 days of February:
        // 2026: 1,375,000 × 28 / 365 = 105,479.45 → 105,479; 2028 (leap): 1,375,000 × 29 / 366 = 108,948.09 → 108,948.
        Assert.Equal(new Money(105_479), DayProration.LineAmount(1_375_000m, 28, 2026));
        Assert.Equal(new Money(108_948), DayProration.LineAmount(1_375_000m, 29, 2028));
    }

    [Fact]
    public void DayProration_RoundsAnExactHalfCentAwayFromZero()
    {
        // 182.5 cents a year for 1 day of 365 = 0.5 cent exactly → 1 cent.
        Assert.Equal(new Money(1), DayProration.LineAmount(182.5m, 1, 2026));
        // Whole cents a year: 183 cents for 1 day of 366 (2028) = 0.5 cent → 1; 1,375,000 × 183 / 366 = 687,500 exactly;
        // 549 cents for 1 day of 366 = 1.5 cents → 2.
        Assert.Equal((new Money(1), new Money(687_500), new Money(2)),
            (DayProration.LineAmount(183m, 1, 2028), DayProration.LineAmount(1_375_000m, 183, 2028), DayProration.LineAmount(549m, 1, 2028)));
    }
}
