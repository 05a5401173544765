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

    /// <summary>Euros with a decimal point and two decimals, as the journal and the e-invoices write them: "1234.56", "-0.05".</summary>
    /// <remarks>
    /// Written from the cents, not through <c>Euros.ToString("0.00")</c>, which gives the same text: a national month writes
    /// some 200,000 amounts (e-invoices and journal), and the custom format was read anew for each.
    /// </remarks>
    public override string ToString()
    {
        Span<char> text = stackalloc char[24];
        var length = 0;
        if (Cents < 0)
        {
            text[length++] = '-';
        }
        // As unsigned, so that the smallest long has a magnitude too.
        var magnitude = Cents < 0 ? (ulong)-(Cents + 1) + 1 : (ulong)Cents;
        (magnitude / 100).TryFormat(text[length..], out var euros, default, CultureInfo.InvariantCulture);
        length += euros;
        var cents = (int)(magnitude % 100);
        text[length++] = '.';
        text[length++] = (char)('0' + cents / 10);
        text[length++] = (char)('0' + cents % 10);
        return new string(text[..length]);
    }
}
