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
        return ForInstalment(annual, month, 12);
    }

    /// <summary>
    /// The same rule over <paramref name="count"/> instalments, for a municipality that takes part in only
    /// some months of a year: instalment j of n gets ⌊X·j/n⌋ − ⌊X·(j−1)/n⌋. Over twelve it is the monthly schedule.
    /// </summary>
    public static Money ForInstalment(Money total, int instalment, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(instalment, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(instalment, count);
        return new Money(FloorDiv(checked(total.Cents * instalment), count) - FloorDiv(checked(total.Cents * (instalment - 1)), count));
    }

    private static long FloorDiv(long numerator, long denominator)
    {
        var quotient = Math.DivRem(numerator, denominator, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
