using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>
/// Funders that are not municipalities under the cashier flow (a fixed budget split by pupils), worked by hand.
/// <code>
/// Budget 2026 € 12,000.00 = 1,200,000 cents; hosts 25XX00 (Groningen) 9 FTE, 25XX01 (Het Hogeland) 2.5 FTE.
/// Pupils on 1 October 2025: 25XX00 Groningen 50, Het Hogeland 20, Assen 10; 25XX01 Het Hogeland 15, Groningen 5.
///   Per municipality Groningen 55, Het Hogeland 35, Assen 10 (not a participant); per location 80 and 20; 100 in all.
/// Funders, amounts first: SB-80001 (a board) € 1,234.57 = 123,457; then SWV-VO2001 2.5% of the budget before any
///   share: 1,200,000 × 2.5 / 100 = 30,000. Together 153,457; left for the pupils split 1,200,000 − 153,457 = 1,046,543.
/// The split of 1,046,543 by 55 : 35 : 10: Groningen 575,598.65, Het Hogeland 366,290.05, Assen 104,654.30; floors
///   575,598 + 366,290 + 104,654 = 1,046,542, the cent left to the largest remainder (.65), Groningen: 575,599.
///   Assen's 104,654 is the gap; VSV-middelen covers 100,000 of it.
/// A funder's share over the locations by all their pupils, 80 : 20: SB-80001 98,765.6 / 24,691.4, floors 123,456, the cent
///   to .6: 98,766 / 24,691. SWV-VO2001 24,000 / 6,000.
/// January (month 1 of the schedule, ⌊X / 12⌋): Groningen ⌊575,599 / 12⌋ = 47,966; Het Hogeland ⌊366,290 / 12⌋ = 30,524;
///   Assen's gap ⌊104,654 / 12⌋ = 8,721, covered ⌊100,000 × 8,721 / 104,654⌋ = ⌊8,333.17⌋ = 8,333.
///   SB-80001 ⌊123,457 / 12⌋ = 10,288 over its parts 98,766 : 24,691 = 8,230.43 / 2,057.57, floors 10,287, the cent to
///   .57: 8,230 / 2,058. SWV-VO2001 30,000 / 12 = 2,500 over 24,000 : 6,000 = 2,000 / 500.
///   Het Hogeland's 30,524 over its pupils 20 : 15 = 17,442.29 / 13,081.71, the cent to .71: 17,442 / 13,082.
/// The statement: collected 47,966 + 30,524 + 10,288 + 2,500 = 91,278, of which funders 12,788; covered 8,333; paid out
///   91,278 + 8,333 = 99,611 by 9 : 2.5 = 18 : 23 and 5 : 23: 77,956.43 / 21,654.57, the cent to .57: 77,956 / 21,655.
/// </code>
/// </summary>
public class CashierFundersTests
{
    private static readonly MunicipalityCode Groningen = MunicipalityCode.Parse("GM0014");
    private static readonly MunicipalityCode Assen = MunicipalityCode.Parse("GM0106");
    private static readonly MunicipalityCode HetHogeland = MunicipalityCode.Parse("GM1966");
    private static readonly SchoolLocationId Stad = SchemeBuilder.Location("25XX00");
    private static readonly SchoolLocationId Hogeland = SchemeBuilder.Location("25XX01");
    private static readonly PartyCode Board = Funder("SB-80001");
    private static readonly PartyCode Swv = Funder("SWV-VO2001");
    private static readonly DateOnly Peildatum = new(2025, 10, 1);

    [Fact]
    public void FundersShares_ComeOffTheBudgetFirst_AndThePupilsSplitTheRest_WithItsLeftoverCent()
    {
        var year = MonthlySettlement.CashierYearOf(Scheme(), 2026, Inputs())!;

        // Amounts first, then percentages of the budget before any share.
        Assert.Equal([(Board, 123_457L), (Swv, 30_000L)], year.Funders.Select(f => (f.Funder.Id, f.Annual.Cents)));
        Assert.Equal(
            [(Groningen, 575_599L), (Assen, 104_654L), (HetHogeland, 366_290L)],
            year.Parts.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Cents)));
        Assert.Equal(1_046_543, Money.Sum(year.Parts.Values).Cents);
        Assert.Equal((104_654L, 100_000L, 4_654L), (year.Gap.Cents, year.Covered.Single().Amount.Cents, year.Uncovered.Cents));
        // To pay out: 575,599 + 366,290 from the participants, 153,457 from the funders and 100,000 covered = 1,195,346,
        // the budget less what stays uncovered (1,200,000 − 4,654).
        Assert.Equal(1_195_346, year.Available.Cents);
    }

    [Fact]
    public void TheCashierInvoicesEachFunder_ItsMonthlySchedule_OverTheLocationsByAllTheirPupils()
    {
        var plan = MonthlySettlement.Calculate(Scheme(), new YearMonth(2026, 1), Inputs());

        // The cashier's own share is not invoiced; funders after the municipalities.
        Assert.Equal([(PartyCode)HetHogeland, Board, Swv], plan.Invoices.Select(i => i.Debtor));
        Assert.All(plan.Invoices, i => Assert.Equal(Groningen, i.Issuer));
        Assert.Equal([(Stad, 8_230L), (Hogeland, 2_058L)], plan.Invoices.Single(i => i.Debtor == Board).Lines.Select(l => (l.School, l.Amount.Cents)));
        Assert.Equal([(Stad, 2_000L), (Hogeland, 500L)], plan.Invoices.Single(i => i.Debtor == Swv).Lines.Select(l => (l.School, l.Amount.Cents)));
        Assert.Equal([(Stad, 17_442L), (Hogeland, 13_082L)], plan.Invoices.Single(i => i.Debtor == HetHogeland).Lines.Select(l => (l.School, l.Amount.Cents)));
        // The line shows the funder's annual part at the location; the run keeps the budget before the shares and what is left.
        Assert.Equal((98_766L, 24_691L), (plan.AnnualShares[(Board, Stad)].Cents, plan.AnnualShares[(Board, Hogeland)].Cents));
        Assert.Equal((1_200_000L, 1_046_543L), (plan.Calculation!.Funders!.PoolCents, plan.Calculation.Funders.RestCents));
        Assert.Equal(1_200_000, plan.Calculation.Budget!.Value.Cents);
        Assert.Equal([575_599L, 366_290L], plan.Allocation.Select(a => a.AnnualProjection.Cents));
    }

    [Fact]
    public void TheStatement_CollectsFromTheFunders_AndPaysItOutToTheHosts_WithABalanceOfZero()
    {
        var month = MonthlySettlement.Calculate(Scheme(), new YearMonth(2026, 1), Inputs());

        var statement = RunPlans.WithCorrections(Scheme(), month, []).Statement!;

        Assert.Equal(
            [((PartyCode)Groningen, 47_966L), (HetHogeland, 30_524L), (Board, 10_288L), (Swv, 2_500L)],
            statement.Collected.Select(c => (c.Party, c.Amount.Cents)));
        Assert.Equal((91_278L, 12_788L), (statement.CollectedTotal.Cents, statement.FundersTotal.Cents));
        Assert.Equal((8_721L, 8_333L), (statement.GapTotal.Cents, statement.CoveredTotal.Cents));
        Assert.Equal([(Stad, 77_956L), (Hogeland, 21_655L)], statement.PaidOut.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Cents)));
        Assert.Equal(Money.Zero, statement.Balance);
    }

    [Fact]
    public void AFundersYear_AddsUpToItsShare_AndTheParticipantsToTheirPartsOfTheRest()
    {
        // The year is the sum of its months: 123,457 and 30,000 for the funders; 575,599 + 366,290 = 941,889 for the participants.
        var year = MonthlySettlement.Annual(Scheme(), 2026, Inputs());

        Assert.Equal(123_457, year.Where(e => e.Municipality == Board).Sum(e => e.Amount.Cents));
        Assert.Equal(30_000, year.Where(e => e.Municipality == Swv).Sum(e => e.Amount.Cents));
        Assert.Equal(941_889, year.Where(e => !e.Municipality.IsFunder).Sum(e => e.Amount.Cents));
    }

    [Fact]
    public void Spread_SharesTheNonParticipantsPartOfTheRest_OverTheParticipants()
    {
        // Assen's 104,654 of the rest spread by 55 : 35 = 63,955.44 / 40,698.56, floors 104,653, the cent to .56, Het Hogeland:
        // Groningen 575,599 + 63,955 = 639,554; Het Hogeland 366,290 + 40,699 = 406,989; together the rest, 1,046,543.
        var spread = Scheme(NonParticipants.Spread);

        var year = MonthlySettlement.CashierYearOf(spread, 2026, Inputs())!;

        Assert.Equal((639_554L, 406_989L), (year.Contributions[Groningen].Cents, year.Contributions[HetHogeland].Cents));
        Assert.Equal(1_046_543, Money.Sum(year.Contributions.Values).Cents);
    }

    [Fact]
    public void FundersSharesAboveTheBudget_AreRefused_AndNothingIsPlanned()
    {
        // An amount of 1,170,001 and 2.5% = 30,000: 1,200,001 cents, one more than the budget.
        var scheme = Scheme(board: new FunderAmount(new Money(1_170_001)));

        var refused = Assert.Throws<SettlementInputException>(() => MonthlySettlement.Calculate(scheme, new YearMonth(2026, 1), Inputs()));

        Assert.Contains("add up to € 12000.01, more than the pool of € 12000.00", refused.Message, StringComparison.Ordinal);
    }

    private static SettlementInputs Inputs() => new([], [],
    [
        new PupilCount(Peildatum, Stad, Groningen, 50), new PupilCount(Peildatum, Stad, HetHogeland, 20), new PupilCount(Peildatum, Stad, Assen, 10),
        new PupilCount(Peildatum, Hogeland, HetHogeland, 15), new PupilCount(Peildatum, Hogeland, Groningen, 5),
    ]);

    private static PartyCode Funder(string id) => PartyCode.TryFunder(id, out var code, out var problem) ? code : throw new ArgumentException(problem);

    private static Scheme Scheme(NonParticipants mode = NonParticipants.Gap, FunderShare? board = null) => new("groningen-saw", "School als Wijk", 2019, new SchemeTerms(
        new HashSet<SchoolLocationId> { Stad, Hogeland },
        new HashSet<MunicipalityCode> { Groningen, HetHogeland },
        new FixedBudgetPool(new Dictionary<int, Money> { [2026] = Money.FromEuros(12_000m) }, new HostsByFte(new Dictionary<SchoolLocationId, decimal> { [Stad] = 9m, [Hogeland] = 2.5m })),
        new PupilsKey(2m),
        new CashierFlow(Groningen, mode, mode == NonParticipants.Gap ? [new GapFund("VSV-middelen", Money.FromEuros(1_000m))] : []),
        new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw"))
    {
        // In file order the percentage comes first; the amount is taken off before it all the same.
        Funders =
        [
            new(Swv, "Samenwerkingsverband VO Groningen Stad", FunderKind.Swv, "NL12RABO0020010001", "Postbus 2001, 9700 AA Groningen", new FunderPercent(2.5m)),
            new(Board, "Stichting Mbo Noord", FunderKind.Board, "NL73RABO0080001001", "Noorderweg 1, 9700 AB Groningen", board ?? new FunderAmount(new Money(123_457))),
        ],
    });
}
