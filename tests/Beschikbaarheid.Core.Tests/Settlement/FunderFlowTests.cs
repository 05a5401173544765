using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>The funder flow ('s-Hertogenbosch, WIsH): one municipality carries the pool, nothing is invoiced.</summary>
public class FunderFlowTests
{
    private static readonly MunicipalityCode DenBosch = MunicipalityCode.Parse("GM0796");
    private static readonly MunicipalityCode Vught = MunicipalityCode.Parse("GM0865");
    private static readonly SchoolLocationId A = SchemeBuilder.Location("06AA00");
    private static readonly SchoolLocationId B = SchemeBuilder.Location("06BB00");
    private static readonly DateOnly Peildatum = new(2025, 10, 1);

    /// <summary>
    /// Pupils on 1 October 2025: A 20 from 's-Hertogenbosch + 10 from Vught (not a participant) = 30, B 10: the key
    /// weighs every pupil of a location, whatever the residence, only to spread the funder's cost over the locations.
    /// </summary>
    private static readonly PupilCount[] Pupils =
    [
        new(Peildatum, A, DenBosch, 20), new(Peildatum, A, Vught, 10), new(Peildatum, B, DenBosch, 10),
    ];

    private static Scheme Wish(Pool pool) => new("wish", "WIsH", 2026,
        new SchemeTerms(new HashSet<SchoolLocationId> { A, B }, new HashSet<MunicipalityCode> { DenBosch }, pool, new PupilsKey(2.5m),
            new FunderFlow(DenBosch), new InvoiceTerms("NL91ABNA0417164300", 30, "")));

    /// <summary>€ 80,000.01 in 2026: one odd cent, so the split rule's leftover cent shows.</summary>
    private static readonly FixedBudgetPool Budget = new(new Dictionary<int, Money> { [2026] = new Money(8_000_001) }, new NoHosts());

    [Fact]
    public void AFunderMonth_RecordsTheFundersCostPerLocation_AndIssuesNoInvoice()
    {
        var plan = MonthlySettlement.Calculate(Wish(Budget), new YearMonth(2026, 1), new SettlementInputs([], [], Pupils));
        // 8,000,001 cents by 30 : 10 pupils: exact 6,000,000.75 and 2,000,000.25; floors 6,000,000 + 2,000,000 leave 1 cent,
        // to A (remainder .75): A 6,000,001, B 2,000,000 a year.
        // January by the monthly schedule: A ⌊6,000,001 / 12⌋ = 500,000; B ⌊2,000,000 / 12⌋ = 166,666. Together 666,666.
        Assert.Empty(plan.Invoices);
        Assert.Equal(
            [new Entry(DenBosch, A, new SettledPeriod(2026, 1), SettlementKind.Voorschot, 30, new Money(500_000)),
             new Entry(DenBosch, B, new SettledPeriod(2026, 1), SettlementKind.Voorschot, 10, new Money(166_666))],
            plan.Entries);
        var row = Assert.Single(plan.Allocation);
        Assert.Equal((DenBosch, new Money(666_666), new Money(8_000_001), false), (row.Municipality, row.Month, row.AnnualProjection, row.Invoiced));
    }

    [Fact]
    public void TheFundersYear_IsTheWholeBudget_TheLeftoverCentsInTheLaterMonths()
    {
        // B in February: ⌊2,000,000 × 2 / 12⌋ − ⌊2,000,000 / 12⌋ = 333,333 − 166,666 = 166,667.
        var february = MonthlySettlement.Calculate(Wish(Budget), new YearMonth(2026, 2), new SettlementInputs([], [], Pupils));
        Assert.Equal(new Money(166_667), february.Entries.Single(e => e.School == B).Amount);
        // A in December: 6,000,001 − ⌊6,000,001 × 11 / 12⌋ = 6,000,001 − 5,500,000 = 500,001. The year: A 6,000,001 + B 2,000,000.
        var year = MonthlySettlement.Annual(Wish(Budget), 2026, new SettlementInputs([], [], Pupils));
        Assert.Equal([new Money(6_000_001), new Money(2_000_000)], year.Select(e => e.Amount));
        Assert.All(year, e => Assert.Equal(DenBosch, e.Municipality));
        Assert.Equal(new Money(8_000_001), Money.Sum(year.Select(e => e.Amount)));
        var december = MonthlySettlement.Calculate(Wish(Budget), new YearMonth(2026, 12), new SettlementInputs([], [], Pupils));
        Assert.Equal(new Money(500_001), december.Entries.Single(e => e.School == A).Amount);
    }

    [Fact]
    public void DrawingRights_UnderAFunder_AreTheFundersAtEachLocation()
    {
        // A's right 1.00 FTE × € 60,000.00 = 6,000,000; B's 0.50 FTE = 3,000,000. January: 500,000 and 250,000, all the funder's.
        DrawingRight Right(SchoolLocationId school, decimal fte, long cents) => new(school, "JZ", 0, fte, null, null, false, 1, 1, true, 1, fte, new Money(cents));
        var pool = new DrawingRightsPool(1, 20, 0, 0, new Dictionary<string, CareCategory> { ["JZ"] = new("JZ", new Money(6_000_000)) },
            new Dictionary<string, string>(), null, new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>(), 2.5m);
        var plan = MonthlySettlement.Calculate(Wish(pool), new YearMonth(2026, 1),
            new SettlementInputs([], [Right(A, 1m, 6_000_000), Right(B, 0.5m, 3_000_000)], Pupils));
        Assert.Empty(plan.Invoices);
        Assert.Equal([(A, new Money(500_000)), (B, new Money(250_000))], plan.Entries.Select(e => (e.School, e.Amount)));
        Assert.All(plan.Entries, e => Assert.Equal(DenBosch, e.Municipality));
    }

    [Fact]
    public void WithoutPupils_TheBudgetCannotBeSpreadOverTheLocations_AndIsRefused()
    {
        var error = Assert.Throws<SettlementInputException>(() =>
            MonthlySettlement.Calculate(Wish(Budget), new YearMonth(2026, 1), new SettlementInputs([], [], [])));
        Assert.Contains("import leerlingen first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheInKindValue_IsHoursTimesTheHourlyValue_InCents()
    {
        // 120 h × € 55.00 = € 6,600.00 = 660,000 cents; 12.5 h × € 55.55 = € 694.375 → 69,437.5 cents → 69,438 (half away from zero).
        Assert.Equal(new Money(660_000), new InKindContribution(120m, 55.00m).Value);
        Assert.Equal(new Money(69_438), new InKindContribution(12.5m, 55.55m).Value);
    }

    [Fact]
    public void TheFunderFlow_IsInTheTable_ForAFixedBudgetAndDrawingRightsByPupils()
    {
        Assert.True(SupportedSchemes.IsSupported("fixed-budget", "pupils", "funder"));
        Assert.True(SupportedSchemes.IsSupported("drawing-rights", "pupils", "funder"));
        Assert.False(SupportedSchemes.IsSupported("per-child", "children", "funder"));
        Assert.Equal(["funder"], SupportedSchemes.FlowRule("funder")!.Required);
    }
}
