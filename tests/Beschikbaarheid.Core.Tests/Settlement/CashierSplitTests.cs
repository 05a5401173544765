using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using FsCheck;
using FsCheck.Fluent;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class CashierSplitTests
{
    private static readonly MunicipalityCode Groningen = MunicipalityCode.Parse("GM0014");
    private static readonly MunicipalityCode Assen = MunicipalityCode.Parse("GM0106");
    private static readonly MunicipalityCode HetHogeland = MunicipalityCode.Parse("GM1966");
    private static readonly HashSet<MunicipalityCode> Participants = [Groningen, HetHogeland];

    [Fact]
    public void LeftoverCents_GoAcrossParticipantsAndNonParticipants_TiesToTheLowestCode()
    {
        // 5 cents over 1 : 1 : 1 pupils = 1.67 each: floors 1 + 1 + 1 = 3, two cents left, all remainders equal:
        // the lowest codes get them, GM0014 Groningen and GM0106 Assen (a non-participant), not GM1966.
        var year = CashierSplit.Annual(new Money(5), new Dictionary<MunicipalityCode, decimal> { [HetHogeland] = 1, [Assen] = 1, [Groningen] = 1 },
            Participants, NonParticipants.Gap, []);
        Assert.Equal(new Money(2), year.Contributions[Groningen]);
        Assert.Equal(new Money(1), year.Contributions[HetHogeland]);
        Assert.Equal((new Money(2), new Money(2)), (year.GapParts[Assen], year.Gap));
    }

    [Fact]
    public void Gap_IsCoveredByTheFundsInOrder_AndTheRestIsShownUncovered()
    {
        // € 3,000,000 over Groningen 80, Het Hogeland 12, Assen 8 (Drenthe): Assen's part € 240,000 is the gap.
        // VSV-middelen covers € 200,000, a second fund € 30,000: € 10,000 stays uncovered.
        var year = CashierSplit.Annual(Money.FromEuros(3_000_000m),
            new Dictionary<MunicipalityCode, decimal> { [Groningen] = 80, [HetHogeland] = 12, [Assen] = 8 },
            Participants, NonParticipants.Gap, [new GapFund("VSV-middelen", Money.FromEuros(200_000m)), new GapFund("Regiofonds", Money.FromEuros(30_000m))]);
        Assert.Equal(Money.FromEuros(240_000m), year.Gap);
        Assert.Equal([("VSV-middelen", Money.FromEuros(200_000m)), ("Regiofonds", Money.FromEuros(30_000m))], year.Covered);
        Assert.Equal(Money.FromEuros(10_000m), year.Uncovered);
        // Available to pay out: 2,400,000 + 360,000 collected + 230,000 covered = € 2,990,000.
        Assert.Equal(Money.FromEuros(2_990_000m), year.Available);
    }

    [Fact]
    public void Spread_SharesTheNonParticipantsPartOverTheParticipants()
    {
        // 100,000 cents over 80 : 12 : 8 = 80,000 / 12,000 / 8,000. Assen's 8,000 spread 80 : 12 = 6,956.52 and 1,043.48:
        // floors 6,956 + 1,043 = 7,999, the cent to the larger remainder (.52), Groningen.
        var year = CashierSplit.Annual(Money.FromEuros(1_000m),
            new Dictionary<MunicipalityCode, decimal> { [Groningen] = 80, [HetHogeland] = 12, [Assen] = 8 },
            Participants, NonParticipants.Spread, []);
        Assert.Equal(new Money(80_000 + 6_957), year.Contributions[Groningen]);
        Assert.Equal(new Money(12_000 + 1_043), year.Contributions[HetHogeland]);
        Assert.Equal(Money.FromEuros(1_000m), Money.Sum(year.Contributions.Values));
    }

    [Fact]
    public void ZeroSum_ContributionsPlusGapAreTheBudget_AndPayoutsAreWhatIsAvailable()
    {
        var property = Prop.ForAll(
            Gen.Choose(0, 50_000_000).ToArbitrary(),
            Gen.ListOf(Gen.Choose(0, 500)).Where(l => l.Count >= 3 && l.Sum() > 0).ToArbitrary(),
            (budget, counts) =>
            {
                var pupils = counts.Select((c, i) => (Code: MunicipalityCode.Parse($"GM{i + 1:0000}"), Count: (decimal)c)).ToDictionary(p => p.Code, p => p.Count);
                var participants = pupils.Keys.Where((_, i) => i % 3 != 0).ToHashSet();
                var year = CashierSplit.Annual(new Money(budget), pupils, participants, NonParticipants.Gap, [new GapFund("VSV", new Money(budget / 20))]);
                var payouts = CashierSplit.Payouts(year.Available, new Dictionary<SchoolLocationId, decimal>
                {
                    [SchemeBuilder.Location("25XX00")] = 9m, [SchemeBuilder.Location("25XX01")] = 2.5m,
                });
                return Money.Sum(year.Contributions.Values) + year.Gap == new Money(budget)
                    && year.Gap == Money.Sum(year.Covered.Select(c => c.Amount)) + year.Uncovered
                    && Money.Sum(payouts.Values) == Money.Sum(year.Contributions.Values) + Money.Sum(year.Covered.Select(c => c.Amount));
            });
        Check.QuickThrowOnFailure(property);
    }
}
