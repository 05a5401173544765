using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>
/// Funders that are not municipalities, on the Gouda-like demo scheme (config/schemes/gouda-ontschot.json, counts of the
/// demo region on 1 October 2025), worked by hand.
/// <code>
/// Budgets (fixed FTE × € 72,500): 50UA00 1.2 FTE = 8,700,000 cents; 51UB00 0.8 FTE = 5,800,000; pool P = 14,500,000.
/// Shares, amounts first: SB-60001 1,200,000; SB-60002 800,000; then SWV-PO2601 22.5% × 14,500,000 = 3,262,500.
///   Together 5,262,500; left for the municipalities 14,500,000 − 5,262,500 = 9,237,500.
/// Per location, each funder in turn by what is left of the budgets (3 : 2 throughout):
///   SB-60001 720,000 / 480,000 → left 7,980,000 / 5,320,000; SB-60002 480,000 / 320,000 → left 7,500,000 / 5,000,000;
///   SWV 1,957,500 / 1,305,000 → left 5,542,500 / 3,695,000.
/// 50UA00, 5,542,500 by 127 pupils (Utrecht 61, Zeist 24, De Bilt 11, Bunnik 17, Houten &lt;5 = 2, Nieuwegein 12):
///   Utrecht 338,092,500/127 = 2,662,145.67; Zeist 133,020,000/127 = 1,047,401.57; De Bilt 480,059.06; Bunnik 741,909.45;
///   Houten 87,283.46; Nieuwegein 66,510,000/127 = 523,700.79. Floors 5,542,497: 3 cents left → Nieuwegein (.79) 523,701,
///   Utrecht (.67) 2,662,146, Zeist (.57) 1,047,402.
/// 51UB00, 3,695,000 by 98 pupils (Utrecht 18, Zeist 52, De Bilt 14, Bunnik &lt;5 = 2, Houten 7, Nieuwegein 5):
///   Utrecht 678,673.47; Zeist 192,140,000/98 = 1,960,612.24; De Bilt 527,857.14; Bunnik 75,408.16; Houten 263,928.57;
///   Nieuwegein 188,520.41. Floors 3,694,998: 2 cents left → Houten (.57) 263,929, Utrecht (.47) 678,674.
/// Zeist's year: 1,047,402 + 1,960,612 = 3,008,014; November ⌊11 × 3,008,014 / 12⌋ − ⌊10 × 3,008,014 / 12⌋
///   = 2,757,346 − 2,506,678 = 250,668.
/// SB-60002's month of 800,000: January ⌊800,000 / 12⌋ = 66,666; November ⌊8,800,000 / 12⌋ − ⌊8,000,000 / 12⌋ = 733,333 − 666,666 = 66,667.
///   Over its parts 480,000 : 320,000: January 39,999.6 / 26,666.4, 1 cent left → 50UA00 (.6): 40,000 / 26,666;
///   November 40,000.2 / 26,666.8, 1 cent left → 51UB00 (.8): 40,000 / 26,667.
/// SWV's November: ⌊11 × 3,262,500 / 12⌋ − ⌊10 × 3,262,500 / 12⌋ = 2,990,625 − 2,718,750 = 271,875.
/// </code>
/// </summary>
public class FundersTests
{
    private static readonly MunicipalityCode Utrecht = MunicipalityCode.Parse("GM0344");
    private static readonly MunicipalityCode Zeist = MunicipalityCode.Parse("GM0355");
    private static readonly MunicipalityCode DeBilt = MunicipalityCode.Parse("GM0310");
    private static readonly MunicipalityCode Bunnik = MunicipalityCode.Parse("GM0312");
    private static readonly MunicipalityCode Houten = MunicipalityCode.Parse("GM0321");
    private static readonly MunicipalityCode Nieuwegein = MunicipalityCode.Parse("GM0356");
    private static readonly SchoolLocationId DeKade = SchemeBuilder.Location("50UA00");
    private static readonly SchoolLocationId HetBos = SchemeBuilder.Location("51UB00");
    private static readonly PartyCode Swv = Funder("SWV-PO2601");
    private static readonly PartyCode DeKadeBoard = Funder("SB-60001");
    private static readonly PartyCode HetBosBoard = Funder("SB-60002");
    private static readonly DateOnly Peildatum = new(2025, 10, 1);

    private static readonly (SchoolLocationId School, MunicipalityCode Residence, int? Pupils)[] Pupils =
    [
        (DeKade, Utrecht, 61), (DeKade, Zeist, 24), (DeKade, DeBilt, 11), (DeKade, Bunnik, 17), (DeKade, Houten, null), (DeKade, Nieuwegein, 12),
        (HetBos, Utrecht, 18), (HetBos, Zeist, 52), (HetBos, DeBilt, 14), (HetBos, Bunnik, null), (HetBos, Houten, 7), (HetBos, Nieuwegein, 5),
    ];

    [Fact]
    public void FundersShares_ComeOffThePoolBeforeTheKeySplitsTheRest()
    {
        var plan = MonthlySettlement.Calculate(GoudaLike(), new YearMonth(2026, 11), Inputs());

        var funders = plan.Calculation!.Funders!;
        Assert.Equal(14_500_000, funders.PoolCents);
        Assert.Equal([("SB-60001", 1_200_000L), ("SB-60002", 800_000L), ("SWV-PO2601", 3_262_500L)], funders.Funders.Select(f => (f.Id, f.AnnualCents)));
        Assert.Equal(9_237_500, funders.RestCents);
        // The key split what was left at each location, and the allocation sheet's budgets are those.
        Assert.Equal([5_542_500L, 3_695_000L], plan.Locations.Select(l => l.AnnualBudget!.Value.Cents));
        Assert.Equal(9_237_500, plan.Allocation.Sum(a => a.AnnualProjection.Cents));
        Assert.Equal(3_008_014, plan.Allocation.Single(a => a.Municipality == Zeist).AnnualProjection.Cents);
        Assert.Equal(
            [(DeKade, 2_662_146L), (HetBos, 678_674L)],
            plan.AnnualShares.Where(s => s.Key.Municipality == Utrecht).OrderBy(s => s.Key.School).Select(s => (s.Key.School, s.Value.Cents)));
        Assert.Equal(
            [(DeKade, 87_283L), (HetBos, 263_929L)],
            plan.AnnualShares.Where(s => s.Key.Municipality == Houten).OrderBy(s => s.Key.School).Select(s => (s.Key.School, s.Value.Cents)));
    }

    [Fact]
    public void TheLeadInvoicesTheFundersUnderTheirOwnIds_AfterTheMunicipalities_ByTheMonthlySchedule()
    {
        var plan = MonthlySettlement.Calculate(GoudaLike(), new YearMonth(2026, 11), Inputs());

        Assert.Equal([DeBilt, Bunnik, Houten, Zeist, Nieuwegein, DeKadeBoard, HetBosBoard, Swv], plan.Invoices.Select(i => i.Debtor));
        Assert.All(plan.Invoices, i => Assert.Equal(Utrecht, i.Issuer));
        Assert.Equal(250_668, plan.Invoices.Single(i => i.Debtor == Zeist).Total.Cents);
        Assert.Equal([(DeKade, 40_000L), (HetBos, 26_667L)], plan.Invoices.Single(i => i.Debtor == HetBosBoard).Lines.Select(l => (l.School, l.Amount.Cents)));
        Assert.Equal(271_875, plan.Invoices.Single(i => i.Debtor == Swv).Total.Cents);
        // The line shows the funder's annual part at the location, as the municipalities' lines show theirs.
        Assert.Equal(new Money(480_000), plan.AnnualShares[(HetBosBoard, DeKade)]);
    }

    [Fact]
    public void AFundersMonth_GivesItsLeftoverCentToTheLargestRemainder()
    {
        var plan = MonthlySettlement.Calculate(GoudaLike(), new YearMonth(2026, 1), Inputs());

        Assert.Equal([(DeKade, 40_000L), (HetBos, 26_666L)], plan.Invoices.Single(i => i.Debtor == HetBosBoard).Lines.Select(l => (l.School, l.Amount.Cents)));
    }

    [Fact]
    public void AFundersYear_AddsUpToItsShare_AndTheMunicipalitiesToWhatIsLeft()
    {
        // DOMAIN: the year is the sum of its twelve months: 1,200,000, 800,000 and 3,262,500 for the funders, 9,237,500 for the rest.
        var year = MonthlySettlement.Annual(GoudaLike(), 2026, Inputs());

        Assert.Equal(1_200_000, year.Where(e => e.Municipality == DeKadeBoard).Sum(e => e.Amount.Cents));
        Assert.Equal(800_000, year.Where(e => e.Municipality == HetBosBoard).Sum(e => e.Amount.Cents));
        Assert.Equal(3_262_500, year.Where(e => e.Municipality == Swv).Sum(e => e.Amount.Cents));
        Assert.Equal(9_237_500, year.Where(e => !e.Municipality.IsFunder).Sum(e => e.Amount.Cents));
    }

    [Fact]
    public void ARecomputedMonthsDigests_AreThoseOfItsEntries_FundersIncluded()
    {
        // A run correcting a month compares these digests with what was settled: they must be what the entries, the funders'
        // lines among them, would give, and the entries of a location those of the whole month there.
        foreach (var month in MonthlySettlement.RecomputedMonths(GoudaLike(), [new YearMonth(2026, 1), new YearMonth(2026, 7)], Inputs()))
        {
            var entries = month.Entries();
            Assert.Contains(entries, e => e.Municipality.IsFunder);
            Assert.Equal(SettledDigest.Of(entries).OrderBy(d => d.Key), month.Digests().OrderBy(d => d.Key));
            Assert.Equal(entries.Where(e => e.School == HetBos), month.EntriesAt(new HashSet<SchoolLocationId> { HetBos }));
        }
    }

    [Fact]
    public void APercentage_IsOfThePoolBeforeTheAmounts_RoundedOnceHalfAwayFromZero()
    {
        // One location of 1,000,005 cents; an amount of 100,000 and 10% = 100,000.5 → 100,001 (not 10% of the 900,005 left).
        var scheme = OneLocation([Share("SB-1", new FunderAmount(new Money(100_000))), Share("SWV-1", new FunderPercent(10m))]);

        var plan = MonthlySettlement.Calculate(scheme, new YearMonth(2026, 1), new SettlementInputs([], [Right(DeKade, 1_000_005)], [new PupilCount(Peildatum, DeKade, Utrecht, 10)]));

        Assert.Equal([100_000L, 100_001L], plan.Calculation!.Funders!.Funders.Select(f => f.AnnualCents));
        Assert.Equal(1_000_005 - 100_000 - 100_001, plan.Calculation.Funders.RestCents);
    }

    [Fact]
    public void SharesAboveThePool_AreRefused_AndNothingIsPlanned()
    {
        // 60% of 1,000,000 = 600,000 and an amount of 400,001: 1,000,001 cents, one more than the pool.
        var scheme = OneLocation([Share("SWV-1", new FunderPercent(60m)), Share("SB-1", new FunderAmount(new Money(400_001)))]);

        var refused = Assert.Throws<SettlementInputException>(() => MonthlySettlement.Calculate(
            scheme, new YearMonth(2026, 1), new SettlementInputs([], [Right(DeKade, 1_000_000)], [new PupilCount(Peildatum, DeKade, Utrecht, 10)])));

        Assert.Contains("add up to € 10000.01, more than the pool of € 10000.00", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FundersElsewhere_AreRefusedBeforeAnythingIsComputed_NamingWhereTheyAreTaken()
    {
        var refusal = SupportedSchemes.FundersRefusal(SupportedSchemes.PerChild, SupportedSchemes.Lead);

        Assert.Equal("funders are taken off a drawing-rights pool under the lead flow or a fixed-budget pool under the cashier flow; a per-child pool with the lead flow cannot have them", refusal);
        Assert.Null(SupportedSchemes.FundersRefusal(SupportedSchemes.FixedBudget, SupportedSchemes.Cashier));
    }

    [Fact]
    public void AFunderId_IsNeverAMunicipalityCode()
    {
        Assert.False(PartyCode.TryFunder("GM0344", out _, out var problem));
        Assert.Contains("is a municipality code", problem, StringComparison.Ordinal);
        Assert.Equal(Swv, PartyCode.Parse("SWV-PO2601"));
        Assert.Equal((PartyCode)Utrecht, PartyCode.Parse("GM0344"));
    }

    private static SettlementInputs Inputs() => new(
        [],
        [Right(DeKade, 8_700_000, 1.2m), Right(HetBos, 5_800_000, 0.8m)],
        Pupils.Select(p => new PupilCount(Peildatum, p.School, p.Residence, p.Pupils)).ToList());

    private static DrawingRight Right(SchoolLocationId school, long cents, decimal fte = 1m) =>
        new(school, "JZ", 0, 0, null, null, false, 1, 1, true, 1, fte, new Money(cents));

    private static PartyCode Funder(string id) => PartyCode.TryFunder(id, out var code, out var problem) ? code : throw new ArgumentException(problem);

    private static Core.Schemes.Funder Share(string id, FunderShare share) =>
        new(Funder(id), id, FunderKind.Other, "NL12RABO0026010001", "Postbus 1, 1000 AA Ergens", share);

    private static Scheme GoudaLike() => Scheme(
        [DeKade, HetBos],
        [
            new(Swv, "Samenwerkingsverband PO (demo)", FunderKind.Swv, "NL12RABO0026010001", "Postbus 2601, 3500 GA Utrecht", new FunderPercent(22.5m)),
            new(DeKadeBoard, "Stichting De Kade", FunderKind.Board, "NL73RABO0060001001", "Kadeweg 1, 3511 AA Utrecht", new FunderAmount(Money.FromEuros(12_000m))),
            new(HetBosBoard, "Stichting Het Bos", FunderKind.Board, "NL39RABO0060002001", "Bosweg 2, 3701 AB Zeist", new FunderAmount(Money.FromEuros(8_000m))),
        ]);

    private static Scheme OneLocation(IReadOnlyList<Core.Schemes.Funder> funders) => Scheme([DeKade], funders);

    private static Scheme Scheme(IReadOnlyList<SchoolLocationId> schools, IReadOnlyList<Core.Schemes.Funder> funders)
    {
        var pool = new DrawingRightsPool(1, 28m, 0m, 0,
            new Dictionary<string, CareCategory> { ["JZ"] = new("JZ", Money.FromEuros(72_500m)) },
            new Dictionary<string, string>(), null, new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>(), 2m);
        return new Scheme("gouda-ontschot", "Ontschot budget (demo naar Gouda)", 2026, new SchemeTerms(
            schools.ToHashSet(), new HashSet<MunicipalityCode> { Utrecht, Zeist, DeBilt, Bunnik, Houten, Nieuwegein }, pool, new PupilsKey(2m),
            new LeadFlow(Utrecht), new InvoiceTerms("NL85BNGH0285000344", 30, "Geen btw"))
        { Funders = funders });
    }
}
