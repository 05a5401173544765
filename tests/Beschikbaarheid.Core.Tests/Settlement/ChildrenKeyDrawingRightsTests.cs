using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>A Waadhoeke-like class: the host invoices guest municipalities by their children's days.</summary>
public class ChildrenKeyDrawingRightsTests
{
    private static readonly SchoolLocationId Class = SchemeBuilder.Location("60WA00");
    private static readonly MunicipalityCode Waadhoeke = MunicipalityCode.Parse("GM1949");
    private static readonly MunicipalityCode Harlingen = MunicipalityCode.Parse("GM0072");
    private static readonly MunicipalityCode Leeuwarden = MunicipalityCode.Parse("GM0080");

    [Fact]
    public void LocationMonth_IsSplitByChildDays_AndTheHostInvoicesItsGuests()
    {
        var pool = new DrawingRightsPool(1, 28m, 0m, 0,
            new Dictionary<string, CareCategory> { ["JZ"] = new("JZ", Money.FromEuros(80_000m)) }, new Dictionary<string, string>(), null,
            new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>(), 2m);
        var scheme = new Scheme("waadhoeke", "Einstein-klas", 2024, new SchemeTerms(
            new HashSet<SchoolLocationId> { Class }, new HashSet<MunicipalityCode> { Waadhoeke, Harlingen, Leeuwarden },
            pool, new ChildrenKey(), new LeadFlow(Waadhoeke), new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw")));
        // 1.50 FTE × € 80,000 = € 120,000 a year; March = ⌊12,000,000 × 3/12⌋ − ⌊12,000,000 × 2/12⌋ = 1,000,000 cents.
        DrawingRight[] rights = [new(Class, "JZ", 0, 0, null, null, false, 1, 1, false, 1, 1.50m, Money.FromEuros(120_000m))];
        Beschikking Child(string client, MunicipalityCode residence, DateOnly start, DateOnly? end = null, Law law = Law.JW) =>
            new($"B-{client}", client, residence, Class, "A", "JZ", law, 4, new ActivePeriod(start, end));
        var plan = MonthlySettlement.Calculate(scheme, new YearMonth(2026, 3), new SettlementInputs(
        [
            Child("a", Waadhoeke, new DateOnly(2025, 8, 1)), Child("b", Waadhoeke, new DateOnly(2025, 8, 1)),
            Child("c", Harlingen, new DateOnly(2025, 8, 1)),
            Child("d", Leeuwarden, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 19)),
            Child("e", Leeuwarden, new DateOnly(2025, 8, 1), law: Law.WLZ),
        ], rights, []));
        // Child-days in March: Waadhoeke 31 + 31 = 62, Harlingen 31, Leeuwarden 10 (the WLZ child does not count): 103.
        // 1,000,000 × 62/103 = 601,941.75; × 31/103 = 300,970.87; × 10/103 = 97,087.38. Floors leave 2 cents:
        // the largest remainders, Harlingen (.87) and Waadhoeke (.75), get one each.
        Assert.Equal(
            [(Harlingen, new Money(300_971)), (Leeuwarden, new Money(97_087))],
            plan.Invoices.Select(i => (i.Debtor, i.Total)));
        Assert.Equal(new Money(601_942), plan.Allocation.Single(a => a.Municipality == Waadhoeke).Month);
        Assert.All(plan.Invoices, i => Assert.Equal(Waadhoeke, i.Issuer));
    }

    [Fact]
    public void BlendedKey_SplitsTheLocationMonthBySumOfWeightedShares()
    {
        var pool = new DrawingRightsPool(1, 28m, 0m, 0,
            new Dictionary<string, CareCategory> { ["JZ"] = new("JZ", Money.FromEuros(80_000m)) }, new Dictionary<string, string>(), null,
            new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>(), 2m);
        var blend = new BlendKey([new WeightedKey(new PupilsKey(2m), 0.5m), new WeightedKey(new ChildrenKey(), 0.5m)]);
        var scheme = new Scheme("waadhoeke", "Einstein-klas", 2024, new SchemeTerms(
            new HashSet<SchoolLocationId> { Class }, new HashSet<MunicipalityCode> { Waadhoeke, Harlingen },
            pool, blend, new LeadFlow(Waadhoeke), new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw")));
        DrawingRight[] rights = [new(Class, "JZ", 0, 0, null, null, false, 1, 1, false, 1, 1.50m, Money.FromEuros(120_000m))];
        Beschikking Child(string client, MunicipalityCode residence) =>
            new($"B-{client}", client, residence, Class, "A", "JZ", Law.JW, 4, new ActivePeriod(new DateOnly(2025, 8, 1), null));
        var plan = MonthlySettlement.Calculate(scheme, new YearMonth(2026, 3), new SettlementInputs(
            [Child("a", Waadhoeke), Child("b", Harlingen), Child("c", Harlingen)],
            rights,
            [new(new DateOnly(2025, 10, 1), Class, Waadhoeke, 40), new(new DateOnly(2025, 10, 1), Class, Harlingen, 10)]));
        // March = 1,000,000 cents. Pupils 40:10 (shares 0.8 / 0.2); child-days 31:62 (1/3 / 2/3).
        // Blend 0.5/0.5: Waadhoeke 0.4 + 0.1667 = 0.5667, Harlingen 0.1 + 0.3333 = 0.4333; exactly 2,635 : 2,015 of 4,650.
        // 1,000,000 × 2,635/4,650 = 566,666.67 and × 2,015/4,650 = 433,333.33: floors leave 1 cent for Waadhoeke (.67).
        Assert.Equal(new Money(433_333), Assert.Single(plan.Invoices).Total);
        Assert.Equal(new Money(566_667), plan.Allocation.Single(a => a.Municipality == Waadhoeke).Month);
    }

    [Fact]
    public void ChildWithOverlappingBeschikkingen_CountsItsDaysOnce()
    {
        var scheme = Waadhoeke2024(new ChildrenKey(), Waadhoeke, Harlingen);
        // 1.37 FTE × € 80,000 = € 109,600 = 10,960,000 cents a year. November (k = 11):
        // ⌊10,960,000 × 11/12⌋ − ⌊10,960,000 × 10/12⌋ = ⌊10,046,666.67⌋ − ⌊9,133,333.33⌋ = 10,046,666 − 9,133,333 = 913,333 cents.
        var plan = MonthlySettlement.Calculate(scheme, new YearMonth(2026, 11), new SettlementInputs(
        [
            Beschikking("c1", Waadhoeke, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20)),
            Beschikking("c1", Waadhoeke, new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 30)),
            Beschikking("c2", Harlingen, new DateOnly(2026, 9, 1)),
        ], Rights(1.37m, 109_600m), []));
        // c1: 1–20 and 10–30 November overlap; their union is 1–30 November = 30 days (not 20 + 21 = 41).
        // c2: all of November = 30 days. Weights Waadhoeke 30 : Harlingen 30 of 60.
        // 913,333 × 30/60 = 456,666.50 each; floors 456,666 + 456,666 = 913,332 leave 1 cent, the remainders tie (.50),
        // so it goes to the lowest code: Harlingen GM0072 (below Waadhoeke GM1949) gets 456,667.
        Assert.Equal([(Harlingen, new Money(456_667))], plan.Invoices.Select(i => (i.Debtor, i.Total)));
        var waadhoeke = plan.Allocation.Single(a => a.Municipality == Waadhoeke);
        Assert.Equal(new Money(456_666), waadhoeke.Month);
        Assert.Equal(30m, waadhoeke.Basis);
        Assert.Equal(1, waadhoeke.Children);
        // Projection: 10,960,000 × 30/60 = 5,480,000 each, no cents left.
        Assert.All(plan.Allocation, a => Assert.Equal(new Money(5_480_000), a.AnnualProjection));
    }

    [Fact]
    public void ChildrenKey_ProjectsTheAnnualBudgetSplitByTheMonthsWeights()
    {
        var scheme = Waadhoeke2024(new ChildrenKey(), Waadhoeke, Harlingen, Leeuwarden);
        var plan = MonthlySettlement.Calculate(scheme, new YearMonth(2026, 3), new SettlementInputs(
        [
            Beschikking("a", Waadhoeke, new DateOnly(2025, 8, 1)), Beschikking("b", Waadhoeke, new DateOnly(2025, 8, 1)),
            Beschikking("c", Harlingen, new DateOnly(2025, 8, 1)),
            Beschikking("d", Leeuwarden, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 19)),
        ], Rights(1.50m, 120_000m), []));
        // Child-days in March: Waadhoeke 31 + 31 = 62, Harlingen 31, Leeuwarden 10 (10–19 March): 103.
        // Annual budget 1.50 FTE × € 80,000 = 12,000,000 cents, split 62 : 31 : 10 as if the year went on as March:
        // Waadhoeke 744,000,000/103 = 7,223,300 rest 100 (.971); Harlingen 372,000,000/103 = 3,611,650 rest 50 (.485);
        // Leeuwarden 120,000,000/103 = 1,165,048 rest 56 (.544). Floors sum to 11,999,998: the 2 cents left go to
        // the largest remainders, Waadhoeke (.971) and Leeuwarden (.544).
        Assert.Equal(
            [(Harlingen, new Money(3_611_650)), (Leeuwarden, new Money(1_165_049)), (Waadhoeke, new Money(7_223_301))],
            plan.Allocation.Select(a => (a.Municipality, a.AnnualProjection)));
    }

    [Fact]
    public void BlendedKey_CountsAChildsOverlappingDaysOnce()
    {
        var scheme = Waadhoeke2024(HalfPupilsHalfChildren(), Waadhoeke, Harlingen);
        // November: 913,333 cents of 10,960,000, as in ChildWithOverlappingBeschikkingen_CountsItsDaysOnce.
        var plan = MonthlySettlement.Calculate(scheme, new YearMonth(2026, 11), new SettlementInputs(
        [
            Beschikking("c1", Waadhoeke, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20)),
            Beschikking("c1", Waadhoeke, new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 30)),
            Beschikking("c2", Harlingen, new DateOnly(2026, 9, 1)),
        ], Rights(1.37m, 109_600m), Pupils(40, 10)));
        // Pupils on 1 Oct 2025: Waadhoeke 40, Harlingen 10 (P = 50). Child-days: c1's union 30, c2 30 (C = 60).
        // Weights 0.5 × pupils × C + 0.5 × days × P: Waadhoeke 0.5×40×60 + 0.5×30×50 = 1,200 + 750 = 1,950;
        // Harlingen 0.5×10×60 + 0.5×30×50 = 300 + 750 = 1,050; of 3,000, i.e. 0.65 : 0.35.
        // 913,333 × 0.65 = 593,666.45, × 0.35 = 319,666.55: floors leave 1 cent for Harlingen (.55).
        // (Counting c1 41 days would have given 2,445 : 1,105 instead.)
        Assert.Equal([(Harlingen, new Money(319_667))], plan.Invoices.Select(i => (i.Debtor, i.Total)));
        Assert.Equal(new Money(593_666), plan.Allocation.Single(a => a.Municipality == Waadhoeke).Month);
    }

    [Fact]
    public void BlendedKey_ProjectsTheAnnualBudgetSplitByTheMonthsWeights()
    {
        var scheme = Waadhoeke2024(HalfPupilsHalfChildren(), Waadhoeke, Harlingen);
        var plan = MonthlySettlement.Calculate(scheme, new YearMonth(2026, 3), new SettlementInputs(
            [Beschikking("a", Waadhoeke, new DateOnly(2025, 8, 1)), Beschikking("b", Harlingen, new DateOnly(2025, 8, 1)), Beschikking("c", Harlingen, new DateOnly(2025, 8, 1))],
            Rights(1.37m, 109_600m), Pupils(40, 10)));
        // Pupils 40 : 10 (P = 50); child-days in March 31 : 62 (C = 93). Weights: Waadhoeke 0.5×40×93 + 0.5×31×50 = 1,860 + 775
        // = 2,635; Harlingen 0.5×10×93 + 0.5×62×50 = 465 + 1,550 = 2,015; of 4,650, i.e. 17/30 : 13/30.
        // March: ⌊10,960,000 × 3/12⌋ − ⌊10,960,000 × 2/12⌋ = 2,740,000 − ⌊1,826,666.67⌋ = 913,334.
        // Month: 913,334 × 17/30 = 517,555.93, × 13/30 = 395,778.07: the 1 cent left goes to Waadhoeke (.93).
        // Projection: 10,960,000 × 17/30 = 6,210,666.67, × 13/30 = 4,749,333.33: the 1 cent left goes to Waadhoeke (.67).
        Assert.Equal(
            [(Harlingen, new Money(395_778), new Money(4_749_333)), (Waadhoeke, new Money(517_556), new Money(6_210_667))],
            plan.Allocation.Select(a => (a.Municipality, a.Month, a.AnnualProjection)));
    }

    private static Scheme Waadhoeke2024(Key key, params MunicipalityCode[] participants)
    {
        var pool = new DrawingRightsPool(1, 28m, 0m, 0,
            new Dictionary<string, CareCategory> { ["JZ"] = new("JZ", Money.FromEuros(80_000m)) }, new Dictionary<string, string>(), null,
            new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>(), 2m);
        return new Scheme("waadhoeke", "Einstein-klas", 2024, new SchemeTerms(
            new HashSet<SchoolLocationId> { Class }, participants.ToHashSet(),
            pool, key, new LeadFlow(Waadhoeke), new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw")));
    }

    private static BlendKey HalfPupilsHalfChildren() =>
        new([new WeightedKey(new PupilsKey(2m), 0.5m), new WeightedKey(new ChildrenKey(), 0.5m)]);

    private static DrawingRight[] Rights(decimal fte, decimal budgetEuros) =>
        [new(Class, "JZ", 0, 0, null, null, false, 1, 1, false, 1, fte, Money.FromEuros(budgetEuros))];

    private static PupilCount[] Pupils(int waadhoeke, int harlingen) =>
        [new(new DateOnly(2025, 10, 1), Class, Waadhoeke, waadhoeke), new(new DateOnly(2025, 10, 1), Class, Harlingen, harlingen)];

    private static Beschikking Beschikking(string client, MunicipalityCode residence, DateOnly start, DateOnly? end = null) =>
        new($"B-{client}-{start:yyyyMMdd}", client, residence, Class, "A", "JZ", Law.JW, 4, new ActivePeriod(start, end));
}
