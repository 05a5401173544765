using System.Numerics;
using Beschikbaarheid.Core.Arithmetic;
using FsCheck;
using FsCheck.Fluent;

namespace Beschikbaarheid.Core.Tests.Arithmetic;

public class DayProrationTests
{
    /// <summary>
    /// The line amount is annual × days ÷ days in the year, rounded once half away from zero, for whole and fractional
    /// annual amounts alike: checked against the same quotient in whole numbers, annual × 10,000 × days ÷ (10,000 × D),
    /// rounded as ⌊(2n + d) ÷ 2d⌋, which is half away from zero for n ≥ 0.
    /// </summary>
    [Fact]
    public void LineAmount_IsTheExactQuotientRoundedOnceHalfAwayFromZero()
    {
        var cases =
            from wholeCents in Gen.Choose(0, int.MaxValue)
            from fraction in Gen.Choose(0, 9_999)
            from days in Gen.Choose(0, 4_000_000)
            from year in Gen.Elements(2026, 2028)
            select (wholeCents, fraction, days, year);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // Half of the cases whole cents a year (the whole-number path), half with up to four decimals.
            var tenThousandths = (long)c.wholeCents * 10_000 + (c.days % 2 == 0 ? 0 : c.fraction);
            var d = new BigInteger(10_000 * (c.year == 2028 ? 366 : 365));
            var n = new BigInteger(tenThousandths) * c.days;
            var expected = (long)((2 * n + d) / (2 * d));
            return DayProration.LineAmount(tenThousandths / 10_000m, c.days, c.year) == new Money(expected);
        });
        Check.QuickThrowOnFailure(property);
    }
}
