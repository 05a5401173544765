using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Registry;

/// <summary>
/// The merger rule and what it does to a settlement. Fictional: Beuningen (GM0209) merges into "Maas en Waal" (GM9001, not
/// a participant) on 1 January 2026, and Maas en Waal into Berg en Dal (GM1945, a participant) on 1 January 2027.
/// </summary>
public class MergersTests
{
    private static readonly MunicipalityCode MaasEnWaal = MunicipalityCode.Parse("GM9001");
    private static readonly Merger First = new(new DateOnly(2026, 1, 1), Beuningen, MaasEnWaal);
    private static readonly Merger Second = new(new DateOnly(2027, 1, 1), MaasEnWaal, BergEnDal);
    private static readonly Mergers Chain = new([First, Second]);

    [Fact]
    public void On_NamesTheOldCodeBeforeTheDate_TheSuccessorFromIt_AndFollowsTheChain()
    {
        Assert.Equal(Beuningen, Chain.On(Beuningen, new DateOnly(2025, 12, 31)));
        Assert.Equal(MaasEnWaal, Chain.On(Beuningen, new DateOnly(2026, 1, 1)));
        Assert.Equal(MaasEnWaal, Chain.On(Beuningen, new DateOnly(2026, 12, 31)));
        // The chain: Beuningen → Maas en Waal (2026) → Berg en Dal (2027).
        Assert.Equal(BergEnDal, Chain.On(Beuningen, new DateOnly(2027, 1, 1)));
        Assert.Equal(BergEnDal, Chain.InYear(MaasEnWaal, 2027));
        Assert.Equal(Nijmegen, Chain.InYear(Nijmegen, 2027));
    }

    [Fact]
    public void ChainsInto_ListsEachChainOnceFromItsFirstCode()
    {
        var chains = Chain.ChainsInto(BergEnDal, new DateOnly(2027, 1, 1));
        Assert.Equal([[First, Second]], chains.Select(c => c.ToList()).ToList());
        Assert.Empty(Chain.ChainsInto(BergEnDal, new DateOnly(2026, 12, 31)));
        Assert.Equal([First], Chain.ChainOf(Beuningen, new DateOnly(2026, 6, 1)));
    }

    [Fact]
    public void Problems_RefuseADateOtherThanFirstJanuary_AMergerIntoItself_AndASuccessorGoneBeforeTheDate()
    {
        var july = new Merger(new DateOnly(2026, 7, 1), Beuningen, MaasEnWaal);
        Assert.Contains("not 1 January", Assert.Single(Mergers.Problems([july])).Reason, StringComparison.Ordinal);
        Assert.Contains("itself", Assert.Single(Mergers.Problems([new Merger(new DateOnly(2026, 1, 1), Beuningen, Beuningen)])).Reason, StringComparison.Ordinal);
        // Maas en Waal would already be part of Berg en Dal in 2026, so it cannot take Beuningen over on 1 January 2026;
        // this also refuses a circle (A → B, B → A).
        var gone = new Merger(new DateOnly(2026, 1, 1), MaasEnWaal, BergEnDal);
        Assert.Equal(First, Assert.Single(Mergers.Problems([First, gone])).Merger);
        Assert.Throws<ArgumentException>(() => new Mergers([First, new Merger(new DateOnly(2027, 1, 1), MaasEnWaal, Beuningen), new Merger(new DateOnly(2027, 1, 1), Beuningen, MaasEnWaal)]));
        Assert.Empty(Mergers.Problems([First, Second]));
    }

    [Fact]
    public void Scheme_FromTheMergerYear_TheSuccessorTakesPart_OrGrows_AndBeforeNothingChanges()
    {
        var (scheme, successions) = Successions.Apply(Nijmegen2019(), Chain);
        Assert.Equal([Beuningen, Nijmegen, BergEnDal], scheme.TermsFor(2025).Participants.Order());
        // 2026: Maas en Waal did not take part; it does as Beuningen's successor (and is logged as joined).
        Assert.Equal([Nijmegen, BergEnDal, MaasEnWaal], scheme.TermsFor(2026).Participants.Order());
        // 2027: Berg en Dal already takes part and grows; the 2027 terms (6 h norm) are kept.
        Assert.Equal([Nijmegen, BergEnDal], scheme.TermsFor(2027).Participants.Order());
        Assert.Equal(6m, ((PerChildPool)scheme.TermsFor(2027).Pool).NormHoursPerWeek);
        Assert.Equal([(2026, true), (2027, false)], successions.Select(s => (s.Year, s.Joined)).ToList());
    }

    [Fact]
    public void Month_AfterTheMerger_ChargesTheOldCodesChildToTheSuccessor()
    {
        var (scheme, _) = Successions.Apply(Nijmegen2019(), Chain);
        var child = Beschikking("c1", Beuningen, StMaarten, 4m, new DateOnly(2025, 1, 1));
        SettlementPlan Month(int year) =>
            MonthlySettlement.Calculate(scheme, new YearMonth(year, 1), Successions.Apply(new SettlementInputs([child], [], []), Chain, year));
        // January: 31 child-days of 365 (2025, 2026 and 2027 are no leap years): 1,375,000 × 31 / 365 = 116,780.82 → 116,781 cents
        // (from 2027 the 6 h norm: 6 × € 62.50 × 40 = € 15,000 = 1,500,000 × 31 / 365 = 127,397.26 → 127,397 cents).
        Assert.Equal((Beuningen, 116_781L), Single(Month(2025)));
        Assert.Equal((MaasEnWaal, 116_781L), Single(Month(2026)));
        Assert.Equal((BergEnDal, 127_397L), Single(Month(2027)));

        static (PartyCode, long) Single(SettlementPlan plan) => Assert.Single(plan.Invoices) is var i ? (i.Debtor, i.Total.Cents) : default;
    }

    [Fact]
    public void Readdressed_AnInvoiceIssuedAfterTheMerger_GoesToTheSuccessor_WithTheOldCodeOnItsLine()
    {
        var scheme = Nijmegen2019();
        var december = MonthlySettlement.Calculate(scheme, new YearMonth(2025, 12), [Beschikking("c1", Beuningen, StMaarten, 4m, new DateOnly(2025, 1, 1))]);
        // Issued on 31 December 2025: to Beuningen itself. Issued on 2 January 2026 (after the merger): to Maas en Waal, the
        // line still Beuningen's; issued in 2027: to Berg en Dal, the end of the chain. 31 days: 116,781 cents as above.
        var before = Assert.Single(Successions.Readdressed(december, scheme, Chain, new DateOnly(2025, 12, 31)).Invoices);
        Assert.Equal((Beuningen, (MunicipalityCode?)null, 116_781L), (before.Debtor, before.Lines[0].Residence, before.Total.Cents));
        var after = Assert.Single(Successions.Readdressed(december, scheme, Chain, new DateOnly(2026, 1, 2)).Invoices);
        Assert.Equal((MaasEnWaal, (MunicipalityCode?)Beuningen, 116_781L), (after.Debtor, after.Lines[0].Residence, after.Total.Cents));
        Assert.Equal(BergEnDal, Assert.Single(Successions.Readdressed(december, scheme, Chain, new DateOnly(2027, 3, 1)).Invoices).Debtor);
    }

    [Fact]
    public void Readdressed_AnAmountWhoseSuccessorIsTheLead_IsTheLeadsOwnShare()
    {
        var scheme = Nijmegen2019();
        var intoLead = new Mergers([new Merger(new DateOnly(2026, 1, 1), Beuningen, Nijmegen)]);
        var december = MonthlySettlement.Calculate(scheme, new YearMonth(2025, 12), [Beschikking("c1", Beuningen, StMaarten, 4m, new DateOnly(2025, 1, 1))]);
        var plan = Successions.Readdressed(december, scheme, intoLead, new DateOnly(2026, 1, 2));
        Assert.Empty(plan.Invoices);
        Assert.False(plan.Allocation.Single(a => a.Municipality == Beuningen).Invoiced);
        Assert.Equal(new Money(116_781), plan.Entries.Single().Amount);
    }
}
