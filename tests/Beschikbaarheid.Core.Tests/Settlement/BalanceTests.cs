using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class BalanceTests
{
    private static readonly SchoolLocationId A = SchemeBuilder.Location("50AA00");
    private static readonly SchoolLocationId B = SchemeBuilder.Location("51BB00");
    private static readonly MunicipalityCode Utrecht = MunicipalityCode.Parse("GM0344");
    private static readonly MunicipalityCode Zeist = MunicipalityCode.Parse("GM0355");
    private static readonly MunicipalityCode Bunnik = MunicipalityCode.Parse("GM0312");

    [Fact]
    public void Balance_ComparesHostedLocationsWithResidentsUse_AndFlagsAboveTheThreshold()
    {
        // Two schools at 2 FTE × € 80,000 = € 160,000 each; A lies in Utrecht, B in Zeist.
        // Use by residents: Utrecht 100,000 + 70,000 = € 170,000; Zeist 60,000 + 80,000 = € 140,000; Bunnik 10,000 from B.
        // Utrecht: 160,000 − 170,000 = −10,000 = −6.25% (within 10%). Zeist: 160,000 − 140,000 = +20,000 = 12.5%: flagged.
        // Bunnik hosts nothing but uses € 10,000: flagged, no percentage.
        var budgets = new Dictionary<SchoolLocationId, Money> { [A] = Money.FromEuros(160_000m), [B] = Money.FromEuros(160_000m) };
        var locatedIn = new Dictionary<SchoolLocationId, MunicipalityCode> { [A] = Utrecht, [B] = Zeist };
        LocationPart[] parts =
        [
            new(A, Utrecht, 0, false, Money.FromEuros(100_000m)), new(A, Zeist, 0, false, Money.FromEuros(60_000m)),
            new(B, Utrecht, 0, false, Money.FromEuros(70_000m)), new(B, Zeist, 0, false, Money.FromEuros(80_000m)), new(B, Bunnik, 0, false, Money.FromEuros(10_000m)),
        ];
        var rows = Balance.Compute(budgets, locatedIn, parts, thresholdPct: 10m).ToDictionary(r => r.Municipality);
        Assert.Equal((Money.FromEuros(-10_000m), (decimal?)-6.25m, false), (rows[Utrecht].Difference, rows[Utrecht].DifferencePct, rows[Utrecht].Flagged));
        Assert.Equal((Money.FromEuros(20_000m), (decimal?)12.5m, true), (rows[Zeist].Difference, rows[Zeist].DifferencePct, rows[Zeist].Flagged));
        Assert.Equal((Money.FromEuros(-10_000m), (decimal?)null, true), (rows[Bunnik].Difference, rows[Bunnik].DifferencePct, rows[Bunnik].Flagged));
        // The differences net to zero: everything hosted is used by someone.
        Assert.Equal(Money.Zero, Money.Sum(rows.Values.Select(r => r.Difference)));
    }
}
