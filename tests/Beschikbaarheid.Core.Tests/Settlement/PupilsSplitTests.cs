using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class PupilsSplitTests
{
    private static readonly SchoolLocationId A = SchemeBuilder.Location("40AA00");
    private static readonly SchoolLocationId B = SchemeBuilder.Location("41BB00");
    private static readonly MunicipalityCode Amsterdam = MunicipalityCode.Parse("GM0363");
    private static readonly MunicipalityCode Amstelveen = MunicipalityCode.Parse("GM0362");
    private static readonly MunicipalityCode Diemen = MunicipalityCode.Parse("GM0384");
    private static readonly DateOnly Peildatum = new(2025, 10, 1);

    [Fact]
    public void EachLocationBudget_IsSplitByItsOwnPupils_WithAMaskedCountAtTheSchemeValue()
    {
        // A: € 31,200.00 over Amsterdam 90, Amstelveen 8, Diemen "<5" = 2 (estimated): 100 pupils.
        //   3,120,000 × 90/100 = 2,808,000; × 8/100 = 249,600; × 2/100 = 62,400 cents. Exact, no leftover.
        // B: € 1,000.00 over Amsterdam 1, Amstelveen 1, Diemen 1: 33,333.33 each; floors 33,333 × 3 = 99,999;
        //   the leftover cent goes to the lowest code on the tie: GM0362 Amstelveen.
        var parts = PupilsSplit.Annual(
            new Dictionary<SchoolLocationId, Money> { [A] = new(3_120_000), [B] = new(100_000) },
            [
                new(Peildatum, A, Amsterdam, 90), new(Peildatum, A, Amstelveen, 8), new(Peildatum, A, Diemen, null),
                new(Peildatum, B, Amsterdam, 1), new(Peildatum, B, Amstelveen, 1), new(Peildatum, B, Diemen, 1),
            ],
            maskedCountValue: 2m, out var unsplittable);
        Assert.Empty(unsplittable);
        Assert.Equal(
            [
                (A, Amstelveen, 249_600L, false), (A, Amsterdam, 2_808_000L, false), (A, Diemen, 62_400L, true),
                (B, Amstelveen, 33_334L, false), (B, Amsterdam, 33_333L, false), (B, Diemen, 33_333L, false),
            ],
            parts.Select(p => (p.School, p.Municipality, p.Annual.Cents, p.Estimated)));
    }

    [Fact]
    public void ALocationWithABudgetButNoPupils_CannotBeSplit()
    {
        PupilsSplit.Annual(new Dictionary<SchoolLocationId, Money> { [A] = new(100) }, [], 2m, out var unsplittable);
        Assert.Equal([A], unsplittable);
    }

    [Fact]
    public void RegionalInvoice_TwoMonthsDifferByOneCent_UnderTheMonthlySchedule()
    {
        // Amstelveen's annual share: A € 600.00 + B € 400.01 = € 1,000.01 = 100,001 cents.
        // January: ⌊100,001 × 1/12⌋ = 8,333; March: ⌊100,001 × 3/12⌋ − ⌊100,001 × 2/12⌋ = 25,000 − 16,666 = 8,334.
        // January's 8,333 over A:B = 60,000:40,001 → 4,999.75 and 3,333.25: floors 4,999 + 3,333 = 8,332, the cent to A (.75).
        LocationPart[] parts = [new(A, Amstelveen, 6, false, new Money(60_000)), new(B, Amstelveen, 4, false, new Money(40_001))];
        var january = PupilsSplit.Month(parts, 1);
        var march = PupilsSplit.Month(parts, 3);
        Assert.Equal(new Money(8_333), Money.Sum(january.Select(l => l.Amount)));
        Assert.Equal(new Money(8_334), Money.Sum(march.Select(l => l.Amount)));
        Assert.Equal([(A, new Money(5_000)), (B, new Money(3_333))], january);
        Assert.Equal(new Money(100_001), Money.Sum(Enumerable.Range(1, 12).SelectMany(k => PupilsSplit.Month(parts, k)).Select(l => l.Amount)));
    }
}
