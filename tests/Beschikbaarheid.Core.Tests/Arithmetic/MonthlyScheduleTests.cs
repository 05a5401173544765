using Beschikbaarheid.Core.Arithmetic;
using FsCheck;
using FsCheck.Fluent;

namespace Beschikbaarheid.Core.Tests.Arithmetic;

public class MonthlyScheduleTests
{
    [Fact]
    public void ForMonth_PutsTheUnevenCentsInTheLaterMonths()
    {
        // X = 100 cents: ⌊100·k/12⌋ for k = 0..12 is 0 8 16 25 33 41 50 58 66 75 83 91 100,
        // so the months are 8 8 9 8 8 9 8 8 9 8 8 9.
        long[] expected = [8, 8, 9, 8, 8, 9, 8, 8, 9, 8, 8, 9];
        var months = Enumerable.Range(1, 12).Select(k => MonthlySchedule.ForMonth(new Money(100), k).Cents).ToArray();
        Assert.Equal(expected, months);
    }

    [Fact]
    public void ForMonth_OfNegativeAmount_UsesTrueFloor()
    {
        // X = -100: ⌊-100/12⌋ = ⌊-8.33⌋ = -9 for month 1; ⌊-200/12⌋ = -17, so month 2 = -17 - (-9) = -8.
        Assert.Equal(new Money(-9), MonthlySchedule.ForMonth(new Money(-100), 1));
        Assert.Equal(new Money(-8), MonthlySchedule.ForMonth(new Money(-100), 2));
    }

    [Fact]
    public void ForMonth_RefusesMonthOutsideOneToTwelve() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MonthlySchedule.ForMonth(new Money(100), 13));

    [Fact]
    public void TwelveMonths_SumToTheAnnualAmount_AndNoMonthDiffersMoreThanACentFromATwelfth()
    {
        var property = Prop.ForAll(Gen.Choose(int.MinValue, int.MaxValue).Select(i => (long)i * 37).ToArbitrary(), annual =>
        {
            var months = Enumerable.Range(1, 12).Select(k => MonthlySchedule.ForMonth(new Money(annual), k).Cents).ToList();
            return months.Sum() == annual && months.All(m => Math.Abs(m - annual / 12m) < 1m);
        });
        Check.QuickThrowOnFailure(property);
    }
}
