namespace Beschikbaarheid.Core.Arithmetic;

/// <summary>
/// Day proration of DOMAIN "Money and rounding": a child active d days costs annual amount × d / days in
/// that calendar year, with actual calendar days (366 in a leap year).
/// </summary>
/// <remarks>
/// The exact amounts of the children on one invoice line are summed before the line is rounded once.
/// Within one calendar year every child costs the same annual amount, so Σ A·dᵢ/D equals A·(Σ dᵢ)/D:
/// the line is computed from its summed days, which keeps the sum exact instead of adding up
/// 28-digit approximations of repeating fractions.
/// </remarks>
public static class DayProration
{
    public static Money LineAmount(decimal annualCents, long days, int year)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        return Money.RoundHalfAwayFromZero(annualCents * days / DaysInYear(year));
    }

    public static int DaysInYear(int year) => DateTime.IsLeapYear(year) ? 366 : 365;
}
