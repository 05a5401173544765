using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Data.Tests.Fixtures;

namespace Beschikbaarheid.Data.Tests.Import;

/// <summary>
/// Issue 13, point 3: the pupils file's optional <c>leerjaar</c> column. Counts are stored per grade; every key reads the
/// sum over grades, as it read a file without grades; a new file replaces a count's grades, and a location's counts in the
/// other form, so no pupil is counted twice.
/// </summary>
public abstract class PupilGradesTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private const string Header = "peildatum;brin;vestiging;woongemeente;aantal";
    private const string GradedHeader = "peildatum;brin;vestiging;woongemeente;leerjaar;aantal";

    private static readonly SchoolLocationId StMaarten = Location("30AB00");
    private static readonly SchoolLocationId Meander = Location("31CD00");
    private static readonly DateOnly Peildatum = new(2025, 10, 1);

    private readonly TDatabase _database = new();
    private CsvImporter Importer => new(_database.Connections, TimeProvider.System);

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
        await Region.ImportRegistryAsync(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private Task<ImportResult> Import(string name, string content) =>
        Importer.ImportAsync(ImportKind.Leerlingen, Region.Write(_database.Folder, name, content));

    private static SchoolLocationId Location(string text) => SchoolLocationId.TryParse(text, out var id) ? id : throw new ArgumentException(text);

    /// <summary>A scheme over both locations of the tiny region, to read their counts through; only its schools matter here.</summary>
    private static Scheme PupilsScheme()
    {
        var nijmegen = MunicipalityCode.Parse("GM0268");
        return new Scheme("leerjaar", "Leerjaar", 2026, new SchemeTerms(
            new HashSet<SchoolLocationId> { StMaarten, Meander }, new HashSet<MunicipalityCode> { nijmegen },
            new PerChildPool(12, 5.5m, 62.5m, 40), new ChildrenKey(), new LeadFlow(nijmegen), new InvoiceTerms("NL", 30, "")));
    }

    private async Task<IReadOnlyList<PupilCount>> LoadSummedAsync()
    {
        await using var session = await new SchemeLocks(_database.Connections).AcquireAsync("leerjaar");
        return await SettlementInputReader.LoadPupilCountsAsync(session, PupilsScheme(), 2026, [Peildatum]);
    }

    private async Task<IReadOnlyList<GradedPupilCount>> LoadGradedAsync()
    {
        await using var session = await new SchemeLocks(_database.Connections).AcquireAsync("leerjaar");
        return await SettlementInputReader.LoadGradedPupilCountsAsync(session, PupilsScheme(), 2026, Peildatum);
    }

    [Fact]
    public async Task Leerjaar_StoresACountPerGrade()
    {
        var result = await Import("leerlingen-leerjaar.csv", $"""
            {GradedHeader}
            2025-10-01;30AB;00;GM0268;5;12
            2025-10-01;30AB;00;GM0268;6;8
            2025-10-01;30AB;00;GM0209;6;<5
            """);
        Assert.Equal((3, 3), (result.Rows, result.Figures.New));
        // 12 + 8 = 20 pupils of Nijmegen in two rows; Beuningen's grade 6 masked (NULL).
        Assert.Equal(20L, await _database.ScalarAsync<long>("SELECT SUM(pupils) FROM pupil_counts WHERE municipality_code = 'GM0268'"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM pupil_counts WHERE municipality_code = 'GM0268'"));
        Assert.Equal(8L, await _database.ScalarAsync<long>("SELECT pupils FROM pupil_counts WHERE municipality_code = 'GM0268' AND grade = 6"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM pupil_counts WHERE municipality_code = 'GM0209' AND grade = 6 AND pupils IS NULL"));
    }

    [Fact]
    public async Task WithoutLeerjaar_ACountHasGradeZero_AsBefore()
    {
        await Import("leerlingen.csv", $"{Header}\n2025-10-01;30AB;00;GM0268;120");
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT grade FROM pupil_counts"));
    }

    [Theory]
    [InlineData("9", "leerjaar '9' is not a grade: a whole number from 1 to 8")]
    [InlineData("0", "leerjaar '0' is not a grade: a whole number from 1 to 8")]
    [InlineData("06", "leerjaar '06' is not a grade")]
    [InlineData("-6", "leerjaar '-6' is not a grade")]
    [InlineData("6,5", "leerjaar '6,5' is not a grade")]
    [InlineData("groep 6", "leerjaar 'groep 6' is not a grade")]
    [InlineData("\u0666", "leerjaar '\u0666' is not a grade")] // Arabic-Indic six
    [InlineData("", "leerjaar is empty: a file with the leerjaar column gives every count's grade (1 to 8)")]
    public async Task Leerjaar_BadValue_IsRefused_NamingFileLineAndReason_AndNothingIsImported(string grade, string reason)
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Import("leerlingen-leerjaar.csv", $"""
            {GradedHeader}
            2025-10-01;30AB;00;GM0268;6;12
            2025-10-01;30AB;00;GM0209;{grade};7
            """));
        var row = Assert.Single(error.Errors);
        Assert.Equal(("leerlingen-leerjaar.csv", 3), (row.File, row.Line));
        Assert.Equal(reason, row.Reason[..Math.Min(reason.Length, row.Reason.Length)]);
        Assert.Equal(0L, await _database.CountAsync("pupil_counts"));
    }

    [Fact]
    public async Task Leerjaar_TheSameGradeTwice_IsADuplicate_AndRefused()
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Import("leerlingen-leerjaar.csv", $"""
            {GradedHeader}
            2025-10-01;30AB;00;GM0268;5;12
            2025-10-01;30AB;00;GM0268;6;8
            2025-10-01;30AB;00;GM0268;6;9
            """));
        var row = Assert.Single(error.Errors);
        Assert.Equal(("leerlingen-leerjaar.csv", 4), (row.File, row.Line));
        Assert.Equal("2025-10-01 30AB00 GM0268 leerjaar 6 appears twice in the file (also on line 3)", row.Reason);
        Assert.Equal(0L, await _database.CountAsync("pupil_counts"));
    }

    [Fact]
    public async Task TheKeysRead_TheSumOverGrades_ExactlyAsTheSameCountsWithoutGrades()
    {
        // St. Maarten, Nijmegen: 12 + 8 = 20; Beuningen: 7 + 3 = 10. Meander, Nijmegen: 4 + 4 + 1 = 9.
        await Import("leerlingen-leerjaar.csv", $"""
            {GradedHeader}
            2025-10-01;30AB;00;GM0268;5;12
            2025-10-01;30AB;00;GM0268;6;8
            2025-10-01;30AB;00;GM0209;6;7
            2025-10-01;30AB;00;GM0209;8;3
            2025-10-01;31CD;00;GM0268;1;4
            2025-10-01;31CD;00;GM0268;2;4
            2025-10-01;31CD;00;GM0268;3;1
            """);
        var graded = await LoadSummedAsync();
        Assert.Equal(
            [(StMaarten, "GM0209", (int?)10), (StMaarten, "GM0268", 20), (Meander, "GM0268", 9)],
            graded.OrderBy(c => c.School).ThenBy(c => c.Residence).Select(c => (c.School, c.Residence.Value, c.Count)));

        // The same counts without grades replace the grades (each count's grades go, see below) and read the same, record for record.
        await Import("leerlingen.csv", $"""
            {Header}
            2025-10-01;30AB;00;GM0268;20
            2025-10-01;30AB;00;GM0209;10
            2025-10-01;31CD;00;GM0268;9
            """);
        var whole = await LoadSummedAsync();
        Assert.Equal(graded.OrderBy(c => c.School).ThenBy(c => c.Residence), whole.OrderBy(c => c.School).ThenBy(c => c.Residence));
        Assert.Equal(3L, await _database.CountAsync("pupil_counts"));
    }

    [Fact]
    public async Task APupilsKey_OverCountsPerGrade_SplitsByTheSumOverGrades_EachMaskedGradeAtTheSchemesValue()
    {
        await Import("leerlingen-leerjaar.csv", $"""
            {GradedHeader}
            2025-10-01;30AB;00;GM0268;5;12
            2025-10-01;30AB;00;GM0268;6;8
            2025-10-01;30AB;00;GM0209;6;7
            2025-10-01;30AB;00;GM0209;7;<5
            2025-10-01;30AB;00;GM1945;8;<5
            2025-10-01;30AB;00;GM1945;7;<5
            2025-10-01;30AB;00;GM1945;6;5
            """);
        var counts = await LoadSummedAsync();
        // Nijmegen 12 + 8 = 20; Beuningen 7 known and one masked grade; Berg en Dal 5 known and two masked grades.
        Assert.Equal(
            [("GM0209", (int?)7), ("GM0209", null), ("GM0268", 20), ("GM1945", 5), ("GM1945", null), ("GM1945", null)],
            counts.OrderBy(c => c.Residence).ThenBy(c => c.Masked).Select(c => (c.Residence.Value, c.Count)));

        // Each masked grade at 2.5: Nijmegen 20, Beuningen 7 + 2.5 = 9.5, Berg en Dal 5 + 2.5 + 2.5 = 10; together 39.5.
        // € 1,000.00 = 100,000 cents: × 20 / 39.5 = 50,632.91; × 9.5 / 39.5 = 24,050.63; × 10 / 39.5 = 25,316.46.
        // Floors 50,632 + 24,050 + 25,316 = 99,998; the 2 cents to the largest remainders, .91 and .63: 50,633, 24,051, 25,316.
        var parts = PupilsSplit.Annual(new Dictionary<SchoolLocationId, Money> { [StMaarten] = new(100_000) }, counts, 2.5m, out var unsplittable);
        Assert.Empty(unsplittable);
        Assert.Equal(
            [("GM0209", 9.5m, true, 24_051L), ("GM0268", 20m, false, 50_633L), ("GM1945", 10m, true, 25_316L)],
            parts.Select(p => (p.Municipality.Value, p.Pupils, p.Estimated, p.Annual.Cents)));
    }

    [Fact]
    public async Task AFileWithGrades_ReplacesTheCountsWithout_AndTheOtherWayRound_NeverCountingAPupilTwice()
    {
        await Import("oktober.csv", $"""
            {Header}
            2025-10-01;30AB;00;GM0268;20
            2025-10-01;30AB;00;GM0209;10
            2025-10-01;31CD;00;GM0268;9
            """);
        // St. Maarten now per grade, Nijmegen only: its counts without grade go, Beuningen's too (the location's counts are
        // per grade now, and this file gives Beuningen none). Meander is not in the file and keeps its count.
        var graded = await Import("oktober-leerjaar.csv", $"""
            {GradedHeader}
            2025-10-01;30AB;00;GM0268;5;12
            2025-10-01;30AB;00;GM0268;6;9
            """);
        Assert.Equal((2, 2, 0, 0, 2), (graded.Figures.Read, graded.Figures.New, graded.Figures.Replaced, graded.Figures.Unchanged, graded.Figures.Removed));
        Assert.Contains("2 new, 0 replaced, 0 unchanged, 2 removed", graded.Figures.Summary, StringComparison.Ordinal);
        // 12 + 9 = 21 at St. Maarten; Meander's 9.
        Assert.Equal([(StMaarten, 21), (Meander, 9)],
            (await LoadSummedAsync()).OrderBy(c => c.School).Select(c => (c.School, c.Count ?? -1)));

        // Grade 6 again with another count, grade 7 new, grade 5 no longer given: grade 5 goes. 9 + 4 = 13.
        var regraded = await Import("oktober-leerjaar-2.csv", $"""
            {GradedHeader}
            2025-10-01;30AB;00;GM0268;6;9
            2025-10-01;30AB;00;GM0268;7;4
            """);
        Assert.Equal((1, 0, 1, 1), (regraded.Figures.New, regraded.Figures.Replaced, regraded.Figures.Unchanged, regraded.Figures.Removed));
        Assert.Equal(13L, await _database.ScalarAsync<long>("SELECT SUM(pupils) FROM pupil_counts WHERE brin = '30AB'"));

        // Back to a count without grade: both grades go, 25 alone is St. Maarten's.
        var whole = await Import("oktober-2.csv", $"{Header}\n2025-10-01;30AB;00;GM0268;25");
        Assert.Equal((1, 2), (whole.Figures.New, whole.Figures.Removed));
        Assert.Equal([(StMaarten, 25), (Meander, 9)],
            (await LoadSummedAsync()).OrderBy(c => c.School).Select(c => (c.School, c.Count ?? -1)));
        Assert.Equal(2L, await _database.CountAsync("pupil_counts"));
    }

    [Fact]
    public async Task TheGradedReader_GivesEachCountWithItsGrade_OrNoneForACountWithout()
    {
        await Import("leerlingen.csv", $"{Header}\n2025-10-01;31CD;00;GM0268;9");
        await Import("leerlingen-leerjaar.csv", $"""
            {GradedHeader}
            2025-10-01;30AB;00;GM0268;6;8
            2025-10-01;30AB;00;GM0209;6;<5
            """);
        Assert.Equal(
            [(StMaarten, "GM0209", (int?)6, (int?)null), (StMaarten, "GM0268", 6, 8), (Meander, "GM0268", null, 9)],
            (await LoadGradedAsync()).OrderBy(c => c.School).ThenBy(c => c.Residence).Select(c => (c.School, c.Residence.Value, c.Grade, c.Count)));
    }
}

public sealed class PupilGradesTestsOnSqlite : PupilGradesTests<SqliteTestDatabase>;

public sealed class PupilGradesTestsOnSqlServer : PupilGradesTests<SqlServerTestDatabase>;

public sealed class PupilGradesTestsOnPostgreSql : PupilGradesTests<PostgreSqlTestDatabase>;
