using Beschikbaarheid.Core.Inventory;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Tests.Inventory;

/// <summary>The care-hours inventory worked by hand over 2026 (365 days).</summary>
public sealed class CareInventoryTests
{
    internal static readonly MunicipalityCode Amsterdam = MunicipalityCode.Parse("GM0363");
    internal static readonly MunicipalityCode Amstelveen = MunicipalityCode.Parse("GM0362");
    internal static readonly SchoolLocationId Brug = Settlement.SchemeBuilder.Location("40AA00");
    internal static readonly SchoolLocationId Anker = Settlement.SchemeBuilder.Location("42CC00");

    private static Beschikking B(string number, string client, MunicipalityCode residence, SchoolLocationId school, string provider, string category,
        decimal hours, string start, string? end, Law law = Law.JW) =>
        new(number, client, residence, school, provider, category, law, hours,
            new ActivePeriod(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The region of the CLI test too (Worker.Tests InventoryTests): ten beschikkingen, four lines.</summary>
    internal static List<Beschikking> Region() =>
    [
        // Straddles the year edge: 1 Jul 2025 – 31 Mar 2026 is 31 + 28 + 31 = 90 days of 2026.
        B("B1", "cl-a", Amsterdam, Brug, "Zorg BV", "JZ", 7m, "2025-07-01", "2026-03-31"),
        // The same child, overlapping B1, the whole year: another care assignment, its hours add.
        B("B2", "cl-a", Amsterdam, Brug, "Zorg BV", "JZ", 4m, "2026-01-01", null),
        B("B3", "cl-b", Amsterdam, Brug, "Zorg BV", "GGZ", 2m, "2026-01-01", null),
        B("B4", "cl-c", Amsterdam, Brug, "Zorg BV", "GGZ", 2m, "2026-01-01", null),
        B("B5", "cl-d", Amsterdam, Brug, "Zorg BV", "GGZ", 2m, "2026-01-01", null),
        B("B6", "cl-e", Amsterdam, Brug, "Zorg BV", "GGZ", 2m, "2026-01-01", null),
        B("B7", "cl-f", Amsterdam, Brug, "Zorg BV", "GGZ", 2m, "2026-01-01", null),
        // 1 Jul – 31 Dec 2026: 184 days.
        B("B8", "cl-g", Amstelveen, Brug, "Zorg BV", "GGZ", 3m, "2026-07-01", "2026-12-31"),
        // Runs into 2027: all 365 days of 2026.
        B("B9", "cl-h", Amstelveen, Anker, "Anker Zorg", "JZ", 10m, "2026-01-01", "2027-06-30"),
        // Not counted: WLZ care, and a beschikking that ended in 2025.
        B("B10", "cl-i", Amstelveen, Anker, "Anker Zorg", "JZ", 20m, "2026-01-01", null, Law.WLZ),
        B("B11", "cl-j", Amsterdam, Anker, "Anker Zorg", "JZ", 8m, "2025-01-01", "2025-12-31"),
    ];

    [Fact]
    public void Inventory_OfTheRegion_IsWorkedOutByHand()
    {
        var lines = CareInventory.Calculate(Region(), 2026);

        // 40AA00 Zorg BV GGZ Amstelveen: 1 child, 3 × 184 / 365 = 552 / 365 = 1.5123… → 1.51.
        // 40AA00 Zorg BV GGZ Amsterdam: 5 children, 5 × 2 × 365 / 365 = 10.00.
        // 40AA00 Zorg BV JZ Amsterdam: one child (cl-a) with two beschikkingen: (7 × 90 + 4 × 365) / 365 = 2090 / 365 = 5.7260… → 5.73.
        // 42CC00 Anker Zorg JZ Amstelveen: 1 child, 10 × 365 / 365 = 10.00; the WLZ one and the one of 2025 do not count.
        Assert.Equal(
            [
                new InventoryLine(Brug, "Zorg BV", "GGZ", Amstelveen, 1, 1.51m),
                new InventoryLine(Brug, "Zorg BV", "GGZ", Amsterdam, 5, 10.00m),
                new InventoryLine(Brug, "Zorg BV", "JZ", Amsterdam, 1, 5.73m),
                new InventoryLine(Anker, "Anker Zorg", "JZ", Amstelveen, 1, 10.00m),
            ],
            lines);
        Assert.Equal([true, false, true, true], lines.Select(l => l.Masked));
    }

    [Fact]
    public void ABeschikkingStraddlingTheYearEdge_CountsOnlyItsDaysInTheYear()
    {
        // 1 Dec 2025 – 31 Jan 2026 at 36.5 h: 31 days of 2026, 36.5 × 31 / 365 = 3.10 h a week; in 2025 the other 31 days, also 3.10.
        var one = B("X", "cl-x", Amsterdam, Brug, "P", "JZ", 36.5m, "2025-12-01", "2026-01-31");
        Assert.Equal(3.10m, Assert.Single(CareInventory.Calculate([one], 2026)).HoursPerWeek);
        Assert.Equal(3.10m, Assert.Single(CareInventory.Calculate([one], 2025)).HoursPerWeek);
        Assert.Empty(CareInventory.Calculate([one], 2027));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void CountsOfOneToFour_AreMasked(int children, bool masked) => Assert.Equal(masked, CareInventory.IsMasked(children));
}
