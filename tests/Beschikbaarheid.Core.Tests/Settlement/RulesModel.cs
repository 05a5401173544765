using System.Numerics;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>
/// An independent model of the money rules of DOMAIN.md, written from its text so that property tests compare
/// the program with the rules and not with itself. It reads inputs through Core's plain value types
/// (<see cref="Beschikking"/>, <see cref="MunicipalityCode"/>, <see cref="YearMonth"/>) and uses nothing of
/// Core's arithmetic or settlement: exact fractions are <see cref="BigInteger"/> numerators over denominators,
/// days are counted one calendar date at a time.
/// </summary>
internal static class RulesModel
{
    /// <summary>Actual calendar days of a year, counted: 366 in a leap year.</summary>
    public static int DaysInYear(int year) => new DateOnly(year + 1, 1, 1).DayNumber - new DateOnly(year, 1, 1).DayNumber;

    /// <summary>numerator / denominator (denominator &gt; 0) rounded half away from zero.</summary>
    public static long RoundHalfAwayFromZero(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(BigInteger.Abs(numerator), denominator, out var remainder);
        if (remainder * 2 >= denominator)
        {
            quotient += 1;
        }
        return (long)(numerator.Sign < 0 ? -quotient : quotient);
    }

    /// <summary>⌊numerator / denominator⌋ for denominator &gt; 0, also for a negative numerator.</summary>
    public static long FloorDiv(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        return (long)(remainder.Sign < 0 ? quotient - 1 : quotient);
    }

    /// <summary>DOMAIN "Annual amount X over 12 months": month k gets ⌊X·k/12⌋ − ⌊X·(k−1)/12⌋ cents.</summary>
    public static long ScheduledMonth(long annual, int k) => Instalment(annual, k, 12);

    /// <summary>The same rule over n months: instalment j of an amount X gets ⌊X·j/n⌋ − ⌊X·(j−1)/n⌋ cents.</summary>
    public static long Instalment(long total, int j, int n) => FloorDiv((BigInteger)total * j, n) - FloorDiv((BigInteger)total * (j - 1), n);

    /// <summary>
    /// DOMAIN "Splitting an amount over parties by weights" for a total of zero or more cents: floor every exact
    /// share to the cent, then one remaining cent each to the largest fractional remainders, ties to the lowest code.
    /// </summary>
    public static Dictionary<MunicipalityCode, long> Split(long total, IReadOnlyDictionary<MunicipalityCode, BigInteger> weights)
    {
        var sum = weights.Values.Aggregate(BigInteger.Zero, (a, b) => a + b);
        var parts = new Dictionary<MunicipalityCode, long>();
        var remainders = new Dictionary<MunicipalityCode, BigInteger>();
        foreach (var (party, weight) in weights)
        {
            // The exact share total·w/W is floor + remainder/W; remainders compare exactly as integers over the same W.
            parts[party] = (long)BigInteger.DivRem(total * weight, sum, out var remainder);
            remainders[party] = remainder;
        }
        var left = total - parts.Values.Sum();
        foreach (var party in remainders.OrderByDescending(r => r.Value).ThenBy(r => r.Key.Value, StringComparer.Ordinal).Take((int)left).Select(r => r.Key))
        {
            parts[party] += 1;
        }
        return parts;
    }

    /// <summary>A per-child pool as DOMAIN defines it, with the exact annual amount per child in cents per funding year.</summary>
    public sealed record PerChildScheme(
        IReadOnlySet<SchoolLocationId> Schools, IReadOnlySet<MunicipalityCode> Participants, decimal ThresholdHoursPerWeek, Func<int, long> AnnualCentsPerChild)
    {
        /// <summary>DOMAIN "per-child": law JW, resident in a participating municipality, at a scheme school, hours strictly below the threshold.</summary>
        public bool Eligible(Beschikking b) =>
            b.Law == Law.JW && Participants.Contains(b.Residence) && Schools.Contains(b.School) && b.HoursPerWeek < ThresholdHoursPerWeek;
    }

    /// <summary>One invoice line of a month: a municipality's children at one school, their child-days and the amount.</summary>
    public readonly record struct Line(MunicipalityCode Municipality, SchoolLocationId School, int ChildDays, long Cents);

    /// <summary>
    /// A month of a per-child pool, computed on its own from the beschikkingen active in it: a child costs the annual
    /// amount × d / days in the year for the d days of the month it has an eligible beschikking (a day counted once per
    /// child, also under two overlapping beschikkingen); the exact amounts of a line (municipality of residence × school)
    /// are summed and rounded once, half away from zero. Lines of zero cents are left out.
    /// </summary>
    public static IReadOnlyList<Line> PerChildMonth(PerChildScheme scheme, YearMonth month, IEnumerable<Beschikking> beschikkingen)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var childDays = new HashSet<(MunicipalityCode Municipality, SchoolLocationId School, string Client, DateOnly Day)>();
        foreach (var b in beschikkingen.Where(scheme.Eligible))
        {
            // Every date of the month from the beschikking's start through its end (an open end: through the month's last day).
            var from = b.Active.Start > first ? b.Active.Start : first;
            var through = b.Active.End is { } end && end < last ? end : last;
            for (var day = from; day <= through; day = day.AddDays(1))
            {
                childDays.Add((b.Residence, b.School, b.Client, day));
            }
        }
        var annual = scheme.AnnualCentsPerChild(month.Year);
        return childDays
            .GroupBy(d => (d.Municipality, d.School))
            .Select(g => new Line(g.Key.Municipality, g.Key.School, g.Count(),
                // Σ over the line's children of annual × dᵢ / D, exactly: one denominator, so the numerators add up.
                RoundHalfAwayFromZero((BigInteger)annual * g.Count(), DaysInYear(month.Year))))
            .Where(l => l.Cents != 0)
            .OrderBy(l => l.Municipality.Value, StringComparer.Ordinal).ThenBy(l => l.School.ToString(), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// What one run bills by the model: the month's advance, and for every earlier month of the year the month as it is
    /// now less everything billed for it so far (DOMAIN "Late data for a settled month"). Keeps the ledger of what was
    /// billed per month and key, so the year end can be set against it.
    /// </summary>
    public sealed class Ledger<TKey> where TKey : notnull
    {
        private readonly Dictionary<(int Month, TKey Key), long> _billed = [];

        /// <param name="monthAsNow">A month's amounts per key by the data as they are at this run.</param>
        /// <returns>What this run bills per key: the advance of <paramref name="month"/> plus the corrections of earlier months.</returns>
        public Dictionary<TKey, long> Run(int month, Func<int, IReadOnlyDictionary<TKey, long>> monthAsNow)
        {
            var run = new Dictionary<TKey, long>();
            for (var m = 1; m <= month; m++)
            {
                var now = monthAsNow(m);
                foreach (var key in now.Keys.Union(_billed.Keys.Where(k => k.Month == m).Select(k => k.Key)).ToList())
                {
                    var difference = now.GetValueOrDefault(key) - _billed.GetValueOrDefault((m, key));
                    _billed[(m, key)] = _billed.GetValueOrDefault((m, key)) + difference;
                    run[key] = run.GetValueOrDefault(key) + difference;
                }
            }
            return run;
        }

        /// <summary>Everything billed so far per key, over all months.</summary>
        public Dictionary<TKey, long> Billed() =>
            _billed.GroupBy(b => b.Key.Key).ToDictionary(g => g.Key, g => g.Sum(b => b.Value));
    }
}

/// <summary>The builder's per-child scheme as DOMAIN's rules see it, with its figures from <see cref="SchemeBuilder"/>'s documentation.</summary>
internal static class PerChildRules
{
    /// <summary>Schools St. Maarten and De Meander, participants Nijmegen, Beuningen and Berg en Dal, threshold 12 h;
    /// 5.5 h × € 62.50 × 40 = 1,375,000 cents a child a year, from 2027 6 h × € 62.50 × 40 = 1,500,000 cents.</summary>
    public static RulesModel.PerChildScheme Nijmegen2019 { get; } = new(
        new HashSet<SchoolLocationId> { SchemeBuilder.StMaarten, SchemeBuilder.Meander },
        new HashSet<MunicipalityCode> { SchemeBuilder.Nijmegen, SchemeBuilder.Beuningen, SchemeBuilder.BergEnDal },
        12m,
        year => year < 2027 ? 1_375_000 : 1_500_000);
}
