using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>The trekkingsrecht verb end to end: CSV files in, drawing rights stored, board workbooks out.</summary>
public sealed class TrekkingsrechtTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task PrepareAsync(string extraPupils = "")
    {
        _workspace.Write(Path.Combine("schemes", "amsterdam-sjso.json"), """
            { "id": "amsterdam-sjso", "name": "Specialistische jeugdhulp in het speciaal onderwijs", "startYear": 2026,
              "schools": ["40AA00", "41BB00", "42CC00"], "participants": ["GM0363", "GM0362"],
              "pool": { "type": "drawing-rights", "referenceYears": 1, "directHoursPerFte": 28, "upliftPct": 0.10, "upliftYears": 2,
                        "categories": { "JZ": { "costPerFte": 80000.00 }, "GGZ": { "costPerFte": 95000.00 } },
                        "productCategories": { "45": "JZ", "54": "GGZ" }, "fixedFte": { "41BB00": { "JZ": 2.0 } } },
              "key": { "type": "pupils", "maskedCountValue": 2 },
              "flow": { "type": "lead", "lead": "GM0363" },
              "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        var files = new Dictionary<string, string>
        {
            ["gemeenten"] = "gemeentecode;naam\nGM0363;Amsterdam\nGM0362;Amstelveen",
            ["scholen"] = """
                brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector
                40AA;00;De Brug;41234;Stichting Speciaal;GM0363;SO
                41BB;00;De Boog;41234;Stichting Speciaal;GM0363;VSO
                42CC;00;Het Anker;50000;Stichting Anker;GM0362;SO
                """,
            ["leerlingen"] = """
                peildatum;brin;vestiging;woongemeente;aantal
                2025-10-01;40AA;00;GM0363;120
                2025-10-01;40AA;00;GM0362;<5
                2024-10-01;40AA;00;GM0363;100
                """ + extraPupils,
            ["beschikkingen"] = """
                beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum
                B1;cl-a;GM0363;40AA;00;Aanbieder;JZ;JW;7;2020-01-01;
                B2;cl-b;GM0363;40AA;00;Aanbieder;54;JW;14;2020-01-01;
                B3;cl-c;GM0362;42CC;00;Aanbieder;JZ;JW;28;2020-01-01;
                B4;cl-d;GM0362;42CC;00;Aanbieder;JZ;WLZ;28;2020-01-01;
                B5;cl-e;GM0363;40AA;00;Aanbieder;JZ;JW;2;2025-09-15;
                """,
        };
        foreach (var (kind, content) in files)
        {
            var (code, _, error) = await _workspace.RunAsync("import", kind, _workspace.Write(kind + ".csv", content), "--db", _workspace.Database);
            Assert.True(code == 0, error);
        }
    }

    [Fact]
    public async Task Trekkingsrecht_ComputesStoresAndWritesAWorkbookPerBoard()
    {
        await PrepareAsync();
        var (code, output, error) = await _workspace.RunAsync(_workspace.With("trekkingsrecht", "--scheme", "amsterdam-sjso", "--year", "2026"));
        Assert.True(code == 0, error);
        // Window 1 Aug 2024 – 31 Jul 2025; first funding year: × 1.10.
        //   40AA00 JZ: 7 h → 0.25 FTE × growth (120 + "<5"=2) / 100 = 1.22 × 1.10 = 0.3355 → 0.34; € 27,200.00
        //   40AA00 GGZ ("54"): 14 h → 0.50 × 1.22 × 1.10 = 0.671 → 0.67; × € 95,000 = € 63,650.00
        //   41BB00 JZ fixed 2.00: € 160,000.00; GGZ 0.
        //   42CC00 JZ: 28 h → 1.00 × 1.10 = 1.10 (no counts: no growth); € 88,000.00. The WLZ one does not count.
        // Six rights, 0.34 + 0.67 + 2.00 + 1.10 = 4.11 FTE, € 338,850.00; boards 41234 and 50000.
        Assert.Contains("amsterdam-sjso 2026: 6 drawing rights, 4,11 FTE, € 338.850,00; 2 workbook(s)", output, StringComparison.Ordinal);

        var folder = Path.Combine(_workspace.Output, "amsterdam-sjso", "trekkingsrecht-2026");
        using var document = SpreadsheetDocument.Open(Path.Combine(folder, "bestuur-41234.xlsx"), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var part = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value!);
        var totals = part.Worksheet.Descendants<Cell>().Where(c => c.CellFormula is not null)
            .ToDictionary(c => c.CellReference!.Value![..1], c => decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture));
        // Board 41234: 0.34 + 0.67 + 2.00 + 0 = 3.01 FTE; € 27,200 + 63,650 + 160,000 = € 250,850.00.
        Assert.Equal((3.01m, 250_850m), (totals["L"], totals["M"]));
        // B5 started on 15 September 2025, after the reference window: it changes no FTE but shows in the monitor.
        var monitor = (WorksheetPart)document.WorkbookPart.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == "Monitor").Id!.Value!);
        var september = monitor.Worksheet.Descendants<Row>().Single(r => r.Descendants<Cell>().Any(c => c.InlineString?.InnerText == "2025-09"));
        Assert.Equal("1", september.Descendants<Cell>().Single(c => c.CellFormula is not null).CellValue!.Text);
        Assert.True(File.Exists(Path.Combine(folder, "bestuur-50000.xlsx")));
    }

    [Fact]
    public async Task Settle_InvoicesRegionalMunicipalities_TheirPupilsShareByTheMonthlySchedule()
    {
        await PrepareAsync("\n2025-10-01;41BB;00;GM0363;30\n2025-10-01;41BB;00;GM0362;10\n2025-10-01;42CC;00;GM0362;50");
        var before = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "amsterdam-sjso", "--period", "2026-03"));
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("compute them first", before.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await _workspace.RunAsync(_workspace.With("trekkingsrecht", "--scheme", "amsterdam-sjso", "--year", "2026"))).ExitCode);

        var (code, _, error) = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "amsterdam-sjso", "--period", "2026-03", "--invoice-date", "2026-04-01"));
        Assert.True(code == 0, error);
        // Budgets (see above): 40AA00 € 90,850.00, 41BB00 € 160,000.00, 42CC00 € 88,000.00. Pupils on 1 Oct 2025:
        //   40AA00: Amsterdam 120, Amstelveen "<5" = 2 → Amstelveen 9,085,000 × 2/122 = 148,934.43 → 148,934 cents
        //     (Amsterdam 8,936,065.57 takes the leftover cent);
        //   41BB00: Amstelveen 10 of 40 → 4,000,000; 42CC00: Amstelveen 50 of 50 → 8,800,000.
        // Amstelveen's annual share: 148,934 + 4,000,000 + 8,800,000 = 12,948,934 cents.
        // March: ⌊12,948,934 × 3/12⌋ − ⌊12,948,934 × 2/12⌋ = 3,237,233 − 2,158,155 = 1,079,078 (January would be 1,079,077).
        // Over the locations by their parts: 12,411.17 / 333,333.38 / 733,333.45 → floors sum to 1,079,077;
        // the cent goes to the largest remainder, 42CC00: 12,411 + 333,333 + 733,334.
        // Amsterdam is the lead: not invoiced.
        Assert.Equal(
            [
                "factuurnummer;soort;regeling;periode;uitgever;debiteur;brin;vestiging;grondslag;bedrag",
                "GM0363-2026-00001;voorschot;amsterdam-sjso;2026-03;GM0363;GM0362;40AA;00;2;124.11",
                "GM0363-2026-00001;voorschot;amsterdam-sjso;2026-03;GM0363;GM0362;41BB;00;10;3333.33",
                "GM0363-2026-00001;voorschot;amsterdam-sjso;2026-03;GM0363;GM0362;42CC;00;50;7333.34",
            ],
            File.ReadAllLines(Path.Combine(_workspace.Output, "amsterdam-sjso", "2026-03", "boekingen.csv")));

        // The allocation sheet gains each location's FTE and annual budget: 4.11 FTE and € 338,850.00 in all; under the pupils key
        // it has no children column, so they are columns F and G.
        using var document = SpreadsheetDocument.Open(Path.Combine(_workspace.Output, "amsterdam-sjso", "2026-03", "verdeelstaat-amsterdam-sjso-2026-03.xlsx"), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var locations = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == "Schoollocaties").Id!.Value!);
        var totals = locations.Worksheet.Descendants<Cell>().Where(c => c.CellFormula is not null)
            .ToDictionary(c => c.CellReference!.Value![..1], c => decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal((4.11m, 338_850m), (totals["F"], totals["G"]));

        // Amstelveen's 2 pupils at 40AA00 are DUO's "<5" valued at 2: that line, and only that line, is marked as estimated.
        using var invoice = SpreadsheetDocument.Open(Path.Combine(_workspace.Output, "amsterdam-sjso", "2026-03", "factuur-GM0363-2026-00001.xlsx"), false);
        Assert.Empty(new OpenXmlValidator().Validate(invoice));
        var rows = ((WorksheetPart)invoice.WorkbookPart!.GetPartById(invoice.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value!)).Worksheet
            .Descendants<Row>().Where(r => r.Descendants<Cell>().Any(c => c.InlineString?.InnerText.StartsWith("geschat", StringComparison.Ordinal) == true)).ToList();
        Assert.Equal("40AA00", Assert.Single(rows).Descendants<Cell>().First().InlineString!.InnerText);

        // The invoice shows how each line came about: the location's annual budget and Amstelveen's annual share of it
        // (worked out above: 1,489.34, 40,000.00 and 88,000.00 of 90,850.00, 160,000.00 and 88,000.00), and the month of
        // their sum J = 129,489.34: ⌊J × 3/12⌋ − ⌊J × 2/12⌋ = 10,790.78.
        var cells = ((WorksheetPart)invoice.WorkbookPart!.GetPartById(invoice.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value!)).Worksheet
            .Descendants<Row>().ToList();
        decimal[] Numbers(string location) => cells.Single(r => r.Descendants<Cell>().FirstOrDefault()?.InlineString?.InnerText == location)
            .Descendants<Cell>().Where(c => c.CellValue is not null && c.DataType is null).Select(c => decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)).ToArray();
        // Pupils, location's pupils, share, budget, annual share, amount: 2 of 122, 10 of 40, 50 of 50.
        Assert.Equal([2m, 122m, 0.016393m, 90_850m, 1_489.34m, 124.11m], Numbers("40AA00"));
        Assert.Equal([10m, 40m, 0.25m, 160_000m, 40_000m, 3_333.33m], Numbers("41BB00"));
        Assert.Equal([50m, 50m, 1m, 88_000m, 88_000m, 7_333.34m], Numbers("42CC00"));
        var texts = cells.SelectMany(r => r.Descendants<Cell>()).Select(c => c.InlineString?.InnerText).Where(t => t is not null).ToList();
        Assert.Contains(texts, t => t!.Contains("(J = € 129.489,34), maand 3 van 12", StringComparison.Ordinal) && t.Contains("= € 10.790,78", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transfers_AreCheckedAgainstTheStoredRights_AndShownBesideThem()
    {
        await PrepareAsync();
        Assert.Equal(0, (await _workspace.RunAsync(_workspace.With("trekkingsrecht", "--scheme", "amsterdam-sjso", "--year", "2026"))).ExitCode);
        const string Header = "jaar;bestuursnummer;categorie;van_brin;van_vestiging;naar_brin;naar_vestiging;fte\n";

        // 40AA00 holds 0.34 FTE JZ; 42CC00 belongs to board 50000.
        var bad = _workspace.Write("overhevelingen-fout.csv", Header + "2026;41234;JZ;40AA;00;41BB;00;0,50\n2026;41234;JZ;40AA;00;42CC;00;0.10");
        var rejected = await _workspace.RunAsync("import", "overhevelingen", bad, "--scheme", "amsterdam-sjso", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("line 2: takes 0.50 FTE JZ from 40AA00, which holds 0.34 after earlier transfers", rejected.Error, StringComparison.Ordinal);
        Assert.Contains("line 3: location 42CC00 does not belong to board 41234", rejected.Error, StringComparison.Ordinal);

        var good = _workspace.Write("overhevelingen.csv", Header + "2026;41234;JZ;40AA;00;41BB;00;0,14");
        var imported = await _workspace.RunAsync("import", "overhevelingen", good, "--scheme", "amsterdam-sjso", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Equal(0, (await _workspace.RunAsync(_workspace.With("trekkingsrecht", "--scheme", "amsterdam-sjso", "--year", "2026"))).ExitCode);

        using var document = SpreadsheetDocument.Open(Path.Combine(_workspace.Output, "amsterdam-sjso", "trekkingsrecht-2026", "bestuur-41234.xlsx"), false);
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        decimal Total(int sheet, string column) => decimal.Parse(
            ((WorksheetPart)document.WorkbookPart.GetPartById(sheets[sheet].Id!.Value!)).Worksheet.Descendants<Cell>()
                .Single(c => c.CellFormula is not null && c.CellReference!.Value!.StartsWith(column, StringComparison.Ordinal)).CellValue!.Text,
            CultureInfo.InvariantCulture);
        // The computed 3.01 FTE stands; after moving 0.14 from 40AA00 to 41BB00 the board still has 3.01.
        Assert.Equal((3.01m, 3.01m, 0.14m), (Total(0, "L"), Total(0, "O"), Total(2, "D")));
    }

    [Fact]
    public async Task Trekkingsrecht_ForASchemeWithoutDrawingRights_ExitsOne()
    {
        _workspace.WriteScheme();
        var (code, _, error) = await _workspace.RunAsync(_workspace.With("trekkingsrecht", "--scheme", Workspace.SchemeId, "--year", "2026"));
        Assert.Equal(1, code);
        Assert.Contains("has no drawing-rights pool", error, StringComparison.Ordinal);
    }
}
