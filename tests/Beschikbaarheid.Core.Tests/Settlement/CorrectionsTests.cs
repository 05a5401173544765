using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class CorrectionsTests
{
    private static readonly SettledPeriod January = SettledPeriod.Of(new YearMonth(2026, 1));

    private static Entry Advance(Beschikbaarheid.Core.Registry.MunicipalityCode municipality, long cents, string? invoice) =>
        new(municipality, StMaarten, January, SettlementKind.Voorschot, 31m, new Money(cents), Invoice: invoice);

    [Fact]
    public void ADifference_BecomesACorrection_ReferringToTheInvoiceThatBilledTheMonth()
    {
        // January billed Beuningen € 500.00 on GM0268-2026-00001; by today's data it costs € 550.00: a correction of + € 50.00.
        var settled = new[] { Advance(Beuningen, 50_000, "GM0268-2026-00001") };
        var recomputed = new[] { Advance(Beuningen, 55_000, null) };
        var correction = Assert.Single(Corrections.For(January, recomputed, settled));
        Assert.Equal((Beuningen, SettlementKind.Correctie, January, new Money(5_000), "GM0268-2026-00001"),
            (correction.Municipality, correction.Kind, correction.Period, correction.Amount, correction.Reference));
    }

    [Fact]
    public void EarlierCorrections_CountAsSettled_SoNothingIsCorrectedTwice()
    {
        var settled = new[]
        {
            Advance(Beuningen, 50_000, "GM0268-2026-00001"),
            new Entry(Beuningen, StMaarten, January, SettlementKind.Correctie, 31m, new Money(5_000), Reference: "GM0268-2026-00001", Invoice: "GM0268-2026-00004"),
        };
        Assert.Empty(Corrections.For(January, [Advance(Beuningen, 55_000, null)], settled));
    }

    [Fact]
    public void AMunicipalityNewToTheMonth_OrGoneFromIt_IsCorrectedToo()
    {
        // Berg en Dal was not billed in January and now owes € 100.00 (nothing to refer to); the lead's own € 200.00 is gone: − € 200.00.
        var settled = new[] { Advance(Nijmegen, 20_000, null) };
        var recomputed = new[] { Advance(BergEnDal, 10_000, null) };
        var corrections = Corrections.For(January, recomputed, settled).ToDictionary(c => c.Municipality);
        Assert.Equal((new Money(-20_000), (string?)null), (corrections[Nijmegen].Amount, corrections[Nijmegen].Reference));
        Assert.Equal((new Money(10_000), (string?)null), (corrections[BergEnDal].Amount, corrections[BergEnDal].Reference));
    }

    [Fact]
    public void YearEnd_IsTheAnnualAmountLessEverythingSettled_OneCreditNoteWhenOverbilled()
    {
        // Beuningen: the year costs € 1,190.00; it was billed 12 advances of € 100.00 and a correction of + € 10.00 = € 1,210.00:
        // the year end pays back € 20.00, a credit note referring to both invoices.
        var wholeYear = SettledPeriod.WholeYear(2026);
        var settled = Enumerable.Range(1, 12)
            .Select(m => new Entry(Beuningen, StMaarten, SettledPeriod.Of(new YearMonth(2026, m)), SettlementKind.Voorschot, 31m, new Money(10_000), Invoice: m <= 6 ? "GM0268-2026-00001" : "GM0268-2026-00002"))
            .Append(new Entry(Beuningen, StMaarten, January, SettlementKind.Correctie, 0m, new Money(1_000), Invoice: "GM0268-2026-00002"))
            .ToList();
        var annual = new[] { new Entry(Beuningen, StMaarten, wholeYear, SettlementKind.Vaststelling, 365m, new Money(119_000)) };
        var final = Assert.Single(YearEnd.For(2026, annual, settled));
        Assert.Equal((SettlementKind.Creditnota, wholeYear, new Money(-2_000), "GM0268-2026-00001, GM0268-2026-00002"),
            (final.Kind, final.Period, final.Amount, final.Reference));
    }

    [Fact]
    public void YearEnd_OfAMunicipalityOwingMore_IsAFinalInvoice_AndNothingForOneSettledExactly()
    {
        var wholeYear = SettledPeriod.WholeYear(2026);
        var settled = new[] { Advance(Beuningen, 50_000, "A"), Advance(BergEnDal, 30_000, "B") };
        var annual = new[]
        {
            new Entry(Beuningen, StMaarten, wholeYear, SettlementKind.Vaststelling, 0m, new Money(50_001)),
            new Entry(BergEnDal, StMaarten, wholeYear, SettlementKind.Vaststelling, 0m, new Money(30_000)),
        };
        var final = Assert.Single(YearEnd.For(2026, annual, settled));
        Assert.Equal((Beuningen, SettlementKind.Vaststelling, new Money(1)), (final.Municipality, final.Kind, final.Amount));
    }

    [Fact]
    public void YearEnd_OfAMunicipalityWhoseLocationsDifferOnlyInOppositeCents_IsNothing()
    {
        // Beuningen's months were spread over its two locations 1 cent differently from its annual parts: + 1 at St. Maarten,
        // − 1 at De Meander. In total it was billed exactly what the year costs, so no zero invoice is issued.
        var wholeYear = SettledPeriod.WholeYear(2026);
        var settled = new[] { Advance(Beuningen, 50_000, "A"), new Entry(Beuningen, Meander, January, SettlementKind.Voorschot, 0m, new Money(30_000), Invoice: "A") };
        var annual = new[]
        {
            new Entry(Beuningen, StMaarten, wholeYear, SettlementKind.Vaststelling, 0m, new Money(50_001)),
            new Entry(Beuningen, Meander, wholeYear, SettlementKind.Vaststelling, 0m, new Money(29_999)),
        };
        Assert.Empty(YearEnd.For(2026, annual, settled));
    }
}
