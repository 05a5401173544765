using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Tests.DrawingRights;

public class BoardTransferTests
{
    private static readonly SchoolLocationId A = Location("40AA00");
    private static readonly SchoolLocationId B = Location("41BB00");
    private static readonly SchoolLocationId C = Location("42CC00");
    private static readonly MunicipalityCode Amsterdam = MunicipalityCode.Parse("GM0363");

    /// <summary>Board 41234 has A (0.50 FTE JZ) and B (0.25); C (1.00) belongs to board 50000.</summary>
    private static readonly DrawingRight[] Rights = [Right(A, 0.50m), Right(B, 0.25m), Right(C, 1.00m)];

    private static readonly Dictionary<SchoolLocationId, SchoolLocation> Schools = new()
    {
        [A] = new(A, "A", "41234", "Bestuur", Amsterdam, Sector.SO),
        [B] = new(B, "B", "41234", "Bestuur", Amsterdam, Sector.SO),
        [C] = new(C, "C", "50000", "Ander bestuur", Amsterdam, Sector.VSO),
    };

    [Fact]
    public void Transfers_AreCheckedInOrder_AgainstWhatTheSourceHoldsAfterEarlierOnes()
    {
        Transfer[] transfers =
        [
            new(2026, "41234", "JZ", A, B, 0.30m),  // fine: A 0.50 → 0.20, B 0.25 → 0.55
            new(2026, "41234", "JZ", A, B, 0.25m),  // A holds only 0.20 now
            new(2026, "41234", "JZ", A, C, 0.10m),  // C is another board's
            new(2026, "41234", "GGZ", A, B, 0.10m), // no GGZ in this scheme
            new(2026, "41234", "JZ", B, A, -0.10m), // negative
            new(2026, "41234", "JZ", B, A, 0.055m), // not in hundredths
        ];
        var reasons = BoardTransfers.Validate(transfers, Rights, Schools);
        Assert.Null(reasons[0]);
        Assert.Contains("which holds 0.20 after earlier transfers", reasons[1], StringComparison.Ordinal);
        Assert.Contains("does not belong to board 41234", reasons[2], StringComparison.Ordinal);
        Assert.Contains("category GGZ", reasons[3], StringComparison.Ordinal);
        Assert.Contains("must be positive", reasons[4], StringComparison.Ordinal);
        Assert.Contains("in hundredths", reasons[5], StringComparison.Ordinal);
    }

    [Fact]
    public void FteAfterTransfers_KeepsTheComputedFigures_AndTheBoardTotal()
    {
        var after = BoardTransfers.FteAfter(Rights, [new Transfer(2026, "41234", "JZ", A, B, 0.30m)]);
        // A 0.50 − 0.30 = 0.20; B 0.25 + 0.30 = 0.55; the board still has 0.75; C untouched.
        Assert.Equal((0.20m, 0.55m, 1.00m), (after[(A, "JZ")], after[(B, "JZ")], after[(C, "JZ")]));
        Assert.Equal(0.50m, Rights[0].Fte);
    }

    private static DrawingRight Right(SchoolLocationId school, decimal fte) =>
        new(school, "JZ", 0, 0, null, null, false, 1, 1, false, 1, fte, DrawingRightsCalculator.Budget(fte, Money.FromEuros(80_000m)));

    private static SchoolLocationId Location(string text) => SchoolLocationId.TryParse(text, out var id) ? id : throw new FormatException(text);
}
