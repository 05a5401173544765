using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Tests.Registry;

public class IjwVolumeTests
{
    private static readonly ActivePeriod Open = new(new DateOnly(2026, 1, 1), null);

    private static decimal Hours(decimal volume, string unit, string frequency, ActivePeriod? assignment = null)
    {
        var hours = IjwVolume.HoursPerWeek(volume, unit, frequency, assignment ?? Open, out var reason);
        Assert.True(hours is not null, reason);
        return hours!.Value;
    }

    [Fact]
    public void MinutesPerDay_AreSevenDaysAWeek() =>
        // 30 minutes a day = 0.5 h × 7 days = 3.5 h/week.
        Assert.Equal(3.5m, Hours(30, "01", "1"));

    [Fact]
    public void HoursPerWeek_AreTakenAsTheyAre() =>
        Assert.Equal(6m, Hours(6, "04", "2"));

    [Fact]
    public void Dagdelen_AreFourHoursEach() =>
        // 2 dagdelen a week = 8 h/week.
        Assert.Equal(8m, Hours(2, "16", "2"));

    [Fact]
    public void HoursPerMonth_AreTwelveMonthsOverFiftyTwoWeeks() =>
        // 13 h a month × 12 / 52 = 3 h/week.
        Assert.Equal(3m, Hours(13, "04", "4"));

    [Fact]
    public void TotalOverTheAssignment_IsSpreadOverItsWeeks()
    {
        // 120 hours from 1 Feb to 30 Apr 2026: 28 + 31 + 30 = 89 days; 120 × 7 / 89 = 9.438... h/week.
        // 70 hours from 1 Mar to 9 May 2026: 31 + 30 + 9 = 70 days = 10 weeks; 7 h/week.
        Assert.Equal(120m * 7m / 89m, Hours(120, "04", "6", new ActivePeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30))));
        Assert.Equal(7m, Hours(70, "04", "6", new ActivePeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 9))));
    }

    [Theory]
    [InlineData("14", "2", "etmaal")]
    [InlineData("83", "6", "euro")]
    [InlineData("99", "2", "eenheid '99'")]
    [InlineData("04", "3", "frequentie '3'")]
    public void UnitsAndFrequenciesThatCannotBecomeHours_AreRefusedWithTheReason(string unit, string frequency, string reason)
    {
        Assert.Null(IjwVolume.HoursPerWeek(5, unit, frequency, new ActivePeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void TotalOverAnOpenEndedAssignment_IsRefused()
    {
        Assert.Null(IjwVolume.HoursPerWeek(100, "04", "6", Open, out var why));
        Assert.Contains("needs an einddatum", why, StringComparison.Ordinal);
    }
}

public class IjwVolumeBoundsTests
{
    private static readonly ActivePeriod Open = new(new DateOnly(2026, 1, 1), null);

    /// <summary>89 days: 1 Feb – 30 Apr 2026.</summary>
    private static readonly ActivePeriod Spring = new(new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30));

    [Theory]
    // Each the largest volume that stays within a week of 168 hours, and so exactly 168 hours a week:
    [InlineData(1440, "01", "1")] // 1,440 minutes a day × 7 / 60 = 168
    [InlineData(10080, "01", "2")] // 10,080 minutes a week / 60 = 168
    [InlineData(43680, "01", "4")] // 43,680 minutes a month / 60 × 12 / 52 = 168
    [InlineData(24, "04", "1")] // 24 hours a day × 7
    [InlineData(168, "04", "2")]
    [InlineData(728, "04", "4")] // 728 × 12 / 52 = 168
    [InlineData(2136, "04", "6")] // 24 hours × 89 days, × 7 / 89 = 168
    [InlineData(6, "16", "1")] // 6 dagdelen of 4 hours a day × 7
    [InlineData(42, "16", "2")]
    [InlineData(182, "16", "4")] // 182 × 4 × 12 / 52 = 168
    public void TheLargestVolumeOfEachUnit_IsAWeekOf168Hours(int volume, string unit, string frequency)
    {
        Assert.Equal(168m, IjwVolume.HoursPerWeek(volume, unit, frequency, Spring, out var reason));
        Assert.Null(reason);
        Assert.Null(IjwVolume.HoursPerWeek(volume + 1, unit, frequency, Spring, out reason));
        Assert.Contains($"at most {volume} (168 hours a week)", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("79228162514264337593543950335")]
    public void ANonPositiveOrHugeVolume_IsOutOfBounds_NotAnOverflow(string volume)
    {
        Assert.Null(IjwVolume.HoursPerWeek(decimal.Parse(volume, System.Globalization.CultureInfo.InvariantCulture), "16", "1", Open, out var reason));
        Assert.Contains($"volume {volume} is out of bounds", reason, StringComparison.Ordinal);
    }
}
