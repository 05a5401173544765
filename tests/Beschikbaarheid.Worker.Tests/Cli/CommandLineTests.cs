namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>The executable as an operator uses it: real process, real exit codes, stdout and stderr apart.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private const string Rows = """
        B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
        B2;cl-b;GM1945;30AB;00;Aanbieder;JZ;JW;6;2026-03-31;
        B3;cl-c;GM0268;30AB;00;Aanbieder;JZ;JW;8;2026-03-01;2026-03-31
        """;

    private static readonly string[] AllFiles = ["gemeenten", "scholen", "leerlingen", "beschikkingen"];

    private async Task ImportRegionAsync(params string[] kinds)
    {
        foreach (var kind in kinds.Length == 0 ? AllFiles : kinds)
        {
            var (code, _, error) = await _workspace.RunAsync("import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), "--db", _workspace.Database);
            Assert.True(code == 0, error);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("settle", "--help")]
    [InlineData("import", "--help")]
    [InlineData("db", "migrate", "--help")]
    [InlineData("demo", "--help")]
    [InlineData("run", "--help")]
    [InlineData("history", "--help")]
    [InlineData("trekkingsrecht", "--help")]
    [InlineData("finalize", "--help")]
    [InlineData("reopen", "--help")]
    public async Task Help_WorksOnEveryVerb_WithExitZero(params string[] args)
    {
        var (code, output, _) = await _workspace.RunAsync(args);
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("settle", "--period", "2026-03")]
    [InlineData("settle", "--scheme", "x", "--period", "2026-3")]
    [InlineData("import", "leerlingen")]
    [InlineData("import", "ouders", "x.csv")]
    [InlineData("import", "overhevelingen", "x.csv")]
    [InlineData("finalize", "--scheme", "x", "--year", "26")]
    [InlineData("frobnicate")]
    public async Task WrongUsage_ExitsTwo_WithTheReasonOnStderr(params string[] args)
    {
        var (code, output, error) = await _workspace.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Import_OfABadFile_ExitsOne_NamingFileLineAndReason_AndImportsNothing()
    {
        _workspace.WriteRegion(Rows + "\nB4;cl-d;GM0209;30AB;00;Aanbieder;JZ;JW;-2;2026-01-01;");
        await ImportRegionAsync("gemeenten", "scholen");
        var (code, _, error) = await _workspace.RunAsync("import", "beschikkingen", Path.Combine(_workspace.Folder, "beschikkingen.csv"), "--db", _workspace.Database);
        Assert.Equal(1, code);
        Assert.Contains("beschikkingen.csv, line 5: uren_per_week '-2' is out of bounds", error, StringComparison.Ordinal);
        Assert.Contains("nothing imported", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_IssuesInvoices_AndARunAgainIssuesNothing()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion(Rows);
        await ImportRegionAsync();

        var first = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03", "--invoice-date", "2026-04-01"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("issued 2 invoice(s)", first.Out, StringComparison.Ordinal);
        var folder = Path.Combine(_workspace.Output, Workspace.SchemeId, "2026-03");
        // Beuningen: 31 days × 1,375,000 / 365 = 116,780.82 → 1167.81; Berg en Dal: 1 day → 3,767.12 → 37.67.
        Assert.Equal(
            [
                "factuurnummer;soort;regeling;periode;uitgever;debiteur;brin;vestiging;grondslag;bedrag",
                "GM0268-2026-00001;voorschot;nijmegen-st-maarten;2026-03;GM0268;GM0209;30AB;00;31;1167.81",
                "GM0268-2026-00002;voorschot;nijmegen-st-maarten;2026-03;GM0268;GM1945;30AB;00;1;37.67",
            ],
            File.ReadAllLines(Path.Combine(folder, "boekingen.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "factuur-GM0268-2026-00001.xlsx")));
        Assert.True(File.Exists(Path.Combine(folder, "verdeelstaat-nijmegen-st-maarten-2026-03.xlsx")));

        var again = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03"));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already settled", again.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "factuur-GM0268-2026-00003.xlsx")));

        var april = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-04", "--invoice-date", "2026-05-01"));
        Assert.Contains("GM0268-2026-00003", april.Out, StringComparison.Ordinal);

        // The audit trail: two runs, four invoices. March 1167.81 + 37.67; April (30 days): Beuningen 30 × 1,375,000 / 365
        // = 113,013.70 → 1,130.14 and Berg en Dal 30 days → 1,130.14; together € 3,465.76.
        var history = await _workspace.RunAsync("history", "--scheme", Workspace.SchemeId, "--year", "2026", "--db", _workspace.Database);
        Assert.True(history.ExitCode == 0, history.Error);
        Assert.Contains("2 run(s), 4 invoice(s), € 3.465,76.", history.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_OfAMonthWithoutEligibleChildren_IssuesNothing_AndExitsZero()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion("B1;cl-a;GM0202;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        await ImportRegionAsync();
        var (code, output, _) = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03"));
        Assert.Equal(0, code);
        Assert.Contains("no eligible children", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Output, Workspace.SchemeId, "2026-03")));
    }

    [Fact]
    public async Task Settle_BeforeTheSchemeStarts_ExitsOne_AndIssuesNothing()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion(Rows);
        await ImportRegionAsync();
        var (code, _, error) = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2018-12"));
        Assert.Equal(1, code);
        Assert.Contains("starts in 2019", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Output, Workspace.SchemeId)));
    }

    [Fact]
    public async Task Settle_WithABadSchemeFile_ExitsOne_NamingFileAndKey()
    {
        _workspace.Write(Path.Combine("schemes", "kapot.json"), """
            { "id": "kapot", "name": "Kapot", "startYear": 2019, "schools": ["30AB00"], "participants": ["GM0268"],
              "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "schoolWeeks": 40 },
              "key": { "type": "leerlingen" }, "flow": { "type": "lead", "lead": "GM0268" },
              "invoice": { "iban": "NL00", "paymentTermDays": 30, "vatStatement": "x" } }
            """);
        var (code, _, error) = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "kapot", "--period", "2026-03"));
        Assert.Equal(1, code);
        Assert.Contains("kapot.json", error, StringComparison.Ordinal);
        Assert.Contains("key 'pool.hourlyRate': missing", error, StringComparison.Ordinal);
        Assert.Contains("key 'key.type': unknown key type 'leerlingen'", error, StringComparison.Ordinal);
        Assert.Contains("key 'invoice.iban': 'NL00' is not a valid IBAN", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnwritableDatabasePath_ExitsOne_WithAClearError()
    {
        var blocker = _workspace.Write("blocker", "not a folder");
        var (code, _, error) = await _workspace.RunAsync("db", "migrate", "--db", Path.Combine(blocker, "x.db"));
        Assert.Equal(1, code);
        Assert.Contains("Cannot open the database file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_ComeFromTheEnvironment_WhenNotOnTheCommandLine()
    {
        var database = Path.Combine(_workspace.Folder, "from-env.db");
        var (code, _, _) = await _workspace.RunAsync(new Dictionary<string, string> { ["Database__File"] = database }, "db", "migrate");
        Assert.Equal(0, code);
        Assert.True(File.Exists(database));
    }

    private string[] DemoArgs()
    {
        var root = Workspace.RepositoryRoot;
        return ["demo", "--sample", Path.Combine(root, "config", "sample"), "--schemes", Path.Combine(root, "config", "schemes"), "--db", _workspace.Database, "--out", _workspace.Output];
    }

    /// <summary>
    /// On the real clock: the demo settles the latest complete month while its region's data covers it (to 2028-12) and that
    /// last month after, so this holds whatever the date; <see cref="Demo_SettlesAMonthItsRegionCovers_WhateverTheDate"/> pins dates.
    /// </summary>
    [Fact]
    public async Task Demo_WritesInvoicesAllocationSheetAndJournal_AndIsIdempotent()
    {
        string[] args = DemoArgs();
        var first = await _workspace.RunAsync(args);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Matches(@"Demo month \d{4}-\d{2}: ", first.Out);
        var folder = Directory.GetDirectories(Path.Combine(_workspace.Output, "nijmegen-st-maarten")).Single();
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.Contains("boekingen.csv", files);
        Assert.Contains(files, f => f!.StartsWith("factuur-GM0268-", StringComparison.Ordinal));
        Assert.Contains(files, f => f!.StartsWith("verdeelstaat-", StringComparison.Ordinal));
        // Every invoice and credit note of every scheme has its e-invoice beside it, and it names itself by its number.
        var workbooks = Directory.GetFiles(_workspace.Output, "*.xlsx", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).StartsWith("factuur-", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("creditnota-", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(workbooks);
        foreach (var workbook in workbooks)
        {
            var ubl = System.Xml.Linq.XDocument.Load(Path.ChangeExtension(workbook, ".xml"));
            var number = Path.GetFileNameWithoutExtension(workbook)[(Path.GetFileName(workbook).IndexOf('-', StringComparison.Ordinal) + 1)..];
            Assert.Equal(number, ubl.Root!.Element(System.Xml.Linq.XName.Get("ID", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"))!.Value);
        }
        Assert.Contains("Totaal", first.Out, StringComparison.Ordinal);

        // Drawing rights: a workbook for each of the Amsterdam-like scheme's five boards, and the Utrecht-like balance.
        var amsterdam = Directory.GetFiles(Path.Combine(_workspace.Output, "amsterdam-sjso"), "bestuur-*.xlsx", SearchOption.AllDirectories);
        Assert.Equal(5, amsterdam.Length);
        var balance = Assert.Single(Directory.GetFiles(Path.Combine(_workspace.Output, "utrecht-proeftuin"), "balans-*.xlsx", SearchOption.AllDirectories));
        foreach (var workbook in amsterdam.Append(balance))
        {
            using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(workbook, false);
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document));
        }

        // The cashier scheme's statement: written as a workbook, and what it collects plus covers is all paid out.
        var statement = Assert.Single(Directory.GetFiles(Path.Combine(_workspace.Output, "groningen-saw"), "kasstaat-*.xlsx", SearchOption.AllDirectories));
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(statement, false))
        {
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document));
        }
        // Its SEPA payment file: pain.001.001.09 whose control sum is the sum of its transfers.
        var sepa = System.Xml.Linq.XDocument.Load(Assert.Single(Directory.GetFiles(Path.Combine(_workspace.Output, "groningen-saw"), "betaalbestand-*.xml", SearchOption.AllDirectories)));
        System.Xml.Linq.XNamespace pain = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
        var amounts = sepa.Descendants(pain + "InstdAmt").Select(a => decimal.Parse(a.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(amounts);
        var controlSum = decimal.Parse(sepa.Descendants(pain + "CtrlSum").First().Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(amounts.Sum(), controlSum);
        var summary = System.Text.RegularExpressions.Regex.Match(first.Out,
            @"Kasstaat: gefactureerd € [\d.,]+, tekort € [\d.,]+, gedekt € [\d.,]+, ongedekt € [\d.,]+, uitbetaald € (?<paid>[\d.,]+), saldo € 0,00\.");
        Assert.True(summary.Success, first.Out);
        // The summary's paid-out total is every host location's payout; the bank file pays the other municipalities' locations,
        // so the control sum is that total minus what goes to the cashier's own locations (Groningen, GM0014), read from the database.
        var paidOut = decimal.Parse(summary.Groups["paid"].Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_workspace.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT COALESCE(SUM(c.amount_cents), 0) FROM cashier_lines c
                JOIN school_locations s ON s.brin = c.brin AND s.vestiging = c.vestiging
                WHERE c.section = 'uitbetaald' AND s.municipality_code = 'GM0014'
                """;
            var ownCents = (long)command.ExecuteScalar()!;
            Assert.Equal(paidOut - ownCents / 100m, controlSum);
        }

        var again = await _workspace.RunAsync(args);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already settled", again.Out, StringComparison.Ordinal);
        Assert.Equal(files.Count, Directory.GetFiles(folder).Length);
    }

    [Theory]
    // 15 June 2030: the latest complete month, May 2030, lies after the region's data (to December 2028), so the demo settles 2028-12.
    [InlineData("2030-06-15", "2028-12", "Demo month 2028-12: the demo region's data ends with 2028-12, so the demo settles that month instead of the latest complete month, 2030-05.")]
    // 10 March 2027: the latest complete month, February 2027, is covered.
    [InlineData("2027-03-10", "2027-02", "Demo month 2027-02: the latest complete month.")]
    public async Task Demo_SettlesAMonthItsRegionCovers_WhateverTheDate(string today, string month, string reason)
    {
        Assert.SkipWhen(Workspace.FakeTime is null, "faketime is not installed (apt-get install faketime; .ci/run installs it): 'today' cannot be set.");
        var at = new DateTimeOffset(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var (code, output, error) = await _workspace.RunAtAsync(at, DemoArgs());
        Assert.True(code == 0, output + error);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        // Every scheme settled that month and only that month; the lead's invoices are numbered in the invoice date's year.
        foreach (var scheme in new[] { "nijmegen-st-maarten", "amsterdam-sjso", "waadhoeke-einstein", "utrecht-proeftuin", "groningen-saw", "ijmond-zorgklassen" })
        {
            Assert.Equal([month], Directory.GetDirectories(Path.Combine(_workspace.Output, scheme), "20??-??").Select(Path.GetFileName));
        }
        Assert.Contains(Directory.GetFiles(Path.Combine(_workspace.Output, "nijmegen-st-maarten", month)),
            f => Path.GetFileName(f).StartsWith($"factuur-GM0268-{today[..4]}-", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_workspace.Output, "groningen-saw", month, $"kasstaat-groningen-saw-{month}.xlsx")));
    }
}
