using System.Globalization;

namespace Beschikbaarheid.Core.Arithmetic;

/// <summary>
/// An amount in whole euro cents. Every amount the engine stores, splits, schedules or invoices is
/// this type; euros with decimals appear only at the edges (scheme files, workbooks, the journal).
/// </summary>
public readonly record struct Money(long Cents) : IComparable<Money>
{
    public static Money Zero => default;

    public decimal Euros => Cents / 100m;

    /// <summary>Exact conversion: an amount with a fraction of a cent is a configuration error, not something to round.</summary>
    public static Money FromEuros(decimal euros)
    {
        var cents = euros * 100m;
        if (cents != decimal.Truncate(cents))
        {
            throw new ArgumentException($"{euros.ToString(CultureInfo.InvariantCulture)} is not a whole number of cents.", nameof(euros));
        }
        return new Money(decimal.ToInt64(cents));
    }

    /// <summary>
    /// The one rounding of day-prorated amounts (DOMAIN "Money and rounding"): exact cents are summed per
    /// invoice line first and rounded here once, half away from zero.
    /// </summary>
    public static Money RoundHalfAwayFromZero(decimal exactCents) =>
        new(decimal.ToInt64(Math.Round(exactCents, 0, MidpointRounding.AwayFromZero)));

    public static Money Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        long total = 0;
        foreach (var amount in amounts)
        {
            total = checked(total + amount.Cents);
        }
        return new Money(total);
    }

    public static Money operator +(Money left, Money right) => new(checked(left.Cents + right.Cents));
    public static Money operator -(Money left, Money right) => new(checked(left.Cents - right.Cents));
    public static Money operator -(Money value) => new(checked(-value.Cents));
    public static bool operator <(Money left, Money right) => left.Cents < right.Cents;
    public static bool operator >(Money left, Money right) => left.Cents > right.Cents;
    public static bool operator <=(Money left, Money right) => left.Cents <= right.Cents;
    public static bool operator >=(Money left, Money right) => left.Cents >= right.Cents;

    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);

    /// <summary>Euros with a decimal point and two decimals, as the journal writes them: "1234.56".</summary>
    public override string ToString() => Euros.ToString("0.00", CultureInfo.InvariantCulture);
}
