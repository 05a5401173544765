using System.Text;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Tests.Fixtures;

namespace Beschikbaarheid.Data.Tests.Import;

public abstract class ImportTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
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

    private Task<ImportResult> ImportBeschikkingen(string rows, string name = "beschikkingen.csv") =>
        Importer.ImportAsync(ImportKind.Beschikkingen, Region.Write(_database.Folder, name, Region.BeschikkingHeader + "\n" + rows));

    [Fact]
    public async Task Gemeenten_KeepsCodeNameAndAddress_AndIgnoresExtraColumns()
    {
        Assert.Equal(4L, await _database.CountAsync("municipalities"));
        Assert.Equal("Korte Nieuwstraat 6", await _database.ScalarAsync<string>("SELECT address FROM municipalities WHERE code = 'GM0268'"));
    }

    [Fact]
    public async Task Reimport_ReplacesRowsWithTheSameKey_AndAddsNewOnes()
    {
        await ImportBeschikkingen("""
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;6;2026-01-01;
            """);
        await ImportBeschikkingen("""
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;8;2026-01-01;2026-06-30
            B3;cl-c;GM1945;31CD;00;Aanbieder;JZ;WLZ;2;2026-02-01;
            """);
        Assert.Equal(3L, await _database.CountAsync("beschikkingen"));
        Assert.Equal(8m, await _database.ScalarAsync<decimal>("SELECT hours_per_week FROM beschikkingen WHERE number = 'B1'"));
        // Read through the engine's date handler: ISO text on SQLite, DATE on the servers.
        Assert.Equal(new DateOnly(2026, 6, 30), await _database.ScalarAsync<DateOnly>("SELECT end_date FROM beschikkingen WHERE number = 'B1'"));
    }

    [Fact]
    public async Task Import_AcceptsCommasDecimalCommaDutchDatesAndBom()
    {
        var path = Region.Write(_database.Folder, "komma.csv", """
            beschikkingnummer,client,woongemeente,brin,vestiging,aanbieder,categorie,wet,uren_per_week,ingangsdatum,einddatum
            B1,cl-a,GM0209,30AB,00,"Aanbieder, Zorg BV",JZ,jw,"5,5",01-02-2026,31-07-2026
            """, new UTF8Encoding(true));
        var result = await Importer.ImportAsync(ImportKind.Beschikkingen, path);
        Assert.Equal(1, result.Rows);
        Assert.Equal(5.5m, await _database.ScalarAsync<decimal>("SELECT hours_per_week FROM beschikkingen"));
        Assert.Equal("Aanbieder, Zorg BV", await _database.ScalarAsync<string>("SELECT provider FROM beschikkingen"));
        Assert.Equal(new DateOnly(2026, 2, 1), await _database.ScalarAsync<DateOnly>("SELECT start_date FROM beschikkingen"));
    }

    [Fact]
    public async Task Import_ReadsWindows1252()
    {
        // "Súdwest-Fryslân" in Windows-1252: ú = 0xFA, â = 0xE2, not valid UTF-8.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = Region.Write(_database.Folder, "gemeenten-1252.csv", "gemeentecode;naam\nGM1900;Súdwest-Fryslân", Encoding.GetEncoding(1252));
        await Importer.ImportAsync(ImportKind.Gemeenten, path);
        Assert.Equal("Súdwest-Fryslân", await _database.ScalarAsync<string>("SELECT name FROM municipalities WHERE code = 'GM1900'"));
    }

    [Fact]
    public async Task Leerlingen_StoresAMaskedCountAsMasked()
    {
        var path = Region.Write(_database.Folder, "leerlingen.csv", """
            peildatum;brin;vestiging;woongemeente;aantal
            2025-10-01;30AB;00;GM0268;120
            2025-10-01;30AB;00;GM0202;<5
            """);
        await Importer.ImportAsync(ImportKind.Leerlingen, path);
        Assert.Equal(120L, await _database.ScalarAsync<long>("SELECT pupils FROM pupil_counts WHERE municipality_code = 'GM0268'"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM pupil_counts WHERE municipality_code = 'GM0202' AND pupils IS NULL"));
    }

    [Fact]
    public async Task Leerlingen_RefusesAPeildatumOtherThanACountingDate()
    {
        var path = Region.Write(_database.Folder, "leerlingen.csv", """
            peildatum;brin;vestiging;woongemeente;aantal
            2025-10-01;30AB;00;GM0268;120
            2025-09-30;30AB;00;GM0209;12
            """);
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Importer.ImportAsync(ImportKind.Leerlingen, path));
        var row = Assert.Single(error.Errors);
        Assert.Equal(3, row.Line);
        Assert.Contains("peildatum 2025-09-30 is not a counting date", row.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, await _database.CountAsync("pupil_counts"));

        // A scheme that counts on 30 September makes the same file acceptable.
        var result = await Importer.ImportAsync(ImportKind.Leerlingen, path, countingDates: [new Core.Schemes.CountingDate(9, 30)]);
        Assert.Equal(2, result.Rows);
    }

    private const string Good = "B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;";

    public static TheoryData<string, int, string> BadRows => new()
    {
        { "B2;cl-b;GM209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "woongemeente 'GM209' is not a municipality code" },
        { "B2;cl-b;XX0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "is not a municipality code" },
        { "B2;cl-b;GM9999;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "GM9999 is not a known municipality" },
        { "B2;cl-b;GM0209;3XAB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "brin '3XAB' is not a BRIN" },
        { "B2;cl-b;GM0209;30AB;0;Aanbieder;JZ;JW;4;2026-01-01;", 3, "vestiging '0' is not 2 digits" },
        { "B2;cl-b;GM0209;99ZZ;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "school location 99ZZ00 is not known" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;-1;2026-01-01;", 3, "uren_per_week '-1' is out of bounds" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;veel;2026-01-01;", 3, "uren_per_week 'veel' is not a number" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-03-01;2026-02-28", 3, "einddatum 2026-02-28 lies before ingangsdatum 2026-03-01" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;AWBZ;4;2026-01-01;", 3, "wet 'AWBZ' is not one of JW, WLZ, ZVW" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;1-1-26;", 3, "ingangsdatum '1-1-26' is not a date" },
        { "B1;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "B1 appears twice in the file (also on line 2)" },
        { "B2;111222333;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "client looks like a BSN" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder", 3, "6 field(s) where the header has 11" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task BadRow_NamesFileLineAndReason_AndImportsNothingFromTheFile(string badRow, int line, string reason)
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => ImportBeschikkingen(Good + "\n" + badRow));
        var row = Assert.Single(error.Errors);
        Assert.Equal(("beschikkingen.csv", line), (row.File, row.Line));
        Assert.Contains(reason, row.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, await _database.CountAsync("beschikkingen"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM imports WHERE kind = 'beschikkingen'"));
    }

    [Fact]
    public async Task MissingColumn_IsReportedOnTheHeaderLine()
    {
        var path = Region.Write(_database.Folder, "zonder-wet.csv", """
            beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;uren_per_week;ingangsdatum;einddatum
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;4;2026-01-01;
            """);
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Importer.ImportAsync(ImportKind.Beschikkingen, path));
        var row = Assert.Single(error.Errors);
        Assert.Equal(1, row.Line);
        Assert.Contains("missing column(s) 'wet'", row.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, await _database.CountAsync("beschikkingen"));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData(Region.BeschikkingHeader, "no data rows")]
    public async Task EmptyFile_IsRejected(string content, string reason)
    {
        var path = Region.Write(_database.Folder, "leeg.csv", content);
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Importer.ImportAsync(ImportKind.Beschikkingen, path));
        Assert.Contains(reason, Assert.Single(error.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBadRow_IsReported_NotJustTheFirst()
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => ImportBeschikkingen("""
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;-4;2026-01-01;
            B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            B3;cl-c;GM0209;30AB;00;Aanbieder;JZ;XYZ;4;2026-01-01;
            """));
        Assert.Equal([2, 4], error.Errors.Select(e => e.Line));
        Assert.Contains("beschikkingen.csv, line 4: wet 'XYZ'", error.Message, StringComparison.Ordinal);
    }

    private const string Jw301Header =
        "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;productcategorie;productcode;volume;eenheid;frequentie;wet;ingangsdatum;einddatum";

    [Fact]
    public async Task Jw301Toewijzingen_BecomeHoursPerWeek_KeepingTheProductCategory()
    {
        // T1: 30 minutes a day = 3.5 h/week. T2: 2 dagdelen a week = 8 h/week. T3: 13 hours a month × 12/52 = 3 h/week.
        var path = Region.Write(_database.Folder, "jw301.csv", Jw301Header + """

            T1;cl-a;GM0209;30AB;00;Aanbieder;45;45A01;30;01;1;JW;2026-01-01;
            T2;cl-b;GM0209;30AB;00;Aanbieder;54;54001;2;16;2;JW;2026-01-01;2026-12-31
            T3;cl-c;GM0209;30AB;00;Aanbieder;45;45A01;13;04;4;JW;2026-01-01;
            """);
        Assert.Equal(3, (await Importer.ImportAsync(ImportKind.Beschikkingen, path)).Rows);
        Assert.Equal(3.5m, await _database.ScalarAsync<decimal>("SELECT hours_per_week FROM beschikkingen WHERE number = 'T1'"));
        Assert.Equal(8m, await _database.ScalarAsync<decimal>("SELECT hours_per_week FROM beschikkingen WHERE number = 'T2'"));
        Assert.Equal(3m, await _database.ScalarAsync<decimal>("SELECT hours_per_week FROM beschikkingen WHERE number = 'T3'"));
        Assert.Equal("54", await _database.ScalarAsync<string>("SELECT category FROM beschikkingen WHERE number = 'T2'"));
    }

    [Fact]
    public async Task Jw301Toewijzing_InEtmalen_IsRefusedWithTheReason_AndNothingIsImported()
    {
        var path = Region.Write(_database.Folder, "jw301.csv", Jw301Header + """

            T1;cl-a;GM0209;30AB;00;Aanbieder;45;45A01;30;01;1;JW;2026-01-01;
            T2;cl-b;GM0209;30AB;00;Aanbieder;45;45A01;3;14;2;JW;2026-01-01;
            """);
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Importer.ImportAsync(ImportKind.Beschikkingen, path));
        var row = Assert.Single(error.Errors);
        Assert.Equal(3, row.Line);
        Assert.Contains("eenheid 14 (etmaal) cannot become hours per week", row.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, await _database.CountAsync("beschikkingen"));
    }

    [Fact]
    public async Task Scholen_RefusesAnUnknownSectorAndMalformedBoard()
    {
        var path = Region.Write(_database.Folder, "scholen2.csv", """
            brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector
            32EF;00;Nieuw;4123;Bestuur;GM0268;HBO
            """);
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Importer.ImportAsync(ImportKind.Scholen, path));
        var reason = Assert.Single(error.Errors).Reason;
        Assert.Contains("bestuursnummer '4123'", reason, StringComparison.Ordinal);
        Assert.Contains("sector 'HBO'", reason, StringComparison.Ordinal);
        Assert.Equal(2L, await _database.CountAsync("school_locations"));
    }
}

public sealed class ImportTestsOnSqlite : ImportTests<SqliteTestDatabase>;

public sealed class ImportTestsOnSqlServer : ImportTests<SqlServerTestDatabase>;

public sealed class ImportTestsOnPostgreSql : ImportTests<PostgreSqlTestDatabase>;
