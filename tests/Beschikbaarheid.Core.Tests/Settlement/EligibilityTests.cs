using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class EligibilityTests
{
    private static readonly SchemeTerms Terms = Nijmegen2019().TermsFor(2026);
    private static readonly PerChildPool Pool = (PerChildPool)Terms.Pool;
    private static readonly DateOnly Start = new(2026, 1, 1);

    private static Eligibility Classify(Beschikking b) => EligibilityRules.Classify(b, Terms, Pool);

    [Fact]
    public void ExactlyTheThreshold_IsNotEligible() =>
        Assert.Equal(Eligibility.AtOrAboveThreshold, Classify(Beschikking("c1", Beuningen, StMaarten, 12m, Start)));

    [Fact]
    public void JustBelowTheThreshold_IsEligible() =>
        Assert.Equal(Eligibility.Eligible, Classify(Beschikking("c1", Beuningen, StMaarten, 11.99m, Start)));

    [Theory]
    [InlineData(Law.WLZ)]
    [InlineData(Law.ZVW)]
    public void OtherLawThanJeugdwet_IsNotEligible(Law law) =>
        Assert.Equal(Eligibility.OtherLaw, Classify(Beschikking("c1", Beuningen, StMaarten, 4m, Start, law: law)));

    [Fact]
    public void ResidentOfANonParticipant_IsNotEligible() =>
        Assert.Equal(Eligibility.NonParticipant, Classify(Beschikking("c1", Arnhem, StMaarten, 4m, Start)));

    [Fact]
    public void AtASchoolOutsideTheScheme_IsNotEligible() =>
        Assert.Equal(Eligibility.OtherSchool, Classify(Beschikking("c1", Beuningen, Elsewhere, 4m, Start)));
}
