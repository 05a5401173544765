using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// A WIsH-like scheme settled through the executable: 's-Hertogenbosch alone funds a fixed budget, nothing is invoiced, the
/// months record its cost; <c>jaaroverzicht</c> reports that cost with the pupils reached and the boards' contributions in kind.
/// </summary>
public sealed class FunderTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>€ 12,000.06 in 2026; board 41001 gives 120 h × € 55.00 = € 6,600.00 in kind.</summary>
    private void WriteScheme() => _workspace.Write(Path.Combine("schemes", "wish.json"), """
        { "id": "wish", "name": "WIsH", "startYear": 2026,
          "schools": ["06AA00", "06AB00"], "participants": ["GM0796"],
          "pool": { "type": "fixed-budget", "amounts": { "2026": 12000.06 } },
          "key": { "type": "pupils" },
          "flow": { "type": "funder", "funder": "GM0796" },
          "inKind": { "41001": { "hours": 120, "hourlyValue": 55.00 } },
          "reach": { "grade": 6 },
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
        """);

    /// <summary>Pupils on 1 October 2025: 06AA00 20 from 's-Hertogenbosch + 10 from Vught = 30; 06AB00 10.</summary>
    private async Task ImportRegionAsync()
    {
        _workspace.Write("gemeenten.csv", "gemeentecode;naam;iban\nGM0796;'s-Hertogenbosch;\nGM0865;Vught;");
        _workspace.Write("scholen.csv", "brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector\n06AA;00;De Eik;41001;Stichting Eik;GM0796;PO\n06AB;00;De Linde;41002;Stichting Linde;GM0796;PO");
        _workspace.Write("leerlingen.csv", "peildatum;brin;vestiging;woongemeente;aantal\n2025-10-01;06AA;00;GM0796;20\n2025-10-01;06AA;00;GM0865;10\n2025-10-01;06AB;00;GM0796;10");
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen" })
        {
            var result = await _workspace.RunAsync("import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), "--db", _workspace.Database, "--schemes", _workspace.Schemes);
            Assert.True(result.ExitCode == 0, result.Error);
        }
    }

    [Fact]
    public async Task AFunderMonth_RecordsTheCost_NoInvoice_AndTheYearOverviewShowsIt()
    {
        WriteScheme();
        await ImportRegionAsync();
        foreach (var month in new[] { "2026-01", "2026-02" })
        {
            var settle = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "wish", "--period", month, "--invoice-date", "2026-03-02"));
            Assert.True(settle.ExitCode == 0, settle.Error);
        }
        // 1,200,006 cents by 30 : 10 pupils: 900,004.5 and 300,001.5; floors leave 1 cent, tie to the lowest key: 06AA00 900,005, 06AB00 300,001.
        // January: ⌊900,005 / 12⌋ = 75,000 and ⌊300,001 / 12⌋ = 25,000; February: ⌊1,800,010 / 12⌋ − 75,000 = 75,000 and ⌊600,002 / 12⌋ − 25,000 = 25,000.
        var folder = Path.Combine(_workspace.Output, "wish", "2026-01");
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(files, f => f!.StartsWith("factuur", StringComparison.Ordinal));
        Assert.Contains("verdeelstaat-wish-2026-01.xlsx", files);
        // The journal books the funder's recorded cost per location: no invoice number, the funder issuer and debtor.
        Assert.Equal(
        [
            "factuurnummer;soort;regeling;periode;uitgever;debiteur;brin;vestiging;grondslag;bedrag",
            ";voorschot;wish;2026-01;GM0796;GM0796;06AA;00;30;750.00",
            ";voorschot;wish;2026-01;GM0796;GM0796;06AB;00;10;250.00",
        ], File.ReadAllLines(Path.Combine(folder, "boekingen.csv")));

        var history = await _workspace.RunAsync("history", "--scheme", "wish", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.True(history.ExitCode == 0, history.Error);
        Assert.Contains("2 run(s)", history.Out, StringComparison.Ordinal);

        var overview = await _workspace.RunAsync("jaaroverzicht", "--scheme", "wish", "--year", "2026", "--db", _workspace.Database, "--schemes", _workspace.Schemes, "--out", _workspace.Output);
        Assert.True(overview.ExitCode == 0, overview.Error);
        // The two months recorded 2 × (75,000 + 25,000) = 200,000 cents: € 2.000,00; in kind € 6.600,00; pupils 30 + 10 = 40.
        Assert.Contains("kosten financier € 2.000,00, in natura € 6.600,00 (1 bestuur/besturen), 40 leerling(en)", overview.Out, StringComparison.Ordinal);
        var path = Path.Combine(_workspace.Output, "wish", "jaaroverzicht-2026.xlsx");
        using var document = SpreadsheetDocument.Open(path, false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        // The location total's cached value and its formula.
        Assert.Contains(cells, c => c.CellFormula?.Text == "SUM(E8:E9)" && c.CellValue?.Text == "2000");
        Assert.Contains(cells, c => c.CellFormula?.Text?.StartsWith("ROUND(C", StringComparison.Ordinal) == true && c.CellValue?.Text == "6600");
    }

    [Fact]
    public async Task AFundersYear_IsTheWholeBudget_AndTheYearEndChangesNothing()
    {
        WriteScheme();
        await ImportRegionAsync();
        for (var month = 1; month <= 12; month++)
        {
            var settle = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "wish", "--period", $"2026-{month:00}", "--invoice-date", "2027-01-05"));
            Assert.True(settle.ExitCode == 0, settle.Error);
        }
        var finalize = await _workspace.RunAsync(_workspace.With("finalize", "--scheme", "wish", "--year", "2026", "--invoice-date", "2027-01-15"));
        Assert.True(finalize.ExitCode == 0, finalize.Error);
        Assert.Empty(Directory.GetFiles(_workspace.Output, "factuur*", SearchOption.AllDirectories));
        var overview = await _workspace.RunAsync("jaaroverzicht", "--scheme", "wish", "--year", "2026", "--db", _workspace.Database, "--schemes", _workspace.Schemes, "--out", _workspace.Output);
        Assert.True(overview.ExitCode == 0, overview.Error);
        // Twelve months of the schedule add up to each location's year exactly: 900,005 + 300,001 = 1,200,006 cents, the budget;
        // with unchanged data the year end adds nothing.
        Assert.Contains("kosten financier € 12.000,06", overview.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AYearOverview_OfASchemeWithoutAFunder_IsRefused()
    {
        WriteScheme();
        _workspace.Write(Path.Combine("schemes", "wish.json"), File.ReadAllText(Path.Combine(_workspace.Schemes, "wish.json"))
            .Replace("{ \"type\": \"funder\", \"funder\": \"GM0796\" }", "{ \"type\": \"cashier\", \"cashier\": \"GM0796\" }", StringComparison.Ordinal)
            .Replace("\"amounts\": { \"2026\": 12000.06 } }", "\"amounts\": { \"2026\": 12000.06 }, \"hosts\": { \"by\": \"fte\", \"fte\": { \"06AA00\": 1 } } }", StringComparison.Ordinal));
        await ImportRegionAsync();
        var overview = await _workspace.RunAsync("jaaroverzicht", "--scheme", "wish", "--year", "2026", "--db", _workspace.Database, "--schemes", _workspace.Schemes, "--out", _workspace.Output);
        Assert.Equal(1, overview.ExitCode);
        Assert.Contains("a year overview is for a scheme with the funder flow, this one has the cashier flow", overview.Error, StringComparison.Ordinal);
    }
}
