using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Tests.DrawingRights;

public class BeschikkingMonitorTests
{
    private static readonly SchoolLocationId A = SchoolLocationId.TryParse("40AA00", out var a) ? a : default;
    private static readonly SchoolLocationId Other = SchoolLocationId.TryParse("99ZZ00", out var o) ? o : default;
    private static readonly MunicipalityCode Amsterdam = MunicipalityCode.Parse("GM0363");

    private static Beschikking Started(SchoolLocationId school, DateOnly start, Law law = Law.JW) =>
        new($"B{start.DayNumber}{law}{school}", "cl", Amsterdam, school, "A", "JZ", law, 4, new ActivePeriod(start, null));

    [Fact]
    public void CountsJeugdwetStartsPerLocationAndMonth_AtTheSchemeLocationsOnly()
    {
        // January 2026: two JW starts at A (a WLZ one and one elsewhere do not count); March: one; December 2025 is outside.
        var starts = BeschikkingMonitor.StartsPerMonth(
        [
            Started(A, new DateOnly(2026, 1, 5)), Started(A, new DateOnly(2026, 1, 31)), Started(A, new DateOnly(2026, 1, 9), Law.WLZ),
            Started(Other, new DateOnly(2026, 1, 5)), Started(A, new DateOnly(2026, 3, 1)), Started(A, new DateOnly(2025, 12, 31)),
        ], new HashSet<SchoolLocationId> { A }, new YearMonth(2026, 1), new YearMonth(2026, 12));
        Assert.Equal(2, starts[(A, new YearMonth(2026, 1))]);
        Assert.Equal(1, starts[(A, new YearMonth(2026, 3))]);
        Assert.Equal(2, starts.Count);
    }
}
