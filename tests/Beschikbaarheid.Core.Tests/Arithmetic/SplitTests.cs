using Beschikbaarheid.Core.Arithmetic;
using FsCheck;
using FsCheck.Fluent;

namespace Beschikbaarheid.Core.Tests.Arithmetic;

public class SplitTests
{
    private static Dictionary<string, Money> SplitOf(long cents, params (string Key, decimal Weight)[] weights) =>
        Split.ByWeights(new Money(cents), weights.Select(w => KeyValuePair.Create(w.Key, w.Weight))).ToDictionary();

    [Fact]
    public void Split_GivesLeftoverCentToLowestKey_WhenRemaindersTie()
    {
        // 100 / 3 = 33.33 each: floors 33 + 33 + 33 = 99, one cent left; all remainders equal, so A gets it.
        var parts = SplitOf(100, ("B", 1), ("A", 1), ("C", 1));
        Assert.Equal(new Money(34), parts["A"]);
        Assert.Equal(new Money(33), parts["B"]);
        Assert.Equal(new Money(33), parts["C"]);
    }

    [Fact]
    public void Split_GivesLeftoverCentsToLargestRemainders()
    {
        // 10 cents by 2:1 = 6.667 and 3.333: floors 6 + 3 = 9; the one cent left goes to the remainder .667.
        var parts = SplitOf(10, ("GM0002", 1), ("GM0001", 2));
        Assert.Equal(new Money(7), parts["GM0001"]);
        Assert.Equal(new Money(3), parts["GM0002"]);
    }

    [Fact]
    public void Split_OfDecimalWeights_IsExact()
    {
        // 101 cents by 0.5 / 0.25 / 0.25 = 50.5, 25.25, 25.25: floors 50 + 25 + 25 = 100; remainder .5 is largest.
        var parts = SplitOf(101, ("X", 0.5m), ("Y", 0.25m), ("Z", 0.25m));
        Assert.Equal([new Money(51), new Money(25), new Money(25)], new[] { parts["X"], parts["Y"], parts["Z"] });
    }

    [Fact]
    public void Split_OfNegativeTotal_MirrorsThePositiveSplit()
    {
        // -100 splits as 100 does (34, 33, 33), negated: a credit reverses its invoice cent for cent.
        var parts = SplitOf(-100, ("A", 1), ("B", 1), ("C", 1));
        Assert.Equal(new Money(-34), parts["A"]);
        Assert.Equal(new Money(-33), parts["C"]);
    }

    [Fact]
    public void Split_GivesZeroWeightNothing()
    {
        // 7 cents by 1:0 → all 7 to A, 0 to B.
        var parts = SplitOf(7, ("A", 1), ("B", 0));
        Assert.Equal(new Money(7), parts["A"]);
        Assert.Equal(Money.Zero, parts["B"]);
    }

    [Fact]
    public void Split_RefusesAllZeroWeights() =>
        Assert.Throws<ArgumentException>(() => SplitOf(7, ("A", 0), ("B", 0)));

    [Fact]
    public void Split_PartsAlwaysSumToTheWhole_AndStayWithinOneCentOfTheExactShare()
    {
        var property = Prop.ForAll(
            Gen.Choose(-2_000_000, 2_000_000).ToArbitrary(),
            Gen.ListOf(Gen.Choose(0, 10_000)).Where(w => w.Count > 0 && w.Sum() > 0).ToArbitrary(),
            (total, weights) =>
            {
                var keyed = weights.Select((w, i) => KeyValuePair.Create($"GM{i:0000}", w / 100m)).ToList();
                var parts = Split.ByWeights(new Money(total), keyed);
                var sum = parts.Values.Sum(p => p.Cents);
                var weightSum = keyed.Sum(k => k.Value);
                var close = keyed.All(k => Math.Abs(parts[k.Key].Cents - total * k.Value / weightSum) < 1m);
                return sum == total && close;
            });
        Check.QuickThrowOnFailure(property);
    }
}
