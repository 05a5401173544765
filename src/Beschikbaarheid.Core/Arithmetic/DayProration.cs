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
    /// <remarks>
    /// A whole number of cents a year (as every pool of 5.5 h × € 62.50 × 40 weeks is) is prorated in whole numbers: the
    /// quotient q and remainder r of annual × days ÷ D, plus one cent when 2r ≥ D. That is the decimal quotient rounded half
    /// away from zero exactly: a remainder is never closer to half of D than ½ without being it, far beyond the decimal's
    /// 28 digits, and a national year prorates a million lines. Other amounts take the decimal division.
    /// </remarks>
    public static Money LineAmount(decimal annualCents, long days, int year)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var daysInYear = DaysInYear(year);
        if (annualCents is >= 0 and <= int.MaxValue && days <= int.MaxValue && decimal.IsInteger(annualCents))
        {
            var product = (long)annualCents * days;
            var (quotient, remainder) = Math.DivRem(product, daysInYear);
            return new Money(2 * remainder >= daysInYear ? quotient + 1 : quotient);
        }
        return Money.RoundHalfAwayFromZero(annualCents * days / daysInYear);
    }

    public static int DaysInYear(int year) => DateTime.IsLeapYear(year) ? 366 : 365;
}
