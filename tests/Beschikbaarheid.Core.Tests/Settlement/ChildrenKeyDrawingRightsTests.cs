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
}
