using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class ParticipationTests
{
    [Fact]
    public void FromYear_TakesPartFromJanuaryOfThatYear()
    {
        var eemsdelta = new Participation(FromYear: 2021);
        Assert.Null(eemsdelta.MonthsIn(2020));
        Assert.Equal((1, 12), eemsdelta.MonthsIn(2021));
    }

    [Fact]
    public void UntilYear_TakesPartThroughDecemberOfThatYear_AndMonthsNarrowAPartialYear()
    {
        var leaving = new Participation(UntilYear: 2026, UntilMonth: 6);
        Assert.Equal((1, 6), leaving.MonthsIn(2026));
        Assert.Null(leaving.MonthsIn(2027));
        Assert.Equal((4, 12), new Participation(FromYear: 2026, FromMonth: 4).MonthsIn(2026));
    }

    [Fact]
    public void SchemeTerms_OfAYearOrMonth_HoldOnlyTheParticipantsTakingPartThen()
    {
        var scheme = Nijmegen2019();
        var joining = MunicipalityCode.Parse("GM0225");
        var terms = scheme.TermsFor(2026) with
        {
            Participants = new HashSet<MunicipalityCode>(scheme.TermsFor(2026).Participants) { joining },
            Participation = new Dictionary<MunicipalityCode, Participation> { [joining] = new(FromYear: 2026, FromMonth: 7) },
        };
        var withJoiner = new Scheme(scheme.Id, scheme.Name, scheme.StartYear, terms);
        Assert.DoesNotContain(joining, withJoiner.TermsFor(2025).Participants);
        Assert.Contains(joining, withJoiner.TermsFor(2026).Participants);
        Assert.DoesNotContain(joining, withJoiner.TermsFor(new YearMonth(2026, 6)).Participants);
        Assert.Contains(joining, withJoiner.TermsFor(new YearMonth(2026, 7)).Participants);
    }
}
