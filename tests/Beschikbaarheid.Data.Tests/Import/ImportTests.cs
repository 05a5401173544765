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
    public async Task Gemeenten_KeepMasterData_ReadBackIntoTheMunicipality()
    {
        var (municipalities, _) = await new Beschikbaarheid.Data.Settlement.RegistryReader(_database.Connections).LoadAsync();
        var nijmegen = municipalities[Beschikbaarheid.Core.Registry.MunicipalityCode.Parse("GM0268")];
        Assert.Equal(("Korte Nieuwstraat 6", "6511 PP", "Nijmegen"), (nijmegen.Address, nijmegen.PostalCode, nijmegen.City));
        Assert.Equal("00000001001234567000", nijmegen.Oin);
        // Written with spaces in the file, stored and read back in the electronic form.
        Assert.Equal("NL72BNGH0285003003", nijmegen.Iban?.Value);
        Assert.Equal(("J. de Vries", "crediteuren@nijmegen.example"), (nijmegen.ContactPerson, nijmegen.Email));
        Assert.Equal("NL72BNGH0285003003", await _database.ScalarAsync<string>("SELECT iban FROM municipalities WHERE code = 'GM0268'"));

        var beuningen = municipalities[Beschikbaarheid.Core.Registry.MunicipalityCode.Parse("GM0209")];
        Assert.Equal((null, null, null, null), (beuningen.Oin, beuningen.Iban, beuningen.ContactPerson, beuningen.Email));
    }

    [Fact]
    public async Task Gemeenten_WithoutTheOptionalColumns_AreAccepted()
    {
        await Importer.ImportAsync(ImportKind.Gemeenten, Region.Write(_database.Folder, "kort.csv", "gemeentecode;naam\nGM0344;Utrecht"));
        var (municipalities, _) = await new Beschikbaarheid.Data.Settlement.RegistryReader(_database.Connections).LoadAsync();
        Assert.Equal(new Beschikbaarheid.Core.Registry.Municipality(Beschikbaarheid.Core.Registry.MunicipalityCode.Parse("GM0344"), "Utrecht"),
            municipalities[Beschikbaarheid.Core.Registry.MunicipalityCode.Parse("GM0344")]);
    }

    [Theory]
    [InlineData("0000000100123456700;;;", "oin '0000000100123456700' is not an OIN (20 digits)")]
    [InlineData("000000010012345670001;;;", "oin '000000010012345670001' is not an OIN (20 digits)")]
    [InlineData("0000000100123456700A;;;", "oin '0000000100123456700A' is not an OIN (20 digits)")]
    [InlineData("0000000100123456700\u0660;;;", "oin '0000000100123456700\u0660' is not an OIN (20 digits)")] // Arabic-Indic zero
    [InlineData(";NL00BANK0123456789;;", "iban 'NL00BANK0123456789' is not a valid IBAN: it fails the check digits (mod 97)")]
    [InlineData(";hello;;", "iban 'hello' is not a valid IBAN: it does not start with a country code and two check digits")]
    [InlineData(";NL72BNGH028500300;;", "iban 'NL72BNGH028500300' is not a valid IBAN: it has 17 characters, but an IBAN of NL has 18")]
    [InlineData(";XX72BNGH0285003003;;", "iban 'XX72BNGH0285003003' is not a valid IBAN: it has an unknown country code XX")]
    [InlineData(";;;info.example.nl", "email 'info.example.nl' is not an e-mail address (one @ with text on both sides)")]
    [InlineData(";;;a@b@example.nl", "email 'a@b@example.nl' is not an e-mail address (one @ with text on both sides)")]
    [InlineData(";;;@example.nl", "email '@example.nl' is not an e-mail address")]
    [InlineData(";;;info@", "email 'info@' is not an e-mail address")]
    [InlineData(";;;\"info @example.nl\"", "email 'info @example.nl' holds white space or an invisible character")]
    [InlineData(";;;info\u200B@example.nl", "email 'info\\u200B@example.nl' holds white space or an invisible character")]
    public async Task Gemeenten_BadMasterData_IsRefused_NamingFileLineAndReason(string masterData, string reason)
    {
        var path = Region.Write(_database.Folder, "gemeenten-nieuw.csv",
            "gemeentecode;naam;oin;iban;contactpersoon;email\nGM0344;Utrecht;;;;\nGM0307;Amersfoort;" + masterData);
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Importer.ImportAsync(ImportKind.Gemeenten, path));
        var row = Assert.Single(error.Errors);
        Assert.Equal(("gemeenten-nieuw.csv", 3), (row.File, row.Line));
        Assert.Contains(reason, row.Reason, StringComparison.Ordinal);
        Assert.Equal(4L, await _database.CountAsync("municipalities"));
    }

    [Fact]
    public async Task Gemeenten_EmailLongerThan254Characters_IsRefused()
    {
        var email = new string('a', 243) + "@example.nl"; // 243 + 11 = 254: accepted
        await Importer.ImportAsync(ImportKind.Gemeenten, Region.Write(_database.Folder, "lang.csv", $"gemeentecode;naam;email\nGM0344;Utrecht;{email}"));
        var error = await Assert.ThrowsAsync<InputRejectedException>(() =>
            Importer.ImportAsync(ImportKind.Gemeenten, Region.Write(_database.Folder, "te-lang.csv", $"gemeentecode;naam;email\nGM0344;Utrecht;a{email}")));
        Assert.Contains("email is longer than 254 characters (255)", Assert.Single(error.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal(email, await _database.ScalarAsync<string>("SELECT email FROM municipalities WHERE code = 'GM0344'"));
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
    public async Task ABeschikkingnummerInOtherLetterCase_IsOneIdWrittenTwice_AndRefused()
    {
        await ImportBeschikkingen("AMS-021;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");

        var stored = await Assert.ThrowsAsync<InputRejectedException>(() => ImportBeschikkingen("ams-021;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;6;2026-01-01;", "late.csv"));
        Assert.Equal(("late.csv", 2), (stored.Errors[0].File, stored.Errors[0].Line));
        Assert.Contains("ams-021 differs only in letter case from the stored AMS-021", stored.Errors[0].Reason, StringComparison.Ordinal);

        var inFile = await Assert.ThrowsAsync<InputRejectedException>(() => ImportBeschikkingen("""
            B7;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            b7;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            """, "twice.csv"));
        Assert.Equal(3, inFile.Errors[0].Line);
        Assert.Contains("b7 is B7 of line 2 in other letter case", inFile.Errors[0].Reason, StringComparison.Ordinal);
        // Nothing of either file: AMS-021 alone, with its 4 hours.
        Assert.Equal(1L, await _database.CountAsync("beschikkingen"));
        Assert.Equal(4m, await _database.ScalarAsync<decimal>("SELECT hours_per_week FROM beschikkingen WHERE number = 'AMS-021'"));
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
        // Values mean one thing (issue 10, point 2): exact enumeration names, ASCII codes, visible identifiers.
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;\"JW,WLZ\";4;2026-01-01;", 3, "wet 'JW,WLZ' is not one of JW, WLZ, ZVW" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;1;4;2026-01-01;", 3, "wet '1' is not one of" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;J\u0174;4;2026-01-01;", 3, "wet 'J\u0174' is not one of" },
        { "B2;cl-b;GM0209;30A\u017F;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "brin '30A\u017F' is not a BRIN" },
        { "B2;cl-b;GM\uFF10\uFF12\uFF10\uFF19;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "woongemeente 'GM\uFF10\uFF12\uFF10\uFF19' is not a municipality code" },
        { "B2\u200B;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "beschikkingnummer 'B2\\u200B' holds a format character (U+200B)" },
        { "B2;cl\uFEFF-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "client 'cl\\uFEFF-b' holds a format character (U+FEFF)" },
        { "B2;cl\u0001-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "client 'cl\\u0001-b' holds a control character (U+0001)" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;\"JZ,GGZ\";JW;4;2026-01-01;", 3, "categorie 'JZ,GGZ' is not a care category" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder\u0000;JZ;JW;4;2026-01-01;", 3, "aanbieder 'Aanbieder\\u0000' holds a control character" },
        { $"B2;{new string('c', 65)};GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;", 3, "is longer than 64 characters" },
        // Bounds on every number and date (issue 10, point 3).
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;0;2026-01-01;", 3, "uren_per_week '0' is out of bounds: above 0 and at most 168" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;168,0001;2026-01-01;", 3, "uren_per_week '168,0001' is out of bounds" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;1000000000;2026-01-01;", 3, "uren_per_week '1000000000' is out of bounds" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;79228162514264337593543950335;2026-01-01;", 3, "uren_per_week '79228162514264337593543950335' is out of bounds" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;792281625142643375935439503350;2026-01-01;", 3, "uren_per_week '792281625142643375935439503350' is out of bounds" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4,00001;2026-01-01;", 3, "uren_per_week '4,00001' has more than 4 decimals" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;\"1.2,3\";2026-01-01;", 3, "uren_per_week '1.2,3' is not a number" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;\"1.234,5\";2026-01-01;", 3, "uren_per_week '1.234,5' is not a number" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;\"4,\";2026-01-01;", 3, "uren_per_week '4,' is not a number" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;\",5\";2026-01-01;", 3, "uren_per_week ',5' is not a number" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;\u0664;2026-01-01;", 3, "uren_per_week '\u0664' is not a number" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;9999-12-31;", 3, "ingangsdatum '9999-12-31' is out of bounds: dates lie between 1990-01-01 and 2100-12-31" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;0001-01-01;", 3, "ingangsdatum '0001-01-01' is out of bounds" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;31-12-1989;", 3, "ingangsdatum '31-12-1989' is out of bounds" },
        { "B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;2101-01-01", 3, "einddatum '2101-01-01' is out of bounds" },
    };

    [Theory]
    [InlineData("B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;2101-01-01")]
    [InlineData("B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;9999-12-31;2026-01-01")]
    [InlineData("B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;31-02-2026")]
    public async Task AnUnusableDate_IsOneReason_WithoutAFollowOnComparison(string badRow)
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => ImportBeschikkingen(Good + "\n" + badRow));
        var reason = Assert.Single(error.Errors).Reason;
        Assert.DoesNotContain("lies before", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(";", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boundaries_AreAccepted_AndStoredAsTheFileSays()
    {
        // 168 hours (a whole week), the first and last dates allowed, a lower-case law and BRIN, a lower-case care category stored upper case.
        await ImportBeschikkingen("""
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;168;1990-01-01;2100-12-31
            B2;cl-b;gm0209;30ab;00;Aanbieder;ggz;zvw;0,0001;31-12-2100;
            """);
        Assert.Equal(168m, await _database.ScalarAsync<decimal>("SELECT hours_per_week FROM beschikkingen WHERE number = 'B1'"));
        Assert.Equal(new DateOnly(1990, 1, 1), await _database.ScalarAsync<DateOnly>("SELECT start_date FROM beschikkingen WHERE number = 'B1'"));
        Assert.Equal(new DateOnly(2100, 12, 31), await _database.ScalarAsync<DateOnly>("SELECT end_date FROM beschikkingen WHERE number = 'B1'"));
        Assert.Equal(0.0001m, await _database.ScalarAsync<decimal>("SELECT hours_per_week FROM beschikkingen WHERE number = 'B2'"));
        Assert.Equal(
            ("GGZ", "ZVW", "GM0209", "30AB"),
            (await _database.ScalarAsync<string>("SELECT category FROM beschikkingen WHERE number = 'B2'"),
             await _database.ScalarAsync<string>("SELECT law FROM beschikkingen WHERE number = 'B2'"),
             await _database.ScalarAsync<string>("SELECT municipality_code FROM beschikkingen WHERE number = 'B2'"),
             await _database.ScalarAsync<string>("SELECT brin FROM beschikkingen WHERE number = 'B2'")));
    }

    [Fact]
    public async Task TwoSpellingsOfOneIdentifier_AreOneRow()
    {
        // "BÉ-1" with a precomposed É (U+00C9) and with E + combining acute (U+0301): one beschikking, stored in NFC.
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => ImportBeschikkingen(
            "B\u00C9-1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;\n" +
            "BE\u0301-1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;6;2026-01-01;"));
        Assert.Contains("B\u00C9-1 appears twice in the file (also on line 2)", Assert.Single(error.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal(0L, await _database.CountAsync("beschikkingen"));

        await ImportBeschikkingen("B\u00C9-1;cl-\u00E9;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        await ImportBeschikkingen("BE\u0301-1;cl-e\u0301;GM0209;30AB;00;Aanbieder;JZ;JW;6;2026-01-01;");
        Assert.Equal(1L, await _database.CountAsync("beschikkingen"));
        Assert.Equal(6m, await _database.ScalarAsync<decimal>("SELECT hours_per_week FROM beschikkingen"));
        Assert.Equal("cl-\u00E9", await _database.ScalarAsync<string>("SELECT client FROM beschikkingen"));
    }

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

    [Theory]
    [InlineData("1441;01;1", "volume 1441 is out of bounds: minutes per day must be above 0 and at most 1440 (168 hours a week)")]
    [InlineData("169;04;2", "volume 169 is out of bounds: hours per week must be above 0 and at most 168")]
    [InlineData("43;16;2", "volume 43 is out of bounds: dagdelen per week must be above 0 and at most 42")]
    [InlineData("729;04;4", "volume 729 is out of bounds: hours per month must be above 0 and at most 728")]
    [InlineData("0;04;2", "volume 0 is out of bounds")]
    [InlineData("79228162514264337593543950335;04;2", "volume 79228162514264337593543950335 is out of bounds")]
    [InlineData("1.2,3;04;2", "volume '1.2,3' is not a number")]
    [InlineData("4;004;2", "eenheid '004' is not one of 01 (minuut), 04 (uur), 16 (dagdeel)")]
    [InlineData("4;04;002", "frequentie '002' is not one of 1 (per dag), 2 (per week), 4 (per maand), 6 (totaal)")]
    [InlineData("4;04;\"2,4\"", "frequentie '2,4' is not one of")]
    [InlineData("4;\"04,16\";2", "eenheid '04,16' is not one of")]
    public async Task Jw301Volume_OutsideAWeekOf168Hours_OrAnInexactCode_IsRefused(string omvang, string reason)
    {
        var path = Region.Write(_database.Folder, "jw301.csv", Jw301Header + "\n" +
            "T1;cl-a;GM0209;30AB;00;Aanbieder;45;45A01;30;01;1;JW;2026-01-01;\n" +
            $"T2;cl-b;GM0209;30AB;00;Aanbieder;45;45A01;{omvang};JW;2026-01-01;");
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Importer.ImportAsync(ImportKind.Beschikkingen, path));
        var row = Assert.Single(error.Errors);
        Assert.Equal(("jw301.csv", 3), (row.File, row.Line));
        Assert.Contains(reason, row.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, await _database.CountAsync("beschikkingen"));
    }

    [Fact]
    public async Task Jw301Volume_AtItsUnitsMaximum_IsAWholeWeek()
    {
        // 1,440 minutes a day × 7 / 60 = 168; 42 dagdelen a week × 4 = 168; 1 (leading zero optional) and 04 as codes.
        var path = Region.Write(_database.Folder, "jw301.csv", Jw301Header + "\n" +
            "T1;cl-a;GM0209;30AB;00;Aanbieder;45;45A01;1440;1;01;JW;2026-01-01;\n" +
            "T2;cl-b;GM0209;30AB;00;Aanbieder;45;45A01;42;16;2;JW;2026-01-01;");
        Assert.Equal(2, (await Importer.ImportAsync(ImportKind.Beschikkingen, path)).Rows);
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM beschikkingen WHERE hours_per_week = 168"));
    }

    [Theory]
    [InlineData("2025-10-01;30AB;00;GM0268;0", "aantal '0' is out of bounds: a count of pupils is above 0 and at most 100000")]
    [InlineData("2025-10-01;30AB;00;GM0268;100001", "aantal '100001' is out of bounds")]
    [InlineData("2025-10-01;30AB;00;GM0268;2147483647", "aantal '2147483647' is out of bounds")]
    [InlineData("2025-10-01;30AB;00;GM0268;99999999999999999999", "aantal '99999999999999999999' is out of bounds")]
    [InlineData("2025-10-01;30AB;00;GM0268;-3", "aantal '-3' is not a whole number of pupils")]
    [InlineData("2025-10-01;30AB;00;GM0268;\u0663", "aantal '\u0663' is not a whole number of pupils")]
    [InlineData("2025-10-01;30AB;00;GM0268;1e3", "aantal '1e3' is not a whole number of pupils")]
    [InlineData("1989-10-01;30AB;00;GM0268;12", "peildatum '1989-10-01' is out of bounds")]
    [InlineData("2101-10-01;30AB;00;GM0268;12", "peildatum '2101-10-01' is out of bounds")]
    public async Task Leerlingen_OutOfBounds_AreRefused_NamingColumnAndValue(string badRow, string reason)
    {
        var path = Region.Write(_database.Folder, "leerlingen.csv", "peildatum;brin;vestiging;woongemeente;aantal\n2025-10-01;30AB;00;GM0209;12\n" + badRow);
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Importer.ImportAsync(ImportKind.Leerlingen, path));
        var row = Assert.Single(error.Errors);
        Assert.Equal(("leerlingen.csv", 3), (row.File, row.Line));
        Assert.Equal(reason, row.Reason[..Math.Min(reason.Length, row.Reason.Length)]);
        Assert.Equal(0L, await _database.CountAsync("pupil_counts"));
    }

    [Fact]
    public async Task Leerlingen_AcceptTheBoundaries()
    {
        // 100,000 pupils; the first and last dates allowed as counting dates a scheme may name (1 January, 31 December).
        var path = Region.Write(_database.Folder, "leerlingen.csv", """
            peildatum;brin;vestiging;woongemeente;aantal
            2025-10-01;30AB;00;GM0268;100000
            1990-01-01;30AB;00;GM0268;1
            2100-12-31;30AB;00;GM0268;<5
            """);
        var result = await Importer.ImportAsync(ImportKind.Leerlingen, path, countingDates: [new Core.Schemes.CountingDate(1, 1), new Core.Schemes.CountingDate(12, 31)]);
        Assert.Equal(3, result.Rows);
        Assert.Equal(100_000L, await _database.ScalarAsync<long>("SELECT SUM(pupils) - 1 FROM pupil_counts"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM pupil_counts WHERE pupils IS NULL"));
    }

    [Theory]
    [InlineData("SO,VSO", "sector 'SO,VSO' is not one of PO, SBO, SO, VSO, VO, PRO, MBO")]
    [InlineData("2", "sector '2' is not one of")]
    [InlineData("\u017Fo", "sector '\u017Fo' is not one of")]
    [InlineData("S\u200BO", "sector 'S\u200BO' is not one of")]
    public async Task Scholen_SectorIsOneExactName(string sector, string reason)
    {
        var path = Region.Write(_database.Folder, "scholen2.csv", "brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector\n" +
            $"32EF;00;Nieuw;41234;Bestuur;GM0268;\"{sector}\"");
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Importer.ImportAsync(ImportKind.Scholen, path));
        Assert.Contains(reason, Assert.Single(error.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal(2L, await _database.CountAsync("school_locations"));
    }

    [Fact]
    public async Task Scholen_SectorIsCaseInsensitive_AndCodesAreStoredUpperCase()
    {
        var path = Region.Write(_database.Folder, "scholen2.csv", """
            brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector
            32ef;00;Nieuw;41234;Bestuur;gm0268;vso
            """);
        await Importer.ImportAsync(ImportKind.Scholen, path);
        Assert.Equal("VSO", await _database.ScalarAsync<string>("SELECT sector FROM school_locations WHERE brin = '32EF'"));
        Assert.Equal("GM0268", await _database.ScalarAsync<string>("SELECT municipality_code FROM school_locations WHERE brin = '32EF'"));
    }

    [Theory]
    [InlineData("1989;41234;JZ;30AB;00;31CD;00;0,5", "jaar '1989' is out of bounds: funding years lie between 1990 and 2100")]
    [InlineData("2101;41234;JZ;30AB;00;31CD;00;0,5", "jaar '2101' is out of bounds")]
    [InlineData("2026;41234;JZ;30AB;00;31CD;00;0", "fte '0' is out of bounds: above 0 and at most 1000")]
    [InlineData("2026;41234;JZ;30AB;00;31CD;00;1000,01", "fte '1000,01' is out of bounds")]
    [InlineData("2026;41234;JZ;30AB;00;31CD;00;79228162514264337593543950335", "fte '79228162514264337593543950335' is out of bounds")]
    [InlineData("2026;41234;JZ;30AB;00;31CD;00;\"0.1,5\"", "fte '0.1,5' is not a number")]
    [InlineData("2026;41234;\"JZ,GGZ\";30AB;00;31CD;00;0,5", "categorie 'JZ,GGZ' is not a care category")]
    [InlineData("2026;4123\u0664;JZ;30AB;00;31CD;00;0,5", "bestuursnummer '4123\u0664' is not a 5-digit board number")]
    [InlineData("2026;41234;JZ;30A\u017F;00;31CD;00;0,5", "is not a school location")]
    public async Task Overhevelingen_OutOfBounds_AreRefused_NamingColumnAndValue(string badRow, string reason)
    {
        var path = Region.Write(_database.Folder, "overhevelingen.csv", "jaar;bestuursnummer;categorie;van_brin;van_vestiging;naar_brin;naar_vestiging;fte\n" + badRow);
        var importer = new Beschikbaarheid.Data.DrawingRights.TransferImporter(
            new Beschikbaarheid.Data.Database.SchemeLocks(_database.Connections), new Beschikbaarheid.Data.Settlement.RegistryReader(_database.Connections), TimeProvider.System);
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => importer.ImportAsync("ams", path));
        var row = Assert.Single(error.Errors);
        Assert.Equal(("overhevelingen.csv", 2), (row.File, row.Line));
        Assert.Contains(reason, row.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, await _database.CountAsync("board_transfers"));
    }
}

public sealed class ImportTestsOnSqlite : ImportTests<SqliteTestDatabase>;

public sealed class ImportTestsOnSqlServer : ImportTests<SqlServerTestDatabase>;

public sealed class ImportTestsOnPostgreSql : ImportTests<PostgreSqlTestDatabase>;
