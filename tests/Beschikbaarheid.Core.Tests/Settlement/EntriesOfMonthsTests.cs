using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using FsCheck;
using FsCheck.Fluent;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class EntriesOfMonthsTests
{
    [Fact]
    public void SeveralMonthsInOnePass_CostWhatEachMonthCostsOnItsOwn()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var data = Enumerable.Range(0, random.Next(1, 40)).Select(i => RandomBeschikking(random, i)).ToList();
            var scheme = Nijmegen2019();
            var inputs = new SettlementInputs(data, [], []);
            var months = Enumerable.Range(1, 12).Where(_ => random.Next(2) == 0).Select(m => new YearMonth(2026, m)).ToList();
            var together = MonthlySettlement.EntriesOfMonths(scheme, months, inputs).ToList();
            return together.Count == months.Count && months.Select((m, i) => (Alone: MonthlySettlement.Calculate(scheme, m, inputs), Together: together[i]))
                .All(p => p.Together.Period == p.Alone.Period
                    && p.Alone.Entries.SequenceEqual(p.Together.Entries.OrderBy(e => e.Municipality).ThenBy(e => e.School)));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }
}
