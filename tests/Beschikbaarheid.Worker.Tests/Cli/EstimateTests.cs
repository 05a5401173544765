using System.Globalization;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// The estimate pool through the executable (issue 13, Tilburg): import inschattingen, settle with the board's advance,
/// import realisatie, finalize with a reclaim. Figures as worked by hand in Core's EstimateTests: rate € 62.50, 40 weeks;
/// Tilburg 10 × 4, Oisterwijk 3 × 5, Goirle 2 × 2,5 h a week = 60 h → € 150,000.00 a year; shares 100,000.00 / 37,500.00 / 12,500.00.
/// </summary>
public sealed class EstimateTests : IDisposable
{
    private const string Scheme = "tilburg-leijpark";
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>Import takes no --out: the database and the scheme folder only.</summary>
    private string[] Import(params string[] args) => ["import", .. args, "--db", _workspace.Database, "--schemes", _workspace.Schemes];

    private async Task PrepareAsync()
    {
        _workspace.Write(Path.Combine("schemes", Scheme + ".json"), """
            { "id": "tilburg-leijpark", "name": "Onderwijscentrum Leijpark", "startYear": 2027,
              "schools": ["04LP00"], "participants": ["GM0855", "GM0824", "GM0785"],
              "pool": { "type": "estimate", "hourlyRate": 62.50, "schoolWeeks": 40 },
              "key": { "type": "estimate" },
              "flow": { "type": "lead", "lead": "GM0855",
                        "recipient": { "board": "41234", "name": "Stichting Leijpark", "iban": "NL91 ABNA 0417 1643 00" } },
              "invoice": { "iban": "NL02ABNA0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        var files = new Dictionary<string, string>
        {
            ["gemeenten"] = "gemeentecode;naam\nGM0855;Tilburg\nGM0824;Oisterwijk\nGM0785;Goirle\nGM0796;'s-Hertogenbosch",
            ["scholen"] = """
                brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector
                04LP;00;Onderwijscentrum Leijpark;41234;Stichting Leijpark;GM0855;SO
                05XX;00;Elders;41234;Stichting Leijpark;GM0855;SO
                """,
        };
        foreach (var (kind, content) in files)
        {
            var (code, _, error) = await _workspace.RunAsync("import", kind, _workspace.Write(kind + ".csv", content), "--db", _workspace.Database);
            Assert.True(code == 0, error);
        }
    }

    [Fact]
    public async Task ImportInschattingen_RefusesTheWholeFile_NamingEveryBadRow()
    {
        await PrepareAsync();
        var file = _workspace.Write("inschatting.csv", """
            jaar;brin;vestiging;woongemeente;kinderen;uren_per_week
            2027;04LP;00;GM0855;10;4
            2027;99ZZ;00;GM0824;3;5
            2027;05XX;00;GM0824;3;5
            2027;04LP;00;GM9999;2;2,5
            2027;04LP;00;GM0785;twee;2,5
            2027;04LP;00;GM0785;2;0
            """);
        var (code, _, error) = await _workspace.RunAsync(Import("inschattingen", file, "--scheme", Scheme));
        Assert.Equal(1, code);
        Assert.Contains("inschatting.csv: 5 bad row(s), nothing imported.", error, StringComparison.Ordinal);
        Assert.Contains("inschatting.csv, line 3: school location 99ZZ00 is not known; import scholen first", error, StringComparison.Ordinal);
        Assert.Contains("inschatting.csv, line 4: school location 05XX00 is not one of the schools of tilburg-leijpark in 2027", error, StringComparison.Ordinal);
        Assert.Contains("inschatting.csv, line 5: woongemeente GM9999 is not a known municipality; import gemeenten first", error, StringComparison.Ordinal);
        Assert.Contains("inschatting.csv, line 6: kinderen 'twee' is not a whole number of children", error, StringComparison.Ordinal);
        Assert.Contains("inschatting.csv, line 7: uren_per_week '0' is out of bounds: above 0 and at most 168", error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2:", error, StringComparison.Ordinal);

        // Nothing was imported: settling January finds no estimate.
        var settle = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Scheme, "--period", "2027-01", "--invoice-date", "2027-02-01"));
        Assert.Equal(1, settle.ExitCode);
        Assert.Contains("Scheme tilburg-leijpark has no estimate for 2027; import one first (import inschattingen FILE --scheme tilburg-leijpark).", settle.Error, StringComparison.Ordinal);

        var realisation = _workspace.Write("realisatie.csv", "jaar;brin;vestiging;uren\n2027;04LP;00;2000\n2027;04LP;00;1500\n2027;04LP;00;-1\n");
        var refused = await _workspace.RunAsync(Import("realisatie", realisation, "--scheme", Scheme));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("realisatie.csv, line 3: 04LP00 in 2027 is on line 2 already; one line per location and year", refused.Error, StringComparison.Ordinal);
        Assert.Contains("realisatie.csv, line 4: uren '-1' is out of bounds: at least 0 and at most 1000000", refused.Error, StringComparison.Ordinal);

        var noScheme = await _workspace.RunAsync(Import("inschattingen", file));
        Assert.Equal(2, noScheme.ExitCode);
        Assert.Contains("import inschattingen needs --scheme ID.", noScheme.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_InvoicesTheShares_PaysTheBoard_AndTheYearEndReclaimsWhatWasNotRealised()
    {
        await PrepareAsync();
        var estimate = _workspace.Write("inschatting.csv", """
            jaar;brin;vestiging;woongemeente;kinderen;uren_per_week
            2027;04LP;00;GM0855;10;4
            2027;04LP;00;GM0824;3;5
            2027;04LP;00;GM0785;2;2,5
            """);
        var imported = await _workspace.RunAsync(Import("inschattingen", estimate, "--scheme", Scheme));
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("Imported inschatting.csv (inschattingen): 3 row(s)", imported.Out, StringComparison.Ordinal);

        var january = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Scheme, "--period", "2027-01", "--invoice-date", "2027-02-01"));
        Assert.True(january.ExitCode == 0, january.Error);
        // Goirle ⌊1,250,000 / 12⌋ = 104,166 cents; Oisterwijk 312,500; the board € 150,000.00 / 12 = € 12,500.00.
        Assert.Contains("€ 1.041,66", january.Out, StringComparison.Ordinal);
        Assert.Contains("€ 3.125,00", january.Out, StringComparison.Ordinal);
        Assert.Contains("Subsidie Stichting Leijpark (bestuur 41234): voorschot € 12.500,00 (verleend € 150.000,00 per jaar).", january.Out, StringComparison.Ordinal);
        var folder = Path.Combine(_workspace.Output, Scheme, "2027-01");
        Assert.True(File.Exists(Path.Combine(folder, "betaalopdracht-tilburg-leijpark-2027-01-41234.xlsx")));
        var sepa = XDocument.Load(Path.Combine(folder, "betaalbestand-tilburg-leijpark-2027-01.xml"));
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
        Assert.Equal("12500.00", sepa.Descendants(ns + "InstdAmt").Single().Value);
        Assert.Equal("NL91ABNA0417164300", sepa.Descendants(ns + "CdtrAcct").Single().Value);
        Assert.Equal("NL02ABNA0123456789", sepa.Descendants(ns + "DbtrAcct").Single().Value);
        Assert.Equal("2027-02-15", sepa.Descendants(ns + "ReqdExctnDt").Single().Value);
        Assert.Equal(2, Directory.GetFiles(folder, "factuur-GM0855-2027-*.xlsx").Length);

        for (var month = 2; month <= 12; month++)
        {
            var settled = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Scheme, "--period", $"2027-{month:00}", "--invoice-date", "2028-01-05"));
            Assert.True(settled.ExitCode == 0, settled.Error);
        }

        var refused = await _workspace.RunAsync(_workspace.With("finalize", "--scheme", Scheme, "--year", "2027", "--invoice-date", "2028-01-15"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Scheme tilburg-leijpark: 2027 has no realisation", refused.Error, StringComparison.Ordinal);

        // 2,000 hours realised: set at 2,000 × € 62.50 = € 125,000.00; the board was paid 12 × € 12,500.00 and pays back € 25,000.00.
        // Shares of € 125,000.00: € 83,333.33 / € 31,250.00 / € 10,416.67 (the leftover cent to Goirle's larger remainder), so
        // Oisterwijk is credited 37,500.00 − 31,250.00 = € 6,250.00 and Goirle 12,500.00 − 10,416.67 = € 2,083.33.
        var realisation = _workspace.Write("realisatie.csv", "jaar;brin;vestiging;uren\n2027;04LP;00;2000\n");
        Assert.Equal(0, (await _workspace.RunAsync(Import("realisatie", realisation, "--scheme", Scheme))).ExitCode);
        var finalized = await _workspace.RunAsync(_workspace.With("finalize", "--scheme", Scheme, "--year", "2027", "--invoice-date", "2028-01-15"));
        Assert.True(finalized.ExitCode == 0, finalized.Error);
        Assert.Contains("€ -6.250,00", finalized.Out, StringComparison.Ordinal);
        Assert.Contains("€ -2.083,33", finalized.Out, StringComparison.Ordinal);
        Assert.Contains(
            "Subsidie Stichting Leijpark (bestuur 41234): verleend € 150.000,00, vastgesteld € 125.000,00, betaald € 150.000,00, terugvordering € 25.000,00.",
            finalized.Out, StringComparison.Ordinal);
        Assert.Contains("0 final invoice(s) and 2 credit note(s)", finalized.Out, StringComparison.Ordinal);
        var yearEnd = Path.Combine(_workspace.Output, Scheme, "2027-vaststelling");
        var reclaim = Path.Combine(yearEnd, "terugvordering-tilburg-leijpark-2027-vaststelling-41234.xlsx");
        using (var document = SpreadsheetDocument.Open(reclaim, false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
            var sheet = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value!);
            // The set amount MIN(granted, realised) = 125,000.00 and the reclaim paid − set = 25,000.00, as live formulas.
            var formulas = sheet.Worksheet.Descendants<Cell>().Where(c => c.CellFormula is not null)
                .Select(c => (c.CellFormula!.Text, decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture))).ToList();
            Assert.Contains(formulas, f => f.Text.StartsWith("MIN(", StringComparison.Ordinal) && f.Item2 == 125_000m);
            Assert.Contains(formulas, f => f.Item2 == 25_000m);
        }
        Assert.Empty(Directory.GetFiles(yearEnd, "betaalbestand-*.xml"));
    }

    [Fact]
    public async Task Finalize_RealisationAboveTheGrant_SetsTheGrant_AndIssuesNothing()
    {
        await PrepareAsync();
        var estimate = _workspace.Write("inschatting.csv", "jaar;brin;vestiging;woongemeente;kinderen;uren_per_week\n2027;04LP;00;GM0855;10;4\n2027;04LP;00;GM0824;3;5\n2027;04LP;00;GM0785;2;2,5\n");
        Assert.Equal(0, (await _workspace.RunAsync(Import("inschattingen", estimate, "--scheme", Scheme))).ExitCode);
        for (var month = 1; month <= 12; month++)
        {
            var settled = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Scheme, "--period", $"2027-{month:00}", "--invoice-date", "2028-01-05"));
            Assert.True(settled.ExitCode == 0, settled.Error);
        }
        // 2,600 hours × € 62.50 = € 162,500.00 above the € 150,000.00 granted: set at the grant, nothing to reclaim or settle.
        var realisation = _workspace.Write("realisatie.csv", "jaar;brin;vestiging;uren\n2027;04LP;00;2600\n");
        Assert.Equal(0, (await _workspace.RunAsync(Import("realisatie", realisation, "--scheme", Scheme))).ExitCode);
        var finalized = await _workspace.RunAsync(_workspace.With("finalize", "--scheme", Scheme, "--year", "2027", "--invoice-date", "2028-01-15"));
        Assert.True(finalized.ExitCode == 0, finalized.Error);
        Assert.Contains("vastgesteld € 150.000,00, betaald € 150.000,00, niets terug te vorderen.", finalized.Out, StringComparison.Ordinal);
        Assert.Contains("0 final invoice(s) and 0 credit note(s)", finalized.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_workspace.Output, Scheme, "2027-vaststelling"), "terugvordering-*"));
    }
}
