using System.Numerics;

namespace Beschikbaarheid.Core.Arithmetic;

/// <summary>
/// The split rule of DOMAIN "Money and rounding", written once for every key and flow:
/// floor every exact share to the cent, then give the remaining cents one each to the parties with the
/// largest fractional remainders, ties to the lowest key. The parts always sum to the whole.
/// </summary>
/// <remarks>
/// Shares are computed in exact integer arithmetic (decimal weights are scaled to integers first), so a
/// remainder comparison is never decided by a rounding error. A negative total is split as the mirror
/// image of the positive one, so a credit note splits exactly like the amount it reverses.
/// </remarks>
public static class Split
{
    public static IReadOnlyDictionary<TKey, Money> ByWeights<TKey>(Money total, IEnumerable<KeyValuePair<TKey, decimal>> weights)
        where TKey : notnull, IComparable<TKey>
    {
        ArgumentNullException.ThrowIfNull(weights);
        var parties = weights.OrderBy(w => w.Key).ToList();
        if (parties.Count == 0)
        {
            throw new ArgumentException("Nothing to split over: no parties.", nameof(weights));
        }
        if (parties.Any(p => p.Value < 0))
        {
            throw new ArgumentException("A weight is negative.", nameof(weights));
        }

        var scale = parties.Max(p => p.Value.Scale);
        var integerWeights = parties.Select(p => ScaledInteger(p.Value, scale)).ToArray();
        var weightSum = integerWeights.Aggregate(BigInteger.Zero, (a, b) => a + b);
        if (weightSum.IsZero)
        {
            throw new ArgumentException("Nothing to split over: all weights are zero.", nameof(weights));
        }

        var whole = BigInteger.Abs(total.Cents);
        var floors = new BigInteger[parties.Count];
        var remainders = new BigInteger[parties.Count];
        var leftover = whole;
        for (var i = 0; i < parties.Count; i++)
        {
            floors[i] = BigInteger.DivRem(whole * integerWeights[i], weightSum, out remainders[i]);
            leftover -= floors[i];
        }

        // Largest remainder first; OrderBy is stable and the parties are sorted by key, so ties go to the lowest key.
        foreach (var i in Enumerable.Range(0, parties.Count).OrderByDescending(i => remainders[i]).Take((int)leftover))
        {
            floors[i] += 1;
        }

        var sign = Math.Sign(total.Cents);
        var result = new Dictionary<TKey, Money>(parties.Count);
        for (var i = 0; i < parties.Count; i++)
        {
            result[parties[i].Key] = new Money(sign * (long)floors[i]);
        }
        return result;
    }

    private static BigInteger ScaledInteger(decimal value, int scale)
    {
        var bits = decimal.GetBits(value);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return mantissa * BigInteger.Pow(10, scale - value.Scale);
    }
}
