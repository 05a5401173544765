namespace Beschikbaarheid.Core.Arithmetic;

/// <summary>
/// The monthly-schedule rule of DOMAIN "Money and rounding": of an annual amount X, month k (1..12) gets
/// ⌊X·k/12⌋ − ⌊X·(k−1)/12⌋ cents. The months telescope, so twelve of them sum to X exactly, and the
/// cents that do not divide evenly fall in the later months.
/// </summary>
public static class MonthlySchedule
{
    public static Money ForMonth(Money annual, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return new Money(FloorDiv(checked(annual.Cents * month), 12) - FloorDiv(checked(annual.Cents * (month - 1)), 12));
    }

    private static long FloorDiv(long numerator, long denominator)
    {
        var quotient = Math.DivRem(numerator, denominator, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
