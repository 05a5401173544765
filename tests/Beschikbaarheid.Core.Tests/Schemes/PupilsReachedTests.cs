using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Tests.Schemes;

/// <summary>The pupils a scheme's reach counts per location (year overview): its grade where the counts carry grades, else all.</summary>
public class PupilsReachedTests
{
    private static readonly DateOnly Peildatum = new(2025, 10, 1);
    private static readonly SchoolLocationId Eik = Location("06AA00");
    private static readonly SchoolLocationId Linde = Location("06AB00");

    private static SchoolLocationId Location(string text) => SchoolLocationId.TryParse(text, out var id) ? id : throw new ArgumentException(text);

    private static GradedPupilCount Count(SchoolLocationId school, string residence, int? grade, int? count) =>
        new(Peildatum, school, MunicipalityCode.Parse(residence), grade, count);

    /// <summary>De Eik per grade: 's-Hertogenbosch 8 in grade 5, 7 in grade 6; Vught 6 in grade 6 and a masked grade 8.</summary>
    private static readonly GradedPupilCount[] EikPerGrade =
    [
        Count(Eik, "GM0796", 5, 8), Count(Eik, "GM0796", 6, 7), Count(Eik, "GM0865", 6, 6), Count(Eik, "GM0865", 8, null),
    ];

    [Fact]
    public void AGrade_CountsThatGradesPupils_WhereTheCountsCarryGrades()
    {
        var reached = PupilsReached.PerLocation(EikPerGrade, new Reach(6), 2.5m);
        // Grade 6 at De Eik: 7 + 6 = 13; the masked count is grade 8's, so nothing is estimated.
        Assert.Equal(new Core.DrawingRights.PupilTotal(13m, false), reached.PerLocation[Eik]);
        Assert.Equal([Eik], reached.ByGrade);
        Assert.Empty(reached.WithoutGrade);
    }

    [Fact]
    public void AGradeWithAMaskedCount_CountsItAtTheSchemesValue_AsAnEstimate()
    {
        var reached = PupilsReached.PerLocation(EikPerGrade, new Reach(8), 2.5m);
        // Grade 8 at De Eik: Vught's masked count alone, at 2.5.
        Assert.Equal(new Core.DrawingRights.PupilTotal(2.5m, true), reached.PerLocation[Eik]);
    }

    [Fact]
    public void AGrade_AtALocationWhoseCountsCarryNone_CountsAllItsPupils_AndNamesIt()
    {
        // De Linde without grades: 's-Hertogenbosch 10, Vught 4.
        var reached = PupilsReached.PerLocation([.. EikPerGrade, Count(Linde, "GM0796", null, 10), Count(Linde, "GM0865", null, 4)], new Reach(6), 2.5m);
        // De Eik 7 + 6 = 13 by grade; De Linde 10 + 4 = 14, all of them.
        Assert.Equal((13m, 14m), (reached.PerLocation[Eik].Pupils, reached.PerLocation[Linde].Pupils));
        Assert.Equal([Eik], reached.ByGrade);
        Assert.Equal([Linde], reached.WithoutGrade);
    }

    [Fact]
    public void AGradeNoLocationHas_CountsNone_AtALocationWithGrades()
    {
        var reached = PupilsReached.PerLocation(EikPerGrade, new Reach(3), 2.5m);
        Assert.Equal(new Core.DrawingRights.PupilTotal(0m, false), reached.PerLocation[Eik]);
    }

    [Fact]
    public void WithoutAReach_EveryLocationCountsAllItsPupils()
    {
        var reached = PupilsReached.PerLocation([.. EikPerGrade, Count(Linde, "GM0796", null, 10)], null, 2.5m);
        // De Eik 8 + 7 + 6 + 2.5 = 23.5, estimated (the masked grade 8); De Linde 10.
        Assert.Equal(new Core.DrawingRights.PupilTotal(23.5m, true), reached.PerLocation[Eik]);
        Assert.Equal(new Core.DrawingRights.PupilTotal(10m, false), reached.PerLocation[Linde]);
        Assert.Empty(reached.ByGrade);
        Assert.Empty(reached.WithoutGrade);
    }
}
