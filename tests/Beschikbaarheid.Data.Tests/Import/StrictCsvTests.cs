using System.Globalization;
using System.Text;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Tests.Fixtures;
using Dapper;

namespace Beschikbaarheid.Data.Tests.Import;

/// <summary>
/// Issue 10, points 1, 4 and 6: a file is read strictly, line by line, in one encoding, or refused as a whole
/// with file, line and reason, leaving the database exactly as it was.
/// </summary>
public abstract class StrictCsvTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private const string File = "beschikkingen.csv";
    private const string Header = Region.BeschikkingHeader;

    private readonly TDatabase _database = new();
    private CsvImporter Importer => new(_database.Connections, TimeProvider.System);

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
        await Region.ImportRegistryAsync(_database);
        // Something stored already, so "unchanged" is more than "still empty".
        await Import(Utf8(Header + "\nB0;cl-0;GM0268;30AB;00;Eerder;JZ;JW;2;2025-01-01;\n"));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Windows1252(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(text);
    }

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private Task<ImportResult> Import(byte[] content, string name = File)
    {
        var path = Path.Combine(_database.Folder, name);
        System.IO.File.WriteAllBytes(path, content);
        return Importer.ImportAsync(ImportKind.Beschikkingen, path);
    }

    /// <summary>Everything an import writes, as text: the beschikkingen and the import log.</summary>
    private async Task<string> StoredAsync()
    {
        await using var connection = await _database.OpenAsync();
        var rows = await connection.QueryAsync(
            "SELECT number, client, municipality_code, brin, vestiging, provider, category, law, hours_per_week, start_date, end_date FROM beschikkingen ORDER BY number");
        var imports = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM imports");
        return $"{imports} import(s): " + string.Join(" | ", rows.Select(r =>
            string.Join(";", ((IDictionary<string, object?>)r).Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
    }

    /// <summary>Imports <paramref name="content"/>, expects it refused as a whole, and that nothing was stored.</summary>
    private async Task<IReadOnlyList<RowError>> RefusedAsync(byte[] content)
    {
        var before = await StoredAsync();
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => Import(content));
        Assert.Equal(File, error.File);
        Assert.All(error.Errors, e => Assert.Equal(File, e.File));
        Assert.Contains("nothing imported", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
        return error.Errors;
    }

    private static string Row(int n, string provider = "Aanbieder", string end = "") =>
        $"B{n};cl-{n};GM0209;30AB;00;{provider};JZ;JW;4;2026-01-01;{end}";

    private static string Rows(int count, Func<int, string> row) => string.Join("\n", Enumerable.Range(1, count).Select(row));

    [Fact]
    public async Task StrayQuotePair_DoesNotMergeTheRowsBetween_ButRefusesBothLines()
    {
        // The case from the issue: a quote at the start of aanbieder on line 22, another at the end of
        // aanbieder on line 42. Valid RFC 4180 (one field across 21 lines), and what must never import.
        var text = Header + "\n" + Rows(50, n => n switch
        {
            21 => Row(n, "\"Stichting Jeugdhulp Rijk"),
            41 => Row(n, "Stichting Jeugdhulp Rijk\""),
            _ => Row(n),
        }) + "\n";
        var errors = await RefusedAsync(Utf8(text));
        Assert.Equal([22, 42], errors.Select(e => e.Line));
        Assert.Contains("field 6 (aanbieder) opens a quote that is not closed on this line", errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("field 6 (aanbieder) holds a quote but does not start with one", errors[1].Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedLines => new()
    {
        { Row(2, "\"Aanbieder;JZ;JW"), "field 6 (aanbieder) opens a quote that is not closed on this line" },
        { Row(2, "\"Aanbieder \"\"De Brug\"\""), "field 6 (aanbieder) opens a quote that is not closed on this line" },
        { Row(2, end: "\"2026-12-31"), "field 11 (einddatum) opens a quote that is not closed on this line" },
        { Row(2, "Aanbieder \"De Brug\""), "field 6 (aanbieder) holds a quote but does not start with one" },
        { Row(2, " \"Aanbieder\""), "field 6 (aanbieder) holds a quote but does not start with one" },
        { Row(2, "\"Aanbieder\" BV"), "field 6 (aanbieder) has text after its closing quote" },
        { Row(2, "\"Aanbieder\"\"\"x"), "field 6 (aanbieder) has text after its closing quote" },
        { Row(2, end: "2026-12-31;"), "12 field(s) where the header has 11" },
        { Row(2, end: "2026-12-31;extra;"), "13 field(s) where the header has 11" },
        { "B2;cl-2;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01", "10 field(s) where the header has 11" },
        { "B2;cl-2;GM0209;30AB;00;\"Aanbieder;JZ\";JW;4;2026-01-01;", "10 field(s) where the header has 11" },
    };

    [Theory]
    [MemberData(nameof(MalformedLines))]
    public async Task MalformedLine_RefusesTheFile_WithItsLine(string line, string reason)
    {
        var errors = await RefusedAsync(Utf8(Header + "\n" + Row(1) + "\n" + line + "\n" + Row(3) + "\n"));
        var error = Assert.Single(errors);
        Assert.Equal(3, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B3;cl-3;GM0209;30AB;00;Aanb")]
    [InlineData("B3;cl-3;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01\r\n")]
    [InlineData("B3;cl-3;GM0209;30AB;00;\"Aanbieder")]
    public async Task TruncatedLastLine_IsRefused(string last)
    {
        var error = Assert.Single(await RefusedAsync(Utf8(Header + "\r\n" + Row(1) + "\r\n" + Row(2) + "\r\n" + last)));
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public async Task LastLineCutRightAfterASeparator_IsAComplete_RowWithAnEmptyEinddatum()
    {
        // Indistinguishable from a row with no end date: accepted (the import's row count is what shows a cut).
        Assert.Equal(2, (await Import(Utf8(Header + "\n" + Row(1, end: "2026-06-30") + "\nB9;cl-9;GM0209;30AB;00;Aanb;JZ;JW;4;2026-01-01;"))).Rows);
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM beschikkingen WHERE number = 'B9' AND end_date IS NOT NULL"));
    }

    [Fact]
    public async Task QuotedFields_HoldSeparatorsAndDoubledQuotes_AndAreStoredExactly()
    {
        var text = Header + "\r\n"
            + Row(1, "\"Zorg \"\"De Brug\"\"; Nijmegen\"") + "\r\n"
            + "\"B2\";\"cl-2\";\"GM0209\";\"30AB\";\"00\";\"\"\"\"\"\";\"JZ\";\"JW\";\"4,5\";\"2026-01-01\";\"\"\r\n";
        Assert.Equal(2, (await Import(Utf8(text))).Rows);
        Assert.Equal("Zorg \"De Brug\"; Nijmegen", await _database.ScalarAsync<string>("SELECT provider FROM beschikkingen WHERE number = 'B1'"));
        Assert.Equal("\"\"", await _database.ScalarAsync<string>("SELECT provider FROM beschikkingen WHERE number = 'B2'"));
        Assert.Equal(4.5m, await _database.ScalarAsync<decimal>("SELECT hours_per_week FROM beschikkingen WHERE number = 'B2'"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM beschikkingen WHERE number = 'B2' AND end_date IS NULL"));
    }

    [Fact]
    public async Task LinesWithoutData_AreSkippedAnywhere_AndLaterLinesKeepTheirNumbers()
    {
        // Line 3 empty, line 4 white space, line 6 only separators (a spreadsheet's cleared row), trailing blank lines.
        var text = Header + "\n" + Row(1) + "\n\n  \t\n" + Row(2) + "\n;;;;;;;;;;\n" + Row(3) + "\n\n\n";
        Assert.Equal(3, (await Import(Utf8(text))).Rows);

        var bad = Header + "\n" + Row(4) + "\n\n;;\n" + Row(5, "Aan\"bieder") + "\n\n";
        Assert.Equal(5, Assert.Single(await RefusedAsync(Utf8(bad))).Line);
    }

    [Fact]
    public async Task EveryMalformedLine_IsNamed_TogetherWithBadValues_InLineOrder()
    {
        var text = Header + "\n" + Row(1) + "\n" + Row(2, "\"x") + "\nB3;cl-3;GM9999;30AB;00;A;JZ;JW;4;2026-01-01;\n" + Row(4, "a\"b") + "\n" + Row(5) + ";\n";
        Assert.Equal([3, 4, 5, 6], (await RefusedAsync(Utf8(text))).Select(e => e.Line));
    }

    [Fact]
    public async Task MalformedHeader_IsRefusedOnLine1()
    {
        var error = Assert.Single(await RefusedAsync(Utf8("\"beschikkingnummer;client\n" + Row(1) + "\n")));
        Assert.Equal(1, error.Line);
        Assert.Contains("header: field 1 opens a quote that is not closed on this line", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf8WithOneWindows1252Byte_IsRefused_NamingTheLineAndTheByte()
    {
        // Line 2 is valid UTF-8 (ö = C3 B6), line 4 holds ö in Windows-1252 (F6): no reading of the file is right for both.
        var content = Utf8(Header + "\n" + Row(1, "Zorgcoöperatie") + "\n" + Row(2) + "\n")
            .Concat(Windows1252(Row(3, "Zorgcoöperatie") + "\n")).ToArray();
        var error = Assert.Single(await RefusedAsync(content));
        Assert.Equal(4, error.Line);
        Assert.Contains("byte 0xF6 is not valid UTF-8, but the file is UTF-8 (line 2 holds UTF-8 'ö')", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Windows1252ByteBeforeTheUtf8_IsRefusedToo()
    {
        var content = Windows1252(Header + "\r\n" + Row(1, "Café") + "\r\n").Concat(Utf8(Row(2, "Zorgcoöperatie") + "\r\n")).ToArray();
        var error = Assert.Single(await RefusedAsync(content));
        Assert.Equal(2, error.Line);
        Assert.Contains("byte 0xE9 is not valid UTF-8, but the file is UTF-8 (line 3 holds UTF-8 'ö')", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BomWithOneWindows1252Byte_IsRefused()
    {
        var content = Bom.Concat(Utf8(Header + "\n" + Row(1) + "\n")).Concat(Windows1252(Row(2, "Zorgcoöperatie") + "\n")).ToArray();
        var error = Assert.Single(await RefusedAsync(content));
        Assert.Equal(3, error.Line);
        Assert.Contains("byte 0xF6 is not valid UTF-8, but the file is UTF-8 (the file starts with a UTF-8 byte order mark)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf8CutInsideACharacterAtTheEnd_IsRefused()
    {
        var content = Utf8(Header + "\n" + Row(1, "Zorgcoöperatie") + "\n" + Row(2, "Zorgco")).Append((byte)0xC3).ToArray();
        var error = Assert.Single(await RefusedAsync(content));
        Assert.Equal(3, error.Line);
        Assert.Contains("byte 0xC3 is not valid UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf16_IsRefused()
    {
        var error = Assert.Single(await RefusedAsync(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Header + "\n" + Row(1) + "\n")).ToArray()));
        Assert.Equal(1, error.Line);
        Assert.Contains("UTF-16", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("bom")]
    [InlineData("1252")]
    public async Task OneEncodingThroughout_IsAccepted_AndStoredExactly(string encoding)
    {
        var text = Header + "\n" + Row(1, "Zorgcoöperatie Súdwest-Fryslân") + "\n" + Row(2, "Café «Één»") + "\n";
        var content = encoding switch
        {
            "utf8" => Utf8(text),
            "bom" => [.. Bom, .. Utf8(text)],
            _ => Windows1252(text),
        };
        Assert.Equal(2, (await Import(content)).Rows);
        Assert.Equal("Zorgcoöperatie Súdwest-Fryslân", await _database.ScalarAsync<string>("SELECT provider FROM beschikkingen WHERE number = 'B1'"));
        Assert.Equal("Café «Één»", await _database.ScalarAsync<string>("SELECT provider FROM beschikkingen WHERE number = 'B2'"));
    }

    [Theory]
    [InlineData("B1;cl-1;GM0209;30AB;00;A;JZ;JW;4;\u00A02026-01-01;", "ingangsdatum")]
    [InlineData("B1;cl-1;GM0209;30AB;00;A;JZ;JW;4;2026-01-01;2026-06-30\u00A0", "einddatum")]
    [InlineData("B1;cl-1;GM0209;30AB;00;A;JZ;JW;\u00A04;2026-01-01;", "uren_per_week")]
    [InlineData("B1;cl-1;GM0209;30AB;00;A;JZ;JW;4\u2003;2026-01-01;", "uren_per_week")]
    public async Task NoBreakOrOtherUnicodeSpaceAroundADateOrNumber_IsRefused_OnlySpacesAndTabsAreTrimmed(string line, string column)
    {
        // Found by the import fuzz test: dates and numbers were trimmed of every Unicode space, other fields of spaces and tabs only.
        var error = Assert.Single(await RefusedAsync(Utf8(Header + "\n" + line + "\n")));
        Assert.Equal(2, error.Line);
        Assert.StartsWith(column, error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await Import(Utf8(Header + "\n" + line.Replace('\u00A0', '\t').Replace('\u2003', ' ') + "\n"))).Rows);
    }

    [Fact]
    public async Task UnparseableEinddatum_IsReportedOnce_NotComparedWithIngangsdatum()
    {
        var error = Assert.Single(await RefusedAsync(Utf8(Header + "\n" + Row(1, end: "31-02-2026") + "\n")));
        Assert.StartsWith("einddatum '31-02-2026' is not a date", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("ingangsdatum", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnparseableIngangsdatum_IsReportedOnce()
    {
        var error = Assert.Single(await RefusedAsync(Utf8(Header + "\nB1;cl-1;GM0209;30AB;00;A;JZ;JW;4;2026-13-01;2026-06-30\n")));
        Assert.StartsWith("ingangsdatum '2026-13-01' is not a date", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("einddatum", error.Reason, StringComparison.Ordinal);
    }
}

public sealed class StrictCsvTestsOnSqlite : StrictCsvTests<SqliteTestDatabase>;

public sealed class StrictCsvTestsOnSqlServer : StrictCsvTests<SqlServerTestDatabase>;

public sealed class StrictCsvTestsOnPostgreSql : StrictCsvTests<PostgreSqlTestDatabase>;
