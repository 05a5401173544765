using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using FsCheck;
using FsCheck.Fluent;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class CashierMonthTests
{
    private static readonly MunicipalityCode Groningen = MunicipalityCode.Parse("GM0014");
    private static readonly MunicipalityCode Assen = MunicipalityCode.Parse("GM0106");
    private static readonly MunicipalityCode HetHogeland = MunicipalityCode.Parse("GM1966");

    /// <summary>€ 1,200 = 120,000 cents over Groningen 60, Het Hogeland 30, Assen 10 pupils: 72,000 / 36,000 / 12,000.</summary>
    private static readonly Dictionary<MunicipalityCode, decimal> Pupils = new() { [Groningen] = 60, [HetHogeland] = 30, [Assen] = 10 };

    [Fact]
    public void WholeYearParticipants_PayTheMonthlySchedule_AndTheFundCoversTheGapInProportion()
    {
        var year = CashierSplit.Annual(new Money(120_000), Pupils, new HashSet<MunicipalityCode> { Groningen, HetHogeland }, NonParticipants.Gap,
            [new GapFund("VSV-middelen", new Money(10_000))]);
        var january = year.Month(1);
        // 72,000 / 12 = 6,000 and 36,000 / 12 = 3,000 a month; Assen's 12,000 / 12 = 1,000 is the month's gap.
        Assert.Equal(new Money(6_000), january.Contributions[Groningen]);
        Assert.Equal(new Money(3_000), january.Contributions[HetHogeland]);
        Assert.Equal(new Money(1_000), january.Gap);
        // Covered through month k: ⌊10,000 × 1,000k / 12,000⌋: January 833; March 2,500 − 1,666 = 834; uncovered in January 1,000 − 833 = 167.
        Assert.Equal([("VSV-middelen", new Money(833))], january.Covered);
        Assert.Equal(new Money(167), january.Uncovered);
        Assert.Equal([("VSV-middelen", new Money(834))], year.Month(3).Covered);
        Assert.Equal(new Money(10_000), Money.Sum(Enumerable.Range(1, 12).Select(k => year.Month(k).Covered.Single().Amount)));
    }

    [Fact]
    public void AParticipantJoiningInApril_IsProratedByMonths_AndItsFirstMonthsFallInTheGap()
    {
        var year = CashierSplit.Annual(new Money(120_000), Pupils,
            new Dictionary<MunicipalityCode, (int, int)> { [Groningen] = (1, 12), [HetHogeland] = (4, 12) }, NonParticipants.Gap,
            [new GapFund("VSV-middelen", new Money(10_000))]);
        // Het Hogeland's part 36,000: April–December are 9 of the schedule's months, 36,000 × 9 / 12 = 27,000, paid as 9 × 3,000;
        // January–March, 3 × 3,000 = 9,000, fall in the gap beside Assen's 12,000: gap 21,000.
        Assert.Equal(new Money(27_000), year.Contributions[HetHogeland]);
        Assert.Equal(new Money(21_000), year.Gap);
        Assert.False(year.Month(3).Contributions.ContainsKey(HetHogeland));
        Assert.Equal(new Money(3_000), year.Month(4).Contributions[HetHogeland]);
        // January's gap: Assen 1,000 + Het Hogeland 3,000 = 4,000; covered ⌊10,000 × 4,000 / 21,000⌋ = ⌊1,904.76⌋ = 1,904.
        var january = year.Month(1);
        Assert.Equal(new Money(4_000), january.Gap);
        Assert.Equal([("VSV-middelen", new Money(1_904))], january.Covered);
    }

    [Fact]
    public void TwoFunds_CoverTheGapInTheSchemesOrder()
    {
        // Gap 12,000 a year, 1,000 a month; funds 3,000 then 9,000 cover it all: the first fund is used up by March
        // (⌊12,000 × 3,000 / 12,000⌋ = 3,000 through March), the second takes over from April.
        var year = CashierSplit.Annual(new Money(120_000), Pupils, new HashSet<MunicipalityCode> { Groningen, HetHogeland }, NonParticipants.Gap,
            [new GapFund("Eerste", new Money(3_000)), new GapFund("Tweede", new Money(9_000))]);
        Assert.Equal([("Eerste", new Money(1_000)), ("Tweede", Money.Zero)], year.Month(3).Covered);
        Assert.Equal([("Eerste", Money.Zero), ("Tweede", new Money(1_000))], year.Month(4).Covered);
    }

    [Fact]
    public void ZeroSum_EveryMonth_AndOverTheYear_WithPartialYears()
    {
        var property = Prop.ForAll(
            Gen.Choose(0, 50_000_000).ToArbitrary(),
            Gen.ListOf(Gen.Choose(0, 500)).Where(l => l.Count >= 3 && l.Sum() > 0).ToArbitrary(),
            Gen.Choose(1, 12).ToArbitrary(),
            (budget, counts, joins) =>
            {
                var pupils = counts.Select((c, i) => (Code: MunicipalityCode.Parse($"GM{i + 1:0000}"), Count: (decimal)c)).ToDictionary(p => p.Code, p => p.Count);
                var months = pupils.Keys.Where((_, i) => i % 3 != 0).ToDictionary(c => c, c => c.Value.EndsWith('2') ? (joins, 12) : (1, 12));
                var year = CashierSplit.Annual(new Money(budget), pupils, months, NonParticipants.Gap, [new GapFund("VSV", new Money(budget / 20))]);
                var funds = Money.Sum(year.Covered.Select(c => c.Amount));
                var hosts = new Dictionary<SchoolLocationId, decimal> { [SchemeBuilder.Location("25XX00")] = 9m, [SchemeBuilder.Location("25XX01")] = 2.5m };
                var collected = Money.Zero;
                var covered = Money.Zero;
                var gap = Money.Zero;
                foreach (var month in Enumerable.Range(1, 12).Select(year.Month))
                {
                    var paid = CashierSplit.Payouts(Money.Sum(month.Contributions.Values) + Money.Sum(month.Covered.Select(c => c.Amount)), hosts);
                    if (Money.Sum(paid.Values) != Money.Sum(month.Contributions.Values) + Money.Sum(month.Covered.Select(c => c.Amount)) || month.Uncovered < Money.Zero)
                    {
                        return false;
                    }
                    collected += Money.Sum(month.Contributions.Values);
                    covered += Money.Sum(month.Covered.Select(c => c.Amount));
                    gap += month.Gap;
                }
                return collected + gap == new Money(budget) && collected == Money.Sum(year.Contributions.Values) && gap == year.Gap && covered == funds;
            });
        Check.QuickThrowOnFailure(property);
    }

    [Fact]
    public void HostsByFixedAmounts_ArePaidExactlyTheirAmountsOverTheYear_AndEveryMonthPaysOutWhatItMadeAvailable()
    {
        // € 1,000.01 = 100,001 cents, all participants: Groningen 2 : Het Hogeland 1 = 66,667 / 33,334 (the odd cent to the larger remainder).
        // Hosts by fixed amounts € 750.01 and € 250.00. Month by month 1/12 of 100,001 does not divide 3 : 1 evenly, but paid cumulatively
        // each host ends the year on exactly its amount: 75,001 and 25,000.
        var location = SchemeBuilder.Location("25XX00");
        var other = SchemeBuilder.Location("25XX01");
        var pool = new FixedBudgetPool(new Dictionary<int, Money> { [2026] = new(100_001) },
            new HostsByAmounts(new Dictionary<SchoolLocationId, Money> { [location] = new(75_001), [other] = new(25_000) }));
        var flow = new CashierFlow(Groningen, NonParticipants.Gap, []);
        var year = CashierSplit.Annual(new Money(100_001), new Dictionary<MunicipalityCode, decimal> { [Groningen] = 2, [HetHogeland] = 1 },
            new HashSet<MunicipalityCode> { Groningen, HetHogeland }, NonParticipants.Gap, []);
        var soFar = StatedSoFar.Nothing;
        for (var k = 1; k <= 12; k++)
        {
            var month = year.Month(k);
            var entries = month.Contributions.Select(c => new Entry(c.Key, location, new SettledPeriod(2026, k), SettlementKind.Voorschot, 1m, c.Value)).ToList();
            var statement = CashierStatement.Of(flow, pool, entries, month.GapParts, month.Covered, soFar);
            Assert.Equal(Money.Zero, statement.Balance);
            soFar = soFar with
            {
                Available = soFar.Available + statement.CollectedTotal + statement.CoveredTotal,
                PaidOut = statement.PaidOut.ToDictionary(p => p.Key, p => p.Value + soFar.PaidOut.GetValueOrDefault(p.Key)),
            };
        }
        Assert.Equal(new Money(75_001), soFar.PaidOut[location]);
        Assert.Equal(new Money(25_000), soFar.PaidOut[other]);
    }
}
