using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using FsCheck;
using FsCheck.Fluent;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class EntriesOfMonthsTests
{
    private static readonly int[] Years = [2026, 2027, 2028];

    /// <summary>
    /// Months of 2026, 2027 (norm raised to 6 h) and the leap year 2028, asked in one pass as a run does to correct
    /// them: each month must be what the rules give for that month on its own, by <see cref="RulesModel.PerChildMonth"/>.
    /// </summary>
    [Fact]
    public void EachMonthOfAPass_IsTheMonthsChildDaysProratedAndRoundedOncePerLine()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var data = Enumerable.Range(0, random.Next(1, 40)).Select(i => RandomBeschikking(random, i)).ToList();
            var inputs = new SettlementInputs(data, [], []);
            var months = Years
                .SelectMany(y => Enumerable.Range(1, 12).Select(m => new YearMonth(y, m)))
                .Where(_ => random.Next(3) == 0)
                .ToList();
            var together = MonthlySettlement.EntriesOfMonths(Nijmegen2019(), months, inputs).ToList();
            return together.Count == months.Count
                && together.Select(t => t.Period).Order().SequenceEqual(months)
                && together.All(t => Lines(t.Entries).SequenceEqual(RulesModel.PerChildMonth(PerChildRules.Nijmegen2019, t.Period, data)));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), property);
    }

    [Fact]
    public void ARecomputedMonthsDigests_AreThoseOfItsEntries_AndItsEntriesAtALocation_ThoseOfTheMonthThere()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var data = Enumerable.Range(0, random.Next(1, 40)).Select(i => RandomBeschikking(random, i)).ToList();
            var months = Enumerable.Range(1, 12).Where(_ => random.Next(3) == 0).Select(m => new YearMonth(2026, m)).ToList();
            return MonthlySettlement.RecomputedMonths(Nijmegen2019(), months, new SettlementInputs(data, [], [])).All(month =>
            {
                var entries = month.Entries();
                var digests = month.Digests();
                var ofEntries = SettledDigest.Of(entries);
                return digests.Count == ofEntries.Count && digests.All(d => ofEntries.TryGetValue(d.Key, out var digest) && digest == d.Value)
                    && month.EntriesAt(new HashSet<SchoolLocationId> { StMaarten }).SequenceEqual(entries.Where(e => e.School == StMaarten));
            });
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    private static IEnumerable<RulesModel.Line> Lines(IEnumerable<Entry> entries) => entries
        .Select(e => new RulesModel.Line(e.Municipality.Municipality!.Value, e.School, (int)e.Basis, e.Amount.Cents))
        .OrderBy(l => l.Municipality.Value, StringComparer.Ordinal).ThenBy(l => l.School.ToString(), StringComparer.Ordinal);
}
