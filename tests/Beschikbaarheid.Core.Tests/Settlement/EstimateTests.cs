using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>
/// The estimate pool of issue 13 (Tilburg, Leijpark), worked by hand. Rate € 62.50, 40 school weeks; the school estimates
/// Tilburg 10 children × 4 h, Oisterwijk 3 × 5 h, Goirle 2 × 2,5 h a week: 40 + 15 + 5 = 60 h a week.
/// Year's amount 60 × 62.50 × 40 = € 150,000.00; shares 40/60, 15/60, 5/60 = € 100,000.00 / € 37,500.00 / € 12,500.00.
/// </summary>
public class EstimateTests
{
    private static readonly MunicipalityCode Tilburg = MunicipalityCode.Parse("GM0855");
    private static readonly MunicipalityCode Oisterwijk = MunicipalityCode.Parse("GM0824");
    private static readonly MunicipalityCode Goirle = MunicipalityCode.Parse("GM0785");
    private static readonly SchoolLocationId Leijpark = SchemeBuilder.Location("04LP00");
    private static readonly SubsidyRecipient Board = new("41234", "Stichting Leijpark", "NL91ABNA0417164300");

    private static Scheme Leijpark2027() => new("tilburg-leijpark", "Onderwijscentrum Leijpark", 2027, new SchemeTerms(
        new HashSet<SchoolLocationId> { Leijpark },
        new HashSet<MunicipalityCode> { Tilburg, Oisterwijk, Goirle },
        new EstimatePool(62.50m, 40),
        new EstimateKey(),
        new LeadFlow(Tilburg) { Recipient = Board },
        new InvoiceTerms("NL91ABNA0417164300", 30, "Geen btw")));

    private static readonly EstimateRow[] Estimate =
    [
        new(2027, Leijpark, Tilburg, 10, 4m),
        new(2027, Leijpark, Oisterwijk, 3, 5m),
        new(2027, Leijpark, Goirle, 2, 2.5m),
    ];

    private static SettlementInputs Inputs(params RealisationRow[] realisation) => new([], [], []) { Estimates = Estimate, Realisation = realisation };

    [Fact]
    public void TheWorkedExample_YearAmountAndShares()
    {
        var year = EstimateCosts.Year(Leijpark2027(), 2027, new EstimatePool(62.50m, 40), Estimate);
        Assert.Equal(60m, year.WeeklyHours);
        Assert.Equal(Money.FromEuros(150_000.00m), year.Amount);
        Assert.Equal(Money.FromEuros(100_000.00m), year.Shares[Tilburg]);
        Assert.Equal(Money.FromEuros(37_500.00m), year.Shares[Oisterwijk]);
        Assert.Equal(Money.FromEuros(12_500.00m), year.Shares[Goirle]);
    }

    [Fact]
    public void TheWorkedExample_MonthsFollowTheMonthlySchedule_AndTheLeadInvoicesTheOthers()
    {
        var scheme = Leijpark2027();
        var january = MonthlySettlement.Calculate(scheme, new YearMonth(2027, 1), Inputs());
        var february = MonthlySettlement.Calculate(scheme, new YearMonth(2027, 2), Inputs());
        // Goirle: ⌊1,250,000 × 1 / 12⌋ = 104,166 cents in January; ⌊1,250,000 × 2 / 12⌋ − 104,166 = 208,333 − 104,166 = 104,167 in February.
        Assert.Equal(Money.FromEuros(1_041.66m), Month(january, Goirle));
        Assert.Equal(Money.FromEuros(1_041.67m), Month(february, Goirle));
        // Oisterwijk: 3,750,000 / 12 = 312,500 exactly; Tilburg: ⌊10,000,000 / 12⌋ = 833,333 in January.
        Assert.Equal(Money.FromEuros(3_125.00m), Month(january, Oisterwijk));
        Assert.Equal(Money.FromEuros(8_333.33m), Month(january, Tilburg));
        // Tilburg leads: it invoices Goirle and Oisterwijk, never itself; the basis is children × hours a week.
        Assert.Equal([Goirle, Oisterwijk], january.Invoices.Select(i => i.Debtor));
        Assert.All(january.Invoices, i => Assert.Equal(Tilburg, i.Issuer));
        Assert.Equal(5m, january.Invoices.Single(i => i.Debtor == Goirle).Lines.Single().Basis);
        Assert.Equal(BasisUnit.HoursPerWeek, january.BasisUnit);
        Assert.Equal(CalculationMethod.EstimateByHours, january.Calculation!.Method);
        Assert.Equal(15_000_000L, january.Calculation.BudgetCents);
        Assert.Equal(60m, january.Calculation.EstimateHoursPerWeek);
        // Twelve months give each share exactly.
        var year = MonthlySettlement.Annual(scheme, 2027, Inputs());
        Assert.Equal(Money.FromEuros(12_500.00m), year.Single(e => e.Municipality == Goirle).Amount);
        Assert.Equal(Money.FromEuros(100_000.00m), year.Single(e => e.Municipality == Tilburg).Amount);
    }

    [Fact]
    public void TheBoard_IsPaidThePoolsMonthlySchedule_AndAChangedEstimateIsCaughtUp()
    {
        var year = Money.FromEuros(150_000.00m);
        // 15,000,000 / 12 = 1,250,000 cents: € 12,500.00 every month, whatever the municipalities' months add up to (January: 12,499.99).
        Assert.Equal(Money.FromEuros(12_500.00m), EstimateCosts.Advance(year, 1, [], Money.Zero));
        Assert.Equal(Money.FromEuros(12_500.00m), EstimateCosts.Advance(year, 2, [1], Money.FromEuros(12_500.00m)));
        // The estimate raised to € 156,000.00 in March after January and February were paid € 25,000.00: three months of
        // 15,600,000 / 12 = 1,300,000 cents are 3,900,000, less 2,500,000 paid = € 14,000.00 (March's 13,000.00 and 2 × 500.00 caught up).
        Assert.Equal(Money.FromEuros(14_000.00m), EstimateCosts.Advance(Money.FromEuros(156_000.00m), 3, [1, 2], Money.FromEuros(25_000.00m)));
        // A scheme whose first settled month is November pays November only, as the municipalities are invoiced November only.
        Assert.Equal(Money.FromEuros(12_500.00m), EstimateCosts.Advance(year, 11, [], Money.Zero));
    }

    [Fact]
    public void TheYearsAmount_IsRoundedOnce()
    {
        // € 62.55 × 39 weeks = € 2,439.45 = 243,945 cents per hour a week. Two rows of 0.0001 h: 24.3945 cents each, which rounded
        // apart would be 24 + 24 = 48; summed first, 48.789 rounds once, half away from zero, to 49.
        var pool = new EstimatePool(62.55m, 39);
        var year = EstimateCosts.Year(Leijpark2027() is var s ? new Scheme(s.Id, s.Name, s.StartYear, s.TermsFor(2027) with { Pool = pool }) : null!, 2027, pool,
            [new(2027, Leijpark, Tilburg, 1, 0.0001m), new(2027, Leijpark, Goirle, 1, 0.0001m)]);
        Assert.Equal(new Money(49), year.Amount);
        // The split rule: 49 cents over two equal weights, 24.5 each: floors 24 + 24, the leftover cent to the lowest code (GM0785 Goirle).
        Assert.Equal(new Money(25), year.Shares[Goirle]);
        Assert.Equal(new Money(24), year.Shares[Tilburg]);
    }

    [Fact]
    public void YearEnd_RealisationBelowTheGrant_SetsTheSubsidy_LeftoverCentToTheLargestRemainder_AndCreditsTheMunicipalities()
    {
        var scheme = Leijpark2027();
        // 2,000 hours realised × € 62.50 = € 125,000.00 < € 150,000.00 granted: set at € 125,000.00, the board pays back € 25,000.00.
        var (annual, set, hours, estimate) = EstimateCosts.SetYear(scheme, 2027, new EstimatePool(62.50m, 40), Estimate, [new RealisationRow(2027, Leijpark, 2_000m)]);
        Assert.Equal(2_000m, hours);
        Assert.Equal(Money.FromEuros(125_000.00m), set);
        Assert.Equal(Money.FromEuros(150_000.00m), estimate.Amount);
        // 12,500,000 cents by 40 : 15 : 5 (of 60): Tilburg 8,333,333⅓, Oisterwijk 3,125,000, Goirle 1,041,666⅔; floors sum to 12,499,999,
        // the leftover cent to the largest remainder, Goirle's ⅔: € 83,333.33 / € 31,250.00 / € 10,416.67.
        Assert.Equal(Money.FromEuros(83_333.33m), annual.Single(e => e.Municipality == Tilburg).Amount);
        Assert.Equal(Money.FromEuros(31_250.00m), annual.Single(e => e.Municipality == Oisterwijk).Amount);
        Assert.Equal(Money.FromEuros(10_416.67m), annual.Single(e => e.Municipality == Goirle).Amount);

        // Against the twelve months invoiced (37,500.00 and 12,500.00): Oisterwijk −6,250.00, Goirle −2,083.33, both credit notes;
        // Tilburg's own −16,666.67 is counted, never invoiced.
        var months = MonthlySettlement.EntriesOfMonths(scheme, Enumerable.Range(1, 12).Select(m => new YearMonth(2027, m)).ToList(), Inputs())
            .SelectMany(m => m.Entries).ToList();
        var final = YearEnd.For(2027, annual, months);
        Assert.Equal(Money.FromEuros(-6_250.00m), final.Single(e => e.Municipality == Oisterwijk).Amount);
        Assert.Equal(Money.FromEuros(-2_083.33m), final.Single(e => e.Municipality == Goirle).Amount);
        Assert.Equal(Money.FromEuros(-16_666.67m), final.Single(e => e.Municipality == Tilburg).Amount);
        Assert.All(final, e => Assert.Equal(SettlementKind.Creditnota, e.Kind));
        var plan = RunPlans.YearEnd(scheme, 2027, BasisUnit.HoursPerWeek, annual, new SettledYear(months, null), 1);
        Assert.Equal([Goirle, Oisterwijk], plan.Invoices.Select(i => i.Debtor));
    }

    [Fact]
    public void YearEnd_RealisationAboveTheGrant_SetsTheGrant_NoReclaim_NothingToSettle()
    {
        var scheme = Leijpark2027();
        // 2,600 hours × € 62.50 = € 162,500.00 > € 150,000.00: the subsidy is set at the grant; the shares are the months' exactly.
        var (annual, set, _, _) = EstimateCosts.SetYear(scheme, 2027, new EstimatePool(62.50m, 40), Estimate, [new RealisationRow(2027, Leijpark, 2_600m)]);
        Assert.Equal(Money.FromEuros(150_000.00m), set);
        var months = MonthlySettlement.EntriesOfMonths(scheme, Enumerable.Range(1, 12).Select(m => new YearMonth(2027, m)).ToList(), Inputs())
            .SelectMany(m => m.Entries).ToList();
        Assert.Empty(YearEnd.For(2027, annual, months));
        // Paid twelve advances of € 12,500.00: set − paid = 0, no reclaim.
        Assert.Equal(Money.Zero, set - Money.FromEuros(150_000.00m));
    }

    [Fact]
    public void YearEnd_WithoutARealisation_IsRefused()
    {
        var error = Assert.Throws<SettlementInputException>(() =>
            EstimateCosts.SetYear(Leijpark2027(), 2027, new EstimatePool(62.50m, 40), Estimate, []));
        Assert.Equal(
            "Scheme tilburg-leijpark: 2027 has no realisation, and an estimate pool's year end sets the subsidy by it; import the school's realised hours first "
            + "(import realisatie FILE --scheme tilburg-leijpark). Nothing issued.",
            error.Message);
    }

    [Fact]
    public void AMonthWithoutAnEstimate_OrWithAResidenceNotTakingPart_IsRefused()
    {
        var scheme = Leijpark2027();
        var none = Assert.Throws<SettlementInputException>(() => MonthlySettlement.Calculate(scheme, new YearMonth(2028, 1), Inputs()));
        Assert.StartsWith("Scheme tilburg-leijpark has no estimate for 2028; import one first", none.Message, StringComparison.Ordinal);
        var tilburgOnly = new Scheme(scheme.Id, scheme.Name, scheme.StartYear, scheme.TermsFor(2027) with { Participants = new HashSet<MunicipalityCode> { Tilburg, Oisterwijk } });
        var outsider = Assert.Throws<SettlementInputException>(() => MonthlySettlement.Calculate(tilburgOnly, new YearMonth(2027, 1), Inputs()));
        Assert.Contains("names GM0785, not a participant in 2027", outsider.Message, StringComparison.Ordinal);
    }

    private static Money Month(SettlementPlan plan, MunicipalityCode municipality) => plan.Allocation.Single(a => a.Municipality == municipality).Month;
}
