using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using FsCheck;
using FsCheck.Fluent;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class MonthlySettlementTests
{
    private static readonly YearMonth March2026 = new(2026, 3);

    /// <summary>March 2026: 31 days, 365 days in the year, € 13,750 = 1,375,000 cents a child a year.</summary>
    private static SettlementPlan March() => MonthlySettlement.Calculate(Nijmegen2019(), March2026,
    [
        Beschikking("c1", Beuningen, StMaarten, 8m, new DateOnly(2026, 1, 1)),                                  // 31 days
        Beschikking("c2", Beuningen, StMaarten, 11.99m, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 20)),  // 11 days
        Beschikking("c3", Beuningen, StMaarten, 12m, new DateOnly(2026, 1, 1)),                                 // threshold: individual
        Beschikking("c4", Beuningen, Meander, 4m, new DateOnly(2026, 2, 15), new DateOnly(2026, 3, 5)),         // 5 days
        Beschikking("c5", BergEnDal, StMaarten, 4m, new DateOnly(2026, 1, 1), law: Law.WLZ),                   // WLZ: individual
        Beschikking("c6", Arnhem, StMaarten, 4m, new DateOnly(2026, 1, 1)),                                     // non-participant
        Beschikking("c7", Nijmegen, StMaarten, 6m, new DateOnly(2025, 9, 1)),                                   // lead: 31 days
        Beschikking("c8", BergEnDal, Elsewhere, 4m, new DateOnly(2026, 1, 1)),                                  // other school: ignored
        Beschikking("c9", BergEnDal, StMaarten, 5m, new DateOnly(2026, 3, 31)),                                 // 1 day
        Beschikking("c10", BergEnDal, StMaarten, 5m, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28)),      // ended before March
    ]);

    [Fact]
    public void Invoice_LinesPerSchool_WorkedOutByHand()
    {
        var beuningen = March().Invoices.Single(i => i.Debtor == Beuningen);
        // St. Maarten: c1 31 + c2 11 = 42 child-days; 1,375,000 × 42 / 365 = 158,219.18 → 158,219 cents.
        // De Meander: c4 1–5 March = 5 child-days; 1,375,000 × 5 / 365 = 18,835.62 → 18,836 cents.
        Assert.Equal(Nijmegen, beuningen.Issuer);
        Assert.Collection(beuningen.Lines,
            l => Assert.Equal((StMaarten, 42m, new Money(158_219)), (l.School, l.Basis, l.Amount)),
            l => Assert.Equal((Meander, 5m, new Money(18_836)), (l.School, l.Basis, l.Amount)));
        // 158,219 + 18,836 = 177,055 cents = € 1,770.55.
        Assert.Equal(new Money(177_055), beuningen.Total);
    }

    [Fact]
    public void Invoice_ForAChildStartingOnTheLastDay_CountsOneDay()
    {
        // c9: 31 March only; 1,375,000 × 1 / 365 = 3,767.12 → 3,767 cents (€ 37.67). c5 (WLZ) and c8 (other school) add nothing.
        var bergEnDal = March().Invoices.Single(i => i.Debtor == BergEnDal);
        var line = Assert.Single(bergEnDal.Lines);
        Assert.Equal((1m, new Money(3_767)), (line.Basis, line.Amount));
    }

    [Fact]
    public void Lead_IsCountedInTheAllocation_ButNeverInvoiced()
    {
        var plan = March();
        Assert.DoesNotContain(plan.Invoices, i => i.Debtor == Nijmegen);
        var lead = plan.Allocation.Single(a => a.Municipality == Nijmegen);
        // c7: 31 days; 1,375,000 × 31 / 365 = 116,780.82 → 116,781 cents.
        Assert.Equal((1, 31m, new Money(116_781), false), (lead.Children, lead.Basis, lead.Month, lead.Invoiced));
    }

    [Fact]
    public void Individual_CountsChildrenWhoStayOnTheirBeschikking_ByReason()
    {
        var individual = March().Individual.ToDictionary(i => i.Reason, i => i.Children);
        Assert.Equal(1, individual[Eligibility.AtOrAboveThreshold]); // c3
        Assert.Equal(1, individual[Eligibility.OtherLaw]);           // c5
        Assert.Equal(1, individual[Eligibility.NonParticipant]);     // c6
        Assert.Equal(3, individual.Count);
    }

    [Fact]
    public void Individual_CountsAClientOncePerMonthAndReason_InTheMonthsItsBeschikkingenAreActive()
    {
        // c20: two WLZ beschikkingen, 1 Jan–28 Feb and 15 Feb–30 Apr: one child in February (both active), one in April (the
        // second only), none in May. c21: 12 hours (at the threshold) until 31 January: counted in January only. Several months
        // from the same inputs, as a run computes its month and the months it corrects.
        var inputs = new SettlementInputs(
        [
            Beschikking("c20", BergEnDal, StMaarten, 4m, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28), law: Law.WLZ),
            Beschikking("c20", BergEnDal, StMaarten, 4m, new DateOnly(2026, 2, 15), new DateOnly(2026, 4, 30), law: Law.WLZ),
            Beschikking("c21", Beuningen, StMaarten, 12m, new DateOnly(2025, 9, 1), new DateOnly(2026, 1, 31)),
        ], [], []);
        int Count(int month, Eligibility reason) =>
            MonthlySettlement.Calculate(Nijmegen2019(), new YearMonth(2026, month), inputs).Individual.SingleOrDefault(i => i.Reason == reason)?.Children ?? 0;
        Assert.Equal((1, 1, 1, 0), (Count(1, Eligibility.OtherLaw), Count(2, Eligibility.OtherLaw), Count(4, Eligibility.OtherLaw), Count(5, Eligibility.OtherLaw)));
        Assert.Equal((1, 0), (Count(1, Eligibility.AtOrAboveThreshold), Count(2, Eligibility.AtOrAboveThreshold)));
    }

    [Fact]
    public void AnnualProjection_CountsTheDaysOfTheWholeFundingYear()
    {
        // Beuningen's eligible children over 2026: c1 1 Jan–31 Dec = 365 days, c2 10–20 Mar = 11, c4 15 Feb–5 Mar = 19 (14 + 5).
        // St. Maarten: 1,375,000 × 376 / 365 = 1,416,438.36 → 1,416,438; De Meander: 1,375,000 × 19 / 365 = 71,575.34 → 71,575.
        var beuningen = March().Allocation.Single(a => a.Municipality == Beuningen);
        Assert.Equal(new Money(1_416_438 + 71_575), beuningen.AnnualProjection);
    }

    [Fact]
    public void LeapYear_AndYearOverride_AreApplied()
    {
        // February 2028: 29 days of 366. The 2027 override (6 h) still holds in 2028:
        // 6 × 62.50 × 40 = € 15,000 = 1,500,000 cents; × 29 / 366 = 118,852.46 → 118,852 cents.
        var plan = MonthlySettlement.Calculate(Nijmegen2019(), new YearMonth(2028, 2),
            [Beschikking("c1", Beuningen, StMaarten, 8m, new DateOnly(2027, 8, 1))]);
        var line = Assert.Single(Assert.Single(plan.Invoices).Lines);
        Assert.Equal((29m, new Money(118_852)), (line.Basis, line.Amount));
    }

    [Fact]
    public void TwoOverlappingBeschikkingenOfOneChild_CountAsOneChild()
    {
        // c1 has two eligible beschikkingen at St. Maarten: 1–20 and 11–31 March. Union: 31 days, one child.
        var plan = MonthlySettlement.Calculate(Nijmegen2019(), March2026,
        [
            Beschikking("c1", Beuningen, StMaarten, 4m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 20)),
            Beschikking("c1", Beuningen, StMaarten, 6m, new DateOnly(2026, 3, 11)),
        ]);
        var row = plan.Allocation.Single(a => a.Municipality == Beuningen);
        Assert.Equal((1, 31m), (row.Children, row.Basis));
    }

    [Fact]
    public void NoEligibleChildren_GivesNoInvoices()
    {
        var plan = MonthlySettlement.Calculate(Nijmegen2019(), March2026,
            [Beschikking("c1", Arnhem, StMaarten, 4m, new DateOnly(2026, 1, 1))]);
        Assert.False(plan.HasEligibleChildren);
        Assert.Empty(plan.Invoices);
    }

    /// <summary>
    /// A random month of 2026–2028 with random beschikkingen, also at another school, at or just under the threshold,
    /// under another law: every entry is a line of <see cref="RulesModel.PerChildMonth"/>, and no line is missing.
    /// </summary>
    [Fact]
    public void MonthOfAPerChildPool_IsEachLinesChildDaysProratedAndRoundedOnce_ForRandomBeschikkingen() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (month, data, plan) = RandomMonth(seed);
            return plan.Entries
                .Select(e => new RulesModel.Line(e.Municipality.Municipality!.Value, e.School, (int)e.Basis, e.Amount.Cents))
                .SequenceEqual(RulesModel.PerChildMonth(PerChildRules.Nijmegen2019, month, data));
        }));

    /// <summary>
    /// The lead flow on the same random months: every participant but the lead with a line in the model gets one
    /// invoice from the lead with exactly its lines (school, child-days, amount); the lead and municipalities without
    /// lines get none; the allocation row of every participant carries the model's child-days and amount.
    /// </summary>
    [Fact]
    public void LeadInvoicesEveryOtherParticipant_ItsModelLines_AndCountsItsOwnInTheAllocation() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (month, data, plan) = RandomMonth(seed);
            var lines = RulesModel.PerChildMonth(PerChildRules.Nijmegen2019, month, data).ToLookup(l => l.Municipality);
            var debtors = lines.Select(g => g.Key).Where(m => m != Nijmegen).Order().ToList();
            return plan.Invoices.Select(i => i.Debtor.Municipality!.Value).SequenceEqual(debtors)
                && plan.Invoices.All(i => i.Issuer == Nijmegen
                    && i.Lines.Select(l => (l.School, l.Basis, l.Amount.Cents)).SequenceEqual(lines[i.Debtor.Municipality!.Value].Select(l => (l.School, (decimal)l.ChildDays, l.Cents))))
                && plan.Allocation.Select(a => a.Municipality).Order().SequenceEqual(PerChildRules.Nijmegen2019.Participants.Order())
                && plan.Allocation.All(a => a.Basis == lines[a.Municipality].Sum(l => l.ChildDays)
                    && a.Month.Cents == lines[a.Municipality].Sum(l => l.Cents)
                    && a.Invoiced == (a.Municipality != Nijmegen));
        }));

    /// <summary>Up to 30 beschikkingen from the builder's generator, some moved to a school outside the scheme, to hours at or just under the threshold, or to the ZVW.</summary>
    private static (YearMonth Month, List<Beschikking> Data, SettlementPlan Plan) RandomMonth(int seed)
    {
        var random = new Random(seed);
        var data = Enumerable.Range(0, random.Next(0, 30))
            .Select(i => RandomBeschikking(random, i))
            .Select(b => random.Next(10) switch
            {
                0 => b with { School = Elsewhere },
                1 => b with { HoursPerWeek = 12m },
                2 => b with { HoursPerWeek = 11.99m },
                3 => b with { Law = Law.ZVW },
                _ => b,
            })
            .ToList();
        var month = new YearMonth(2026 + random.Next(3), random.Next(1, 13));
        return (month, data, MonthlySettlement.Calculate(Nijmegen2019(), month, data));
    }
}
