using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using FsCheck;
using FsCheck.Fluent;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>
/// The children a month counts, which the allocation sheet shows per municipality and per location: a child is a client with
/// an eligible beschikking on a day of the month, counted once in each municipality and once at each location it has one in.
/// </summary>
public class ChildCountTests
{
    private static readonly DateOnly March1 = new(2026, 3, 1);

    [Fact]
    public void AChildAtTwoSchools_IsOneChildOfItsMunicipality_AndOneAtEachSchool()
    {
        // cl-a lives in Beuningen with care at both schools; cl-b lives in Beuningen at St. Maarten, then moved to Berg en Dal
        // (a beschikking from each residence, the first ending 14 March); cl-c lives in Nijmegen at Meander under two
        // overlapping beschikkingen.
        var plan = MonthlySettlement.Calculate(Nijmegen2019(), new YearMonth(2026, 3), new SettlementInputs(
        [
            Beschikking("cl-a", Beuningen, StMaarten, 4, March1),
            Beschikking("cl-a", Beuningen, Meander, 4, March1),
            Beschikking("cl-b", Beuningen, StMaarten, 4, March1, new DateOnly(2026, 3, 14)),
            Beschikking("cl-b", BergEnDal, StMaarten, 4, new DateOnly(2026, 3, 15)),
            Beschikking("cl-c", Nijmegen, Meander, 4, March1),
            Beschikking("cl-c", Nijmegen, Meander, 6, new DateOnly(2026, 3, 10)),
        ], [], []));
        // Beuningen: cl-a and cl-b = 2 (cl-a not twice for its two schools); Berg en Dal: cl-b = 1; Nijmegen: cl-c = 1.
        Assert.Equal([(Beuningen, 2), (Nijmegen, 1), (BergEnDal, 1)], plan.Allocation.Select(a => (a.Municipality, a.Children)));
        // St. Maarten: cl-a and cl-b = 2 (cl-b not twice for its two residences); Meander: cl-a and cl-c = 2 (cl-c not twice).
        Assert.Equal([(StMaarten, 2), (Meander, 2)], plan.Locations.Select(l => (l.School, l.Children)));
    }

    [Fact]
    public void ChildrenPerMunicipalityAndSchool_AreTheDistinctClientsWithAnEligibleDayInTheMonth()
    {
        var rules = PerChildRules.Nijmegen2019;
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            // Eight clients over four residences and two schools: most clients have several beschikkingen.
            var data = Enumerable.Range(0, random.Next(1, 40)).Select(i => RandomBeschikking(random, i)).ToList();
            var month = new YearMonth(2026, random.Next(1, 13));
            var plan = MonthlySettlement.Calculate(Nijmegen2019(), month, new SettlementInputs(data, [], []));
            var counted = data
                .Where(b => rules.Eligible(b) && b.Active.Start <= month.LastDay && !(b.Active.End < month.FirstDay))
                .ToList();
            return plan.Allocation.All(a => a.Children == counted.Where(b => b.Residence == a.Municipality).Select(b => b.Client).Distinct().Count())
                && plan.Locations.All(l => l.Children == counted.Where(b => b.School == l.School).Select(b => b.Client).Distinct().Count());
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
