using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>
/// The IJmond demo scheme (config/schemes/ijmond-zorgklassen.json, counts of the demo region), worked by hand.
/// Budgets: fixed FTE × € 72,500: 70IJ00 and 70IJ01 1.0 FTE = 7,250,000 cents; 71IJ00 and 72IJ00 0.8 FTE = 5,800,000 cents.
/// <code>
/// 70IJ00 (63): Velsen 48 → 5,523,809.52; Beverwijk 9 → 1,035,714.29; Heemskerk 6 → 690,476.19; 1 cent left → Velsen 5,523,810.
/// 71IJ00 (90): Velsen 70 → 4,511,111.11; Beverwijk 12 → 773,333.33; Heemskerk 8 → 515,555.56; 1 cent left → Heemskerk 515,556.
/// 70IJ01 (62): Beverwijk 31 → 3,625,000; Heemskerk 24 → 2,806,451.61; Velsen 7 → 818,548.39; 1 cent left → Heemskerk 2,806,452.
/// 72IJ00 (97): Beverwijk 52 → 3,109,278.35; Heemskerk 29 → 1,734,020.62; Velsen 11 → 657,731.96; Uitgeest 5 → 298,969.07;
///   2 cents left → Velsen (.96) 657,732 and Heemskerk (.62) 1,734,021.
///   Uitgeest does not take part (spread): 298,969 over 52 : 29 : 11 (92) → 168,982.48 / 94,240.23 / 35,746.29, 1 cent left →
///   Beverwijk 168,983; so Beverwijk 3,278,261, Heemskerk 1,828,261, Velsen 693,478 (5,800,000).
/// Annual: Velsen 5,523,810 + 4,511,111 + 818,548 + 693,478 = 11,546,947; Beverwijk 1,035,714 + 773,333 + 3,625,000 + 3,278,261
///   = 8,712,308; Heemskerk 690,476 + 515,556 + 2,806,452 + 1,828,261 = 5,840,745; together 26,100,000 = € 261,000.
/// January ⌊X/12⌋: Beverwijk ⌊726,025.67⌋ = 726,025; Heemskerk ⌊486,728.75⌋ = 486,728; Velsen ⌊962,245.58⌋ = 962,245.
/// November ⌊11X/12⌋ − ⌊10X/12⌋: Beverwijk 7,986,282 − 7,260,256 = 726,026; Heemskerk 5,354,016 − 4,867,287 = 486,729;
///   Velsen 10,584,701 − 9,622,455 = 962,246.
/// </code>
/// </summary>
public class IJmondCareClassesTests
{
    private static readonly MunicipalityCode Velsen = MunicipalityCode.Parse("GM0453");
    private static readonly MunicipalityCode Beverwijk = MunicipalityCode.Parse("GM0375");
    private static readonly MunicipalityCode Heemskerk = MunicipalityCode.Parse("GM0396");
    private static readonly MunicipalityCode Uitgeest = MunicipalityCode.Parse("GM0450");
    private static readonly DateOnly Peildatum = new(2025, 10, 1);

    private static readonly (string School, MunicipalityCode Residence, int Pupils)[] Pupils =
    [
        ("70IJ00", Velsen, 48), ("70IJ00", Beverwijk, 9), ("70IJ00", Heemskerk, 6),
        ("70IJ01", Beverwijk, 31), ("70IJ01", Heemskerk, 24), ("70IJ01", Velsen, 7),
        ("71IJ00", Velsen, 70), ("71IJ00", Beverwijk, 12), ("71IJ00", Heemskerk, 8),
        ("72IJ00", Beverwijk, 52), ("72IJ00", Heemskerk, 29), ("72IJ00", Velsen, 11), ("72IJ00", Uitgeest, 5),
    ];

    [Theory]
    [InlineData(1, 726_025, 486_728, 962_245)]
    [InlineData(11, 726_026, 486_729, 962_246)]
    public void TheMonthsInvoices_FollowFromFixedFteTimesCost_ThePupilsSplit_AndTheSchedule(int month, long beverwijk, long heemskerk, long velsen)
    {
        var rights = new[] { ("70IJ00", 1.0m), ("70IJ01", 1.0m), ("71IJ00", 0.8m), ("72IJ00", 0.8m) }
            .Select(r => new DrawingRight(SchemeBuilder.Location(r.Item1), "JZ", 0, 0, null, null, false, 1, 1, true, 1, r.Item2, new Money((long)(r.Item2 * 7_250_000))))
            .ToList();
        var counts = Pupils.Select(p => new PupilCount(Peildatum, SchemeBuilder.Location(p.School), p.Residence, p.Pupils)).ToList();
        var plan = MonthlySettlement.Calculate(Scheme(), new YearMonth(2026, month), new SettlementInputs([], rights, counts));

        Assert.Equal([Beverwijk, Heemskerk], plan.Invoices.Select(i => i.Debtor));
        Assert.Equal([beverwijk, heemskerk], plan.Invoices.Select(i => i.Total.Cents));
        Assert.Equal(velsen, plan.Entries.Where(e => e.Municipality == Velsen).Sum(e => e.Amount.Cents));
        Assert.Equal([8_712_308L, 5_840_745L, 11_546_947L], plan.Allocation.Select(a => a.AnnualProjection.Cents));
        Assert.Equal(beverwijk + heemskerk + velsen, plan.Locations.Sum(l => l.Month.Cents));
        var uitgeest = Assert.Single(plan.Calculation!.NonParticipants!.Parts);
        Assert.Equal(("GM0450", "72IJ00", 298_969L), (uitgeest.Municipality, uitgeest.School, uitgeest.Cents));
        Assert.Equal(new Dictionary<string, long> { ["GM0375"] = 168_983, ["GM0396"] = 94_240, ["GM0453"] = 35_746 }, uitgeest.To);
    }

    private static Scheme Scheme()
    {
        var pool = new DrawingRightsPool(1, 28m, 0m, 0,
            new Dictionary<string, CareCategory> { ["JZ"] = new("JZ", Money.FromEuros(72_500m)) },
            new Dictionary<string, string>(), null, new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>(), 2.5m);
        return new Scheme("ijmond-zorgklassen", "Onderwijszorgklassen IJmond", 2026, new SchemeTerms(
            Pupils.Select(p => SchemeBuilder.Location(p.School)).ToHashSet(), new HashSet<MunicipalityCode> { Velsen, Beverwijk, Heemskerk }, pool, new PupilsKey(2.5m),
            new LeadFlow(Velsen), new InvoiceTerms("NL52BNGH0285000453", 30, "Geen btw")));
    }
}
