using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Core.WhatIf;

namespace Beschikbaarheid.Core.Tests.WhatIf;

/// <summary>The what-if of keys worked by hand.</summary>
public sealed class KeyComparisonTests
{
    private static readonly MunicipalityCode M1 = MunicipalityCode.Parse("GM0001");
    private static readonly MunicipalityCode M2 = MunicipalityCode.Parse("GM0002");
    private static readonly MunicipalityCode M3 = MunicipalityCode.Parse("GM0003");
    private static readonly SchoolLocationId A = Settlement.SchemeBuilder.Location("10AA00");
    private static readonly SchoolLocationId B = Settlement.SchemeBuilder.Location("20BB00");
    private static readonly DateOnly Peildatum = new(2025, 10, 1);

    private static Beschikking Child(string client, MunicipalityCode residence, SchoolLocationId school, DateOnly start, DateOnly? end = null) =>
        new($"B-{client}-{start:yyyyMMdd}", client, residence, school, "P", "JZ", Law.JW, 4m, new ActivePeriod(start, end));

    /// <summary>
    /// Drawing rights: A € 1,000.00 with pupils M1 2, M2 1; B € 500.00 with pupils M2 1, M3 1. Children: M1 at A the whole
    /// year, M2 at B from 1 April, M3 (no participant) at B.
    /// </summary>
    private static WhatIfInputs DrawingRights() => new(
        2026,
        new LocationBudgets(new Dictionary<SchoolLocationId, Money> { [A] = Money.FromEuros(1_000m), [B] = Money.FromEuros(500m) }),
        [new PupilCount(Peildatum, A, M1, 2), new PupilCount(Peildatum, A, M2, 1), new PupilCount(Peildatum, B, M2, 1), new PupilCount(Peildatum, B, M3, 1)],
        [
            Child("c1", M1, A, new DateOnly(2026, 1, 1)),
            Child("c2", M2, B, new DateOnly(2026, 4, 1)),
            Child("c3", M3, B, new DateOnly(2026, 1, 1)),
        ],
        2.5m,
        new HashSet<MunicipalityCode> { M1, M2 });

    [Fact]
    public void DrawingRights_AreSplitLocationByLocation()
    {
        var result = KeyComparison.Compare(new PupilsKey(2.5m), [("kinderen", new ChildrenKey())], DrawingRights());

        // Pupils: A 100,000 cents by 2 : 1 = 66,666.67 : 33,333.33 → floors 66,666 and 33,333, the cent left to M1 (remainder 2/3):
        // M1 € 666.67, M2 € 333.33; B 50,000 by 1 : 1 = € 250.00 each. M2 € 333.33 + € 250.00 = € 583.33; total € 1,500.00.
        Assert.Equal(new Dictionary<MunicipalityCode, Money> { [M1] = new(66_667), [M2] = new(58_333), [M3] = new(25_000) }, result.Current.Amounts);
        // Children (participants only, as settlement): A has only M1's child, B only M2's (M3 takes no part): M1 € 1,000, M2 € 500.
        Assert.Equal(new Dictionary<MunicipalityCode, Money> { [M1] = new(100_000), [M2] = new(50_000) }, result.Alternatives[0].Amounts);
        Assert.Equal(Money.FromEuros(1_500m), result.Pool);
        Assert.Equal([M1, M2, M3], result.Municipalities);
    }

    [Fact]
    public void ALocationWithABudgetButNothingToSplitItBy_IsRefusedNamingIt()
    {
        var inputs = DrawingRights() with { Beschikkingen = [Child("c2", M2, B, new DateOnly(2026, 4, 1))] };
        var refused = Assert.Throws<SettlementInputException>(() => KeyComparison.Compare(new PupilsKey(2.5m), [("kinderen", new ChildrenKey())], inputs));
        Assert.Contains("10AA00", refused.Message, StringComparison.Ordinal);
        Assert.Contains("kinderen", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFixedBudget_IsSplitAsAWhole_AndOverlappingBeschikkingenCountAChildsDayOnce()
    {
        // € 90.00 over both locations. Children: M1 one child at A with two beschikkingen, 1 Jan – 30 Jun and 1 Apr – 31 Dec:
        // the union is the whole year, 365 days (not 181 + 275 = 456); M2 a child at B from 2 Jul, 183 days; M3 one at B
        // from 1 Dec 2025 to 31 Jan 2026, 31 days of 2026 (the whole budget is split over all, participants or not).
        // 365 + 183 + 31 = 579 days. 9,000 × 365 / 579 = 5,673.57 → 5,673; × 183 / 579 = 2,844.56 → 2,844; × 31 / 579 = 481.87 → 481;
        // 9,998: two cents left, to the largest remainders .87 (M3) and .57 (M1): M1 € 56.74, M2 € 28.44, M3 € 4.82 = € 90.00.
        var inputs = new WhatIfInputs(
            2026, new WholeBudget(Money.FromEuros(90m), new HashSet<SchoolLocationId> { A, B }), [],
            [
                Child("c1", M1, A, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)),
                Child("c1", M1, A, new DateOnly(2026, 4, 1), new DateOnly(2026, 12, 31)) with { Number = "second" },
                Child("c2", M2, B, new DateOnly(2026, 7, 2)),
                Child("c3", M3, B, new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 31)),
            ],
            2.5m, null);
        var amounts = KeyComparison.Amounts(new ChildrenKey(), "kinderen", inputs);
        Assert.Equal(new Dictionary<MunicipalityCode, Money> { [M1] = new(5_674), [M2] = new(2_844), [M3] = new(482) }, amounts);
    }

    [Fact]
    public void PhaseIn_GoesLinearlyFromTheCurrentSplitToTheAlternative_EachYearAddingUpToThePool()
    {
        // € 100.00, now all M1, after three years all M2. Year 1: weights 2 × 10,000 : 1 × 10,000 → 6,666.67 : 3,333.33, the cent to
        // M1 (remainder 2/3): € 66.67 / € 33.33. Year 2: 1 : 2 → € 33.33 / € 66.67. Year 3: the alternative, € 0.00 / € 100.00.
        var path = KeyComparison.Path(Money.FromEuros(100m),
            new Dictionary<MunicipalityCode, Money> { [M1] = Money.FromEuros(100m) },
            new Dictionary<MunicipalityCode, Money> { [M2] = Money.FromEuros(100m) }, 3);
        Assert.Equal([(6_667L, 3_333L), (3_333L, 6_667L), (0L, 10_000L)], path.Select(y => (y[M1].Cents, y[M2].Cents)));
    }

    [Theory]
    [InlineData("pupils", "leerlingen")]
    [InlineData("children", "kinderen")]
    [InlineData("blend:pupils=0.5,children=0.5", "mix leerlingen 50% / kinderen 50%")]
    [InlineData("blend:pupils=0.25,children=0.75", "mix leerlingen 25% / kinderen 75%")]
    public void Keys_AreReadFromTheirText(string text, string label) => Assert.Equal(label, KeyText.Parse(text, 2m, out _)?.Label);

    [Theory]
    [InlineData("leerlingen")]
    [InlineData("blend:pupils=0.5,children=0.4")]
    [InlineData("blend:pupils=0.5,pupils=0.5")]
    [InlineData("blend:pupils=1,none=0")]
    [InlineData("blend:")]
    public void AKeyThatCannotBeRead_IsRefusedWithAReason(string text)
    {
        Assert.Null(KeyText.Parse(text, 2m, out var error));
        Assert.StartsWith($"--key '{text}'", error, StringComparison.Ordinal);
    }
}
