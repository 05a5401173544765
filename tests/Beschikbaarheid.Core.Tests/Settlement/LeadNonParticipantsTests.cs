using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>
/// The lead flow's <c>nonParticipants</c> under drawing rights with the pupils key, hand-worked. Participants Velsen (lead),
/// Beverwijk and Heemskerk; Uitgeest and Castricum do not take part.
/// <code>
/// 45AA00 budget 1,000,001 cents: Velsen 3, Beverwijk 3, Uitgeest 1 pupils (7).
///   3/7 × 1,000,001 = 428,571 rest 6/7 (Beverwijk, Velsen); 1/7 = 142,857 rest 2/7 (Uitgeest); floors 999,999,
///   2 cents left to the largest remainders, Beverwijk and Velsen (tied at 6/7): 428,572 / 428,572 / 142,857.
/// 45AB00 budget 600,000 cents: Heemskerk 2, Velsen 1, Castricum 1 (4): 300,000 / 150,000 / 150,000 exactly.
/// </code>
/// </summary>
public class LeadNonParticipantsTests
{
    private static readonly MunicipalityCode Velsen = MunicipalityCode.Parse("GM0453");
    private static readonly MunicipalityCode Beverwijk = MunicipalityCode.Parse("GM0375");
    private static readonly MunicipalityCode Heemskerk = MunicipalityCode.Parse("GM0396");
    private static readonly MunicipalityCode Uitgeest = MunicipalityCode.Parse("GM0450");
    private static readonly MunicipalityCode Castricum = MunicipalityCode.Parse("GM0383");
    private static readonly SchoolLocationId A = SchemeBuilder.Location("45AA00");
    private static readonly SchoolLocationId B = SchemeBuilder.Location("45AB00");
    private static readonly DateOnly Peildatum = new(2025, 10, 1);

    private static readonly PupilCount[] Counts =
    [
        new(Peildatum, A, Velsen, 3), new(Peildatum, A, Beverwijk, 3), new(Peildatum, A, Uitgeest, 1),
        new(Peildatum, B, Heemskerk, 2), new(Peildatum, B, Velsen, 1), new(Peildatum, B, Castricum, 1),
    ];

    private static SettlementPlan Month(LeadNonParticipants mode, int month = 1) =>
        MonthlySettlement.Calculate(Scheme(mode), new YearMonth(2026, month), new SettlementInputs([], [Right(A, 1_000_001), Right(B, 600_000)], Counts));

    private static long Invoiced(SettlementPlan plan, MunicipalityCode debtor) => plan.Invoices.Single(i => i.Debtor == debtor).Total.Cents;

    private static long Own(SettlementPlan plan, SchoolLocationId? school = null) =>
        plan.Entries.Where(e => e.Municipality == Velsen && (school is null || e.School == school)).Sum(e => e.Amount.Cents);

    /// <summary>
    /// Spread: Uitgeest's 142,857 at 45AA00 over Velsen 3 and Beverwijk 3: 71,428.5 each, floors 142,856, the cent left
    /// goes to the tie's lowest code, Beverwijk: Beverwijk 71,429, Velsen 71,428. Castricum's 150,000 at 45AB00 over
    /// Heemskerk 2 and Velsen 1: 100,000 / 50,000.
    /// Annual: Beverwijk 428,572 + 71,429 = 500,001; Heemskerk 300,000 + 100,000 = 400,000;
    /// Velsen 428,572 + 71,428 at 45AA00 (500,000) + 150,000 + 50,000 at 45AB00 (200,000) = 700,000. Sum 1,600,001, the budgets.
    /// January ⌊X/12⌋: Beverwijk ⌊41,666.75⌋ = 41,666; Heemskerk ⌊33,333.3⌋ = 33,333; Velsen ⌊58,333.3⌋ = 58,333, over its
    /// locations 5:2: 41,666.43 / 16,666.57, floors 58,332, the cent to 45AB00: 41,666 / 16,667.
    /// February: Beverwijk ⌊1,000,002/12⌋ − 41,666 = 83,333 − 41,666 = 41,667 (the leftover cent).
    /// </summary>
    [Fact]
    public void Spread_SplitsEachNonParticipantsAnnualPartOverTheLocationsParticipantsByPupils()
    {
        var plan = Month(LeadNonParticipants.Spread);
        Assert.Equal([Beverwijk, Heemskerk], plan.Invoices.Select(i => i.Debtor));
        Assert.Equal(41_666, Invoiced(plan, Beverwijk));
        Assert.Equal(33_333, Invoiced(plan, Heemskerk));
        Assert.Equal(58_333, Own(plan));
        Assert.Equal((41_666, 16_667), (Own(plan, A), Own(plan, B)));
        Assert.Equal(500_001, plan.AnnualShares[(Beverwijk, A)].Cents);
        Assert.Equal(400_000, plan.AnnualShares[(Heemskerk, B)].Cents);
        Assert.Equal((500_000, 200_000), (plan.AnnualShares[(Velsen, A)].Cents, plan.AnnualShares[(Velsen, B)].Cents));
        Assert.Equal(41_667, Invoiced(Month(LeadNonParticipants.Spread, 2), Beverwijk));

        // The sheet: only participants as rows, each non-participant's part and where it went.
        Assert.Equal([Beverwijk, Heemskerk, Velsen], plan.Allocation.Select(a => a.Municipality));
        var outside = plan.Calculation!.NonParticipants!;
        Assert.Equal(LeadNonParticipants.Spread, outside.Mode);
        Assert.Equal(
            ["GM0450 45AA00 1 142857 GM0375=71429,GM0453=71428", "GM0383 45AB00 1 150000 GM0396=100000,GM0453=50000"],
            outside.Parts.Select(p => $"{p.Municipality} {p.School} {p.Basis} {p.Cents} {string.Join(",", p.To.Select(t => $"{t.Key}={t.Value}"))}"));
        // A location's pupils are all its pupils: 7 and 4.
        Assert.Equal([7m, 4m], plan.Locations.Select(l => l.Basis));
        AgreesWithTheSheet(plan);
    }

    /// <summary>
    /// Lead: Velsen carries Uitgeest's 142,857 and Castricum's 150,000: Velsen 428,572 + 142,857 = 571,429 at 45AA00 and
    /// 150,000 + 150,000 = 300,000 at 45AB00, 871,429 a year; Beverwijk 428,572, Heemskerk 300,000 (sum 1,600,001).
    /// January: Beverwijk ⌊35,714.3⌋ = 35,714; Heemskerk 25,000; Velsen ⌊72,619.08⌋ = 72,619, over its locations by
    /// 571,429 : 300,000: 72,619 × 571,429 ÷ 871,429 = 47,619 rest 25,000/871,429, 72,619 × 300,000 ÷ 871,429 = 24,999 rest
    /// 846,429/871,429; floors 72,618, the cent to 45AB00: 47,619 / 25,000.
    /// </summary>
    [Fact]
    public void Lead_CarriesTheNonParticipantsParts()
    {
        var plan = Month(LeadNonParticipants.Lead);
        Assert.Equal([Beverwijk, Heemskerk], plan.Invoices.Select(i => i.Debtor));
        Assert.Equal(35_714, Invoiced(plan, Beverwijk));
        Assert.Equal(25_000, Invoiced(plan, Heemskerk));
        Assert.Equal((47_619, 25_000), (Own(plan, A), Own(plan, B)));
        Assert.Equal(871_429, plan.Allocation.Single(a => a.Municipality == Velsen).AnnualProjection.Cents);
        Assert.Equal(
            ["GM0450 45AA00 142857 GM0453=142857", "GM0383 45AB00 150000 GM0453=150000"],
            plan.Calculation!.NonParticipants!.Parts.Select(p => $"{p.Municipality} {p.School} {p.Cents} {string.Join(",", p.To.Select(t => $"{t.Key}={t.Value}"))}"));
        AgreesWithTheSheet(plan);
    }

    /// <summary>
    /// Invoice: everyone keeps its part, and the non-participants are invoiced and listed as rows. January: Castricum
    /// 150,000 ÷ 12 = 12,500; Uitgeest ⌊142,857 ÷ 12⌋ = ⌊11,904.75⌋ = 11,904; Beverwijk 35,714; Heemskerk 25,000;
    /// Velsen ⌊(428,572 + 150,000) ÷ 12⌋ = ⌊48,214.3⌋ = 48,214.
    /// </summary>
    [Fact]
    public void Invoice_InvoicesTheNonParticipants_AndListsThem()
    {
        var plan = Month(LeadNonParticipants.Invoice);
        Assert.Equal([Beverwijk, Castricum, Heemskerk, Uitgeest], plan.Invoices.Select(i => i.Debtor));
        Assert.Equal([35_714L, 12_500L, 25_000L, 11_904L], plan.Invoices.Select(i => i.Total.Cents));
        Assert.Equal(48_214, Own(plan));
        Assert.Equal([Beverwijk, Castricum, Heemskerk, Uitgeest, Velsen], plan.Allocation.Select(a => a.Municipality));
        Assert.All(plan.Allocation.Where(a => a.Municipality != Velsen), a => Assert.True(a.Invoiced));
        Assert.All(plan.Calculation!.NonParticipants!.Parts, p => Assert.Empty(p.To));
        AgreesWithTheSheet(plan);
    }

    /// <summary>Over the year every mode bills exactly the budgets, 1,600,001 cents; each month the sheet and the invoices agree.</summary>
    [Theory]
    [InlineData(LeadNonParticipants.Spread)]
    [InlineData(LeadNonParticipants.Lead)]
    [InlineData(LeadNonParticipants.Invoice)]
    public void TheYear_BillsTheBudgets(LeadNonParticipants mode)
    {
        var plans = Enumerable.Range(1, 12).Select(k => Month(mode, k)).ToList();
        plans.ForEach(AgreesWithTheSheet);
        Assert.Equal(1_600_001, plans.Sum(p => p.Entries.Sum(e => e.Amount.Cents)));
    }

    /// <summary>Invoices + the lead's own = the locations' month = the allocation rows' month; each invoiced row its invoice.</summary>
    private static void AgreesWithTheSheet(SettlementPlan plan)
    {
        var invoiced = plan.Invoices.Sum(i => i.Total.Cents);
        Assert.Equal(invoiced + Own(plan), plan.Locations.Sum(l => l.Month.Cents));
        Assert.Equal(invoiced + Own(plan), plan.Allocation.Sum(a => a.Month.Cents));
        foreach (var row in plan.Allocation.Where(a => a.Invoiced))
        {
            Assert.Equal(row.Month.Cents, Invoiced(plan, row.Municipality));
        }
        Assert.DoesNotContain(plan.Invoices, i => plan.Allocation.All(a => a.Municipality != i.Debtor));
    }

    /// <summary>
    /// Under the blend key (pupils 0.5, children 0.5) at one location 45AA00 with a budget of 1,200,000 cents a year; January is
    /// ⌊1,200,000 × 1/12⌋ = 100,000. Pupils: Velsen 2, Beverwijk 1, Uitgeest 1 (4). Child-days in January (participants only):
    /// one Velsen child and one Beverwijk child, 31 days each (62). Blend weight = 0.5 × pupils × 62 + 0.5 × child-days × 4:
    /// Velsen 62 + 62 = 124, Beverwijk 31 + 62 = 93, Uitgeest 31 + 0 = 31 (248). The month by weight: Velsen 50,000,
    /// Beverwijk 37,500, Uitgeest 12,500, all exact.
    /// <list type="bullet">
    /// <item>spread, by the blend weights 124 : 93: 12,500 × 124/217 = 7,142.86, × 93/217 = 5,357.14; floors 12,499, the cent
    /// to the larger remainder, Velsen: 7,143 / 5,357. Beverwijk is invoiced 37,500 + 5,357 = 42,857; Velsen carries 57,143.</item>
    /// <item>lead: Beverwijk 37,500; Velsen carries 50,000 + 12,500 = 62,500.</item>
    /// <item>invoice: Beverwijk 37,500 and Uitgeest 12,500 invoiced; Velsen carries 50,000.</item>
    /// </list>
    /// In each mode the invoices and the lead's own share add up to the location's month, 100,000.
    /// </summary>
    [Theory]
    [InlineData(LeadNonParticipants.Spread, 42_857L, 0L, 57_143L)]
    [InlineData(LeadNonParticipants.Lead, 37_500L, 0L, 62_500L)]
    [InlineData(LeadNonParticipants.Invoice, 37_500L, 12_500L, 50_000L)]
    public void UnderTheBlendKey_ANonParticipantsPartOfTheMonth_GoesWhereTheSettingSays(LeadNonParticipants mode, long beverwijk, long uitgeest, long velsen)
    {
        var terms = Scheme(mode).TermsFor(2026);
        var blend = new Scheme("ijmond", "IJmond", 2026, terms with
        {
            Schools = new HashSet<SchoolLocationId> { A },
            Key = new BlendKey([new WeightedKey(new PupilsKey(2m), 0.5m), new WeightedKey(new ChildrenKey(), 0.5m)]),
        });
        PupilCount[] counts = [new(Peildatum, A, Velsen, 2), new(Peildatum, A, Beverwijk, 1), new(Peildatum, A, Uitgeest, 1)];
        Beschikking[] children =
        [
            SchemeBuilder.Beschikking("v1", Velsen, A, 4m, new DateOnly(2026, 1, 1)),
            SchemeBuilder.Beschikking("b1", Beverwijk, A, 4m, new DateOnly(2026, 1, 1)),
        ];
        var plan = MonthlySettlement.Calculate(blend, new YearMonth(2026, 1), new SettlementInputs(children, [Right(A, 1_200_000)], counts));

        Assert.Equal(beverwijk, Invoiced(plan, Beverwijk));
        Assert.Equal(uitgeest, plan.Invoices.Where(i => i.Debtor == Uitgeest).Sum(i => i.Total.Cents));
        Assert.Equal(velsen, Own(plan));
        Assert.Equal(100_000L, plan.Invoices.Sum(i => i.Total.Cents) + Own(plan));
    }

    private static DrawingRight Right(SchoolLocationId school, long budget) =>
        new(school, "JZ", 0, 0, null, null, false, 1, 1, true, 1, 1m, new Money(budget));

    private static Scheme Scheme(LeadNonParticipants mode)
    {
        var pool = new DrawingRightsPool(1, 28m, 0m, 0,
            new Dictionary<string, CareCategory> { ["JZ"] = new("JZ", Money.FromEuros(80_000m)) },
            new Dictionary<string, string>(), null, new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>(), 2m);
        return new Scheme("ijmond", "IJmond", 2026, new SchemeTerms(
            new HashSet<SchoolLocationId> { A, B }, new HashSet<MunicipalityCode> { Velsen, Beverwijk, Heemskerk }, pool, new PupilsKey(2m),
            new LeadFlow(Velsen) { NonParticipants = mode }, new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw")));
    }
}
