using System.Security.Cryptography;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Tests.Fixtures;

namespace Beschikbaarheid.Data.Tests.Import;

/// <summary>Issue 10, point 5: every accepted file is counted (read, new, replaced, unchanged), hashed and recorded; a refused file records nothing.</summary>
public abstract class ImportFiguresTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();
    private CsvImporter Importer => new(_database.Connections, TimeProvider.System);

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
        await Region.ImportRegistryAsync(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private Task<ImportResult> ImportBeschikkingen(string name, string rows) =>
        Importer.ImportAsync(ImportKind.Beschikkingen, Region.Write(_database.Folder, name, Region.BeschikkingHeader + "\n" + rows), startedBy: "test");

    [Fact]
    public async Task Reimport_CountsNewReplacedAndUnchanged_AndRecordsThemWithTheFilesSha256()
    {
        var first = await ImportBeschikkingen("maart.csv", """
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;5,5;2026-01-01;2026-12-31
            B3;cl-c;GM1945;31CD;00;Aanbieder;JZ;WLZ;2;2026-02-01;
            """);
        // An empty database: all three rows are new.
        Assert.Equal((3, 3, 0, 0), (first.Figures.Read, first.Figures.New, first.Figures.Replaced, first.Figures.Unchanged));
        Assert.Null(first.Figures.PreviousRead);

        // B1 changes its hours (4 → 8): replaced. B2 is the same (5,5 read back as 5.5 or 5.5000, the same end date): unchanged.
        // B3 is the same with an empty end date (NULL both sides): unchanged. B4 is new. Read 4 = 1 new + 1 replaced + 2 unchanged.
        var path = Region.Write(_database.Folder, "april.csv", Region.BeschikkingHeader + "\n" + """
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;8;2026-01-01;
            B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;5.50;01-01-2026;31-12-2026
            B3;cl-c;GM1945;31CD;00;Aanbieder;JZ;WLZ;2;2026-02-01;
            B4;cl-d;GM1945;31CD;00;Aanbieder;JZ;JW;3;2026-04-01;
            """);
        var second = await Importer.ImportAsync(ImportKind.Beschikkingen, path, startedBy: "test");
        Assert.Equal((4, 1, 1, 2), (second.Figures.Read, second.Figures.New, second.Figures.Replaced, second.Figures.Unchanged));
        Assert.Equal(3, second.Figures.PreviousRead);
        Assert.False(second.Figures.Shrunk);

        // The hash is of the file's bytes, computed here independently.
        var expected = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)));
        Assert.Equal(expected, second.Figures.Sha256);

        var recorded = await new ImportLog(_database.Connections).ListAsync("beschikkingen");
        Assert.Equal(2, recorded.Count);
        var last = recorded[^1];
        Assert.Equal(("april.csv", expected, 4, 1, 1, 2, "test"), (last.File, last.Sha256, last.Read, last.New, last.Replaced, last.Unchanged, last.StartedBy));
        Assert.Null(last.SchemeId);
        Assert.Equal(3, last.PreviousRead);
    }

    [Fact]
    public async Task Reimport_OfTheRegistry_IsAllUnchanged_NullColumnsIncluded()
    {
        // Region.Gemeenten: GM0268 with an address, three without (NULL address, postal code and city).
        var again = await Importer.ImportAsync(ImportKind.Gemeenten, Region.Write(_database.Folder, "gemeenten.csv", Region.Gemeenten));
        Assert.Equal((4, 0, 0, 4), (again.Figures.Read, again.Figures.New, again.Figures.Replaced, again.Figures.Unchanged));
        // The IBAN written without spaces is the stored one: unchanged. A new e-mail address replaces the row.
        var compact = await Importer.ImportAsync(ImportKind.Gemeenten, Region.Write(_database.Folder, "gemeenten.csv",
            Region.Gemeenten.Replace("NL72 BNGH 0285 0030 03", "NL72BNGH0285003003", StringComparison.Ordinal)));
        Assert.Equal((4, 0, 0, 4), (compact.Figures.Read, compact.Figures.New, compact.Figures.Replaced, compact.Figures.Unchanged));
        var mail = await Importer.ImportAsync(ImportKind.Gemeenten, Region.Write(_database.Folder, "gemeenten.csv",
            Region.Gemeenten.Replace("crediteuren@nijmegen.example", "financien@nijmegen.example", StringComparison.Ordinal)));
        Assert.Equal((4, 0, 1, 3), (mail.Figures.Read, mail.Figures.New, mail.Figures.Replaced, mail.Figures.Unchanged));
        var schools = await Importer.ImportAsync(ImportKind.Scholen, Region.Write(_database.Folder, "scholen.csv", Region.Scholen));
        Assert.Equal((2, 0, 0, 2), (schools.Figures.Read, schools.Figures.New, schools.Figures.Replaced, schools.Figures.Unchanged));

        const string Leerlingen = """
            peildatum;brin;vestiging;woongemeente;aantal
            2025-10-01;30AB;00;GM0268;120
            2025-10-01;30AB;00;GM0202;<5
            """;
        await Importer.ImportAsync(ImportKind.Leerlingen, Region.Write(_database.Folder, "leerlingen.csv", Leerlingen));
        // 120 → 121 replaced; the masked count (NULL) unchanged.
        var pupils = await Importer.ImportAsync(ImportKind.Leerlingen, Region.Write(_database.Folder, "leerlingen.csv", Leerlingen.Replace(";120", ";121", StringComparison.Ordinal)));
        Assert.Equal((2, 0, 1, 1), (pupils.Figures.Read, pupils.Figures.New, pupils.Figures.Replaced, pupils.Figures.Unchanged));
    }

    [Fact]
    public async Task RefusedFile_RecordsNoImport()
    {
        var before = await _database.CountAsync("imports");
        await Assert.ThrowsAsync<InputRejectedException>(() => ImportBeschikkingen("fout.csv", """
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            B2;cl-b;GM9999;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            """));
        Assert.Equal(before, await _database.CountAsync("imports"));
        Assert.Equal(0L, await _database.CountAsync("beschikkingen"));
    }

    [Fact]
    public async Task AFileWithFewerThanTwoThirdsOfThePreviousRows_IsFlagged()
    {
        await ImportBeschikkingen("maart.csv", """
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            B3;cl-c;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            """);
        // 2 of 3 is exactly two thirds (3 × 2 = 6, not < 2 × 3 = 6): not flagged. 1 of 2 is (3 × 1 = 3 < 2 × 2 = 4).
        var twoOfThree = await ImportBeschikkingen("april.csv", "B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;\nB2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        Assert.False(twoOfThree.Figures.Shrunk);
        var oneOfTwo = await ImportBeschikkingen("mei.csv", "B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        Assert.True(oneOfTwo.Figures.Shrunk);
        Assert.Equal("mei.csv has 1 rows, the previous beschikkingen file had 2: fewer than two thirds. Check that the file is complete.", oneOfTwo.Figures.Warning);

        var listed = await new ImportLog(_database.Connections).ListAsync(last: 2);
        Assert.Equal([("april.csv", false), ("mei.csv", true)], listed.Select(e => (e.File, e.Shrunk)));
    }
}

public sealed class ImportFiguresTestsOnSqlite : ImportFiguresTests<SqliteTestDatabase>;

public sealed class ImportFiguresTestsOnSqlServer : ImportFiguresTests<SqlServerTestDatabase>;

public sealed class ImportFiguresTestsOnPostgreSql : ImportFiguresTests<PostgreSqlTestDatabase>;
