using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Tests.DrawingRights;

/// <summary>
/// Hand-worked cases of DOMAIN "Trekkingsrecht". JZ costs € 80,000 per FTE (0.01 FTE = € 800),
/// GGZ € 95,000; one FTE delivers 28 client hours a week.
/// </summary>
public class DrawingRightsTests
{
    private static readonly SchoolLocationId A = Location("40AA00");
    private static readonly SchoolLocationId B = Location("41BB00");
    private static readonly SchoolLocationId C = Location("42CC00");
    private static readonly MunicipalityCode Amsterdam = MunicipalityCode.Parse("GM0363");
    private static readonly MunicipalityCode Amstelveen = MunicipalityCode.Parse("GM0362");

    private static Scheme Scheme(int startYear = 2026, decimal upliftPct = 0.10m, Money? cap = null, Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>? fixedFte = null)
    {
        var pool = new DrawingRightsPool(
            ReferenceYears: 1, DirectHoursPerFte: 28m, UpliftPct: upliftPct, UpliftYears: 2,
            new Dictionary<string, CareCategory> { ["JZ"] = new("JZ", Money.FromEuros(80_000m)), ["GGZ"] = new("GGZ", Money.FromEuros(95_000m)) },
            new Dictionary<string, string> { ["45"] = "JZ", ["54"] = "GGZ" },
            cap,
            fixedFte ?? [],
            MaskedCountValue: 2m);
        var terms = new SchemeTerms(
            new HashSet<SchoolLocationId> { A, B, C }, new HashSet<MunicipalityCode> { Amsterdam, Amstelveen },
            pool, new ChildrenKey(), new LeadFlow(Amsterdam), new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw"));
        return new Scheme("amsterdam-sjso", "SJSO", startYear, terms);
    }

    private static Beschikking Beschikking(SchoolLocationId school, decimal hours, DateOnly start, DateOnly? end = null, string category = "JZ", Law law = Law.JW) =>
        new($"B-{school}-{hours}-{start:yyyyMMdd}", "cl-" + start.DayNumber, Amsterdam, school, "Aanbieder", category, law, hours, new ActivePeriod(start, end));

    private static DrawingRight Right(IReadOnlyList<DrawingRight> rights, SchoolLocationId school, string category = "JZ") =>
        rights.Single(r => r.School == school && r.Category == category);

    private static readonly DateOnly LongAgo = new(2020, 1, 1);

    [Fact]
    public void Window_IsTheLastCompleteSchoolYear_AndCountsLeapDays()
    {
        // Funding year 2026: 1 Aug 2024 – 31 Jul 2025, 365 days. Funding year 2025: 1 Aug 2023 – 31 Jul 2024, with 29 Feb: 366.
        Assert.Equal(new ReferenceWindow(new DateOnly(2024, 8, 1), new DateOnly(2025, 7, 31)), ReferenceWindow.For(2026, 1));
        Assert.Equal(365, ReferenceWindow.For(2026, 1).Days);
        Assert.Equal(366, ReferenceWindow.For(2025, 1).Days);
        // Two reference years for 2026: 1 Aug 2023 – 31 Jul 2025 = 366 + 365 days.
        Assert.Equal(731, ReferenceWindow.For(2026, 2).Days);
    }

    [Fact]
    public void Steps1To3_WeighHoursByDaysInsideTheWindow_IncludingBeschikkingenStraddlingItsEdges()
    {
        // Window 1 Aug 2024 – 31 Jul 2025 (365 days), location A, JZ:
        //   7 h all year:                       7 × 365 = 2,555
        //   14 h 1 Jun – 30 Sep 2025, inside 1 Jun – 31 Jul = 61 days: 14 × 61 = 854
        //   21 h 15 Jul – 10 Aug 2024, inside 1 – 10 Aug = 10 days:    21 × 10 = 210
        //   WLZ, not counted.                                   Σ = 3,619 hour-days
        // H = 3,619 / 365 = 9.9150... h/week; FTE = 3,619 / (365 × 28) = 0.35410...
        // 2026 is the scheme's first year: × 1.10 = 0.38952 → 0.39 FTE; budget 0.39 × € 80,000 = € 31,200.00.
        var rights = DrawingRightsCalculator.Calculate(Scheme(), 2026,
        [
            Beschikking(A, 7m, LongAgo),
            Beschikking(A, 14m, new DateOnly(2025, 6, 1), new DateOnly(2025, 9, 30)),
            Beschikking(A, 21m, new DateOnly(2024, 7, 15), new DateOnly(2024, 8, 10)),
            Beschikking(A, 10m, LongAgo, law: Law.WLZ),
        ], []);
        var right = Right(rights, A);
        Assert.Equal(3619m / 365m, right.HistoricalHours);
        Assert.Equal(3619m / 10220m, right.BaseFte);
        Assert.Equal((0.39m, new Money(3_120_000)), (right.Fte, right.Budget));
    }

    [Fact]
    public void Step2_InALeapWindow_DividesBy366Days()
    {
        // Funding year 2025 (scheme from 2020, no uplift): window 1 Aug 2023 – 31 Jul 2024, 366 days.
        // 36.6 h from 1 Aug to 31 Dec 2023 = 153 days: 36.6 × 153 / 366 = 15.3 h/week exactly; 15.3 / 28 = 0.5464 → 0.55 FTE.
        var rights = DrawingRightsCalculator.Calculate(Scheme(startYear: 2020), 2025,
            [Beschikking(A, 36.6m, new DateOnly(2023, 8, 1), new DateOnly(2023, 12, 31))], []);
        Assert.Equal(15.3m, Right(rights, A).HistoricalHours);
        Assert.Equal(0.55m, Right(rights, A).Fte);
    }

    [Fact]
    public void Step4_GrowsWithPupils_CountingAMaskedCountAtTheSchemeValue()
    {
        // 7 h all window: 7 × 365 / (365 × 28) = 0.25 FTE.
        // Pupils 1 Oct 2025: 120 + "<5" valued 2 = 122 (estimated); 1 Oct 2024 (window's first): 100. Growth 1.22.
        // 0.25 × 1.22 × 1.10 (first year) = 0.3355 → 0.34 FTE; € 27,200.00.
        PupilCount[] pupils =
        [
            new(new DateOnly(2025, 10, 1), A, Amsterdam, 120),
            new(new DateOnly(2025, 10, 1), A, Amstelveen, null),
            new(new DateOnly(2024, 10, 1), A, Amsterdam, 100),
            new(new DateOnly(2025, 10, 1), B, Amsterdam, 80),
        ];
        var rights = DrawingRightsCalculator.Calculate(Scheme(), 2026, [Beschikking(A, 7m, LongAgo), Beschikking(B, 7m, LongAgo)], pupils);
        var a = Right(rights, A);
        Assert.Equal((122m, 100m, true, 1.22m), (a.PupilsNow, a.PupilsThen, a.PupilsEstimated, a.GrowthFactor));
        Assert.Equal((0.34m, new Money(2_720_000)), (a.Fte, a.Budget));
        // B has no count on 1 Oct 2024: no growth; 0.25 × 1.10 = 0.275 → 0.28 (half away from zero).
        var b = Right(rights, B);
        Assert.Equal((1m, 0.28m), (b.GrowthFactor, b.Fte));
    }

    [Fact]
    public void Step4_UsesTheSchemesOwnCountingDate()
    {
        // Counting on 15 January: for 2026 the counts of 15 Jan 2025 (now) against those of 15 Jan 2025 as well,
        // the Peildatum inside the window's first school year (Aug 2024 – Jul 2025): growth 1, although
        // 1 October figures would have given 1.5.
        var scheme = Scheme(upliftPct: 0m);
        scheme = new Scheme(scheme.Id, scheme.Name, scheme.StartYear, scheme.TermsFor(2026), null, new CountingDate(1, 15));
        PupilCount[] pupils =
        [
            new(new DateOnly(2025, 1, 15), A, Amsterdam, 100),
            new(new DateOnly(2025, 10, 1), A, Amsterdam, 150),
            new(new DateOnly(2024, 10, 1), A, Amsterdam, 100),
        ];
        var right = Right(DrawingRightsCalculator.Calculate(scheme, 2026, [Beschikking(A, 14m, LongAgo)], pupils), A);
        Assert.Equal((100m, 100m, 1m, 0.50m), (right.PupilsNow, right.PupilsThen, right.GrowthFactor, right.Fte));
    }

    [Theory]
    [InlineData(2026, 1.10, "0.28")] // first year:  0.25 × 1.10 = 0.275 → 0.28
    [InlineData(2027, 1.10, "0.28")] // second year: still raised
    [InlineData(2028, 1.00, "0.25")] // third year:  no longer
    public void Step5_RaisesTheFirstTwoFundingYearsOnly(int year, double uplift, string fte)
    {
        var right = Right(DrawingRightsCalculator.Calculate(Scheme(), year, [Beschikking(A, 7m, LongAgo)], []), A);
        Assert.Equal((decimal)uplift, right.UpliftFactor);
        Assert.Equal(decimal.Parse(fte, System.Globalization.CultureInfo.InvariantCulture), right.Fte);
    }

    [Fact]
    public void Step6_FixedFteReplacesTheComputedFigure()
    {
        // B JZ is fixed at 2.0 FTE: no hours, growth or uplift; 2.00 × € 80,000 = € 160,000.00. B GGZ is still computed (0).
        var fixedFte = new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>> { [B] = new Dictionary<string, decimal> { ["JZ"] = 2.0m } };
        var rights = DrawingRightsCalculator.Calculate(Scheme(fixedFte: fixedFte), 2026, [Beschikking(B, 7m, LongAgo)], []);
        var right = Right(rights, B);
        Assert.Equal((true, 2.00m, new Money(16_000_000)), (right.Fixed, right.Fte, right.Budget));
        Assert.Equal(0m, Right(rights, B, "GGZ").Fte);
    }

    [Fact]
    public void ProductCategories_MapIjwCategoriesToCareCategories()
    {
        // Category "54" is GGZ: 14 h all window = 0.5 FTE × 1.10 = 0.55 FTE GGZ; € 95,000 × 0.55 = € 52,250.00.
        var rights = DrawingRightsCalculator.Calculate(Scheme(), 2026, [Beschikking(A, 14m, LongAgo, category: "54")], []);
        Assert.Equal((0.55m, new Money(5_225_000)), (Right(rights, A, "GGZ").Fte, Right(rights, A, "GGZ").Budget));
        Assert.Equal(0m, Right(rights, A).Fte);
    }

    [Fact]
    public void Step8_ScalesToTheCap_AndNeverExceedsIt_WhereNaiveRoundingWould()
    {
        // A, B, C each 14 h all window = 0.50 FTE JZ (no uplift): € 120,000 against a cap of € 100,000.
        // Factor 100,000 / 120,000 = 0.8333...: each 0.41666... → 0.42, together 1.26 FTE = € 100,800, over the cap.
        // All three rounded up by the same 0.00333..., so the highest location, C, gives back 0.01:
        // 0.42 + 0.42 + 0.41 = 1.25 FTE = € 100,000.00 exactly.
        var rights = DrawingRightsCalculator.Calculate(Scheme(upliftPct: 0m, cap: Money.FromEuros(100_000m)), 2026,
            [Beschikking(A, 14m, LongAgo), Beschikking(B, 14m, LongAgo), Beschikking(C, 14m, LongAgo)], []);
        Assert.Equal([0.42m, 0.42m, 0.41m], new[] { A, B, C }.Select(s => Right(rights, s).Fte));
        Assert.Equal(new Money(10_000_000), Money.Sum(rights.Select(r => r.Budget)));
        Assert.All(rights, r => Assert.Equal(100_000m / 120_000m, r.CapFactor));
    }

    [Fact]
    public void Step8_DoesNothingUnderTheCap()
    {
        // 0.50 FTE = € 40,000 under a cap of € 50,000: factor 1, 0.50 FTE.
        var right = Right(DrawingRightsCalculator.Calculate(Scheme(upliftPct: 0m, cap: Money.FromEuros(50_000m)), 2026, [Beschikking(A, 14m, LongAgo)], []), A);
        Assert.Equal((1m, 0.50m), (right.CapFactor, right.Fte));
    }

    private static SchoolLocationId Location(string text) => SchoolLocationId.TryParse(text, out var id) ? id : throw new FormatException(text);
}
