using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
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
            var data = Enumerable.Range(0, random.Next(1, 40)).Select(i =>
            {
                var start = new DateOnly(2025, 9, 1).AddDays(random.Next(0, 480));
                return Beschikking($"c{random.Next(0, 10)}", new[] { Nijmegen, Beuningen, BergEnDal, Arnhem }[random.Next(4)], random.Next(3) == 0 ? Meander : StMaarten,
                    random.Next(2, 14), start, random.Next(2) == 0 ? start.AddDays(random.Next(0, 300)) : null, random.Next(8) == 0 ? Law.WLZ : Law.JW) with { Number = $"B{i}" };
            }).ToList();
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
