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

    private async Task PrepareAsync()
    {
        _workspace.Write(Path.Combine("schemes", "amsterdam-sjso.json"), """
            { "id": "amsterdam-sjso", "name": "Specialistische jeugdhulp in het speciaal onderwijs", "startYear": 2026,
              "schools": ["40AA00", "41BB00", "42CC00"], "participants": ["GM0363", "GM0362"],
              "pool": { "type": "drawing-rights", "referenceYears": 1, "directHoursPerFte": 28, "upliftPct": 0.10, "upliftYears": 2,
                        "categories": { "JZ": { "costPerFte": 80000.00 }, "GGZ": { "costPerFte": 95000.00 } },
                        "productCategories": { "45": "JZ", "54": "GGZ" }, "fixedFte": { "41BB00": { "JZ": 2.0 } } },
              "key": { "type": "pupils", "maskedCountValue": 2 },
              "flow": { "type": "lead", "lead": "GM0363" },
              "invoice": { "iban": "NL00BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
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
                """,
            ["beschikkingen"] = """
                beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum
                B1;cl-a;GM0363;40AA;00;Aanbieder;JZ;JW;7;2020-01-01;
                B2;cl-b;GM0363;40AA;00;Aanbieder;54;JW;14;2020-01-01;
                B3;cl-c;GM0362;42CC;00;Aanbieder;JZ;JW;28;2020-01-01;
                B4;cl-d;GM0362;42CC;00;Aanbieder;JZ;WLZ;28;2020-01-01;
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
        Assert.Contains("amsterdam-sjso 2026: 6 drawing rights, 4,11 FTE, € 338.850,00; 2 board workbook(s)", output, StringComparison.Ordinal);

        var folder = Path.Combine(_workspace.Output, "amsterdam-sjso", "trekkingsrecht-2026");
        using var document = SpreadsheetDocument.Open(Path.Combine(folder, "bestuur-41234.xlsx"), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var part = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value!);
        var totals = part.Worksheet.Descendants<Cell>().Where(c => c.CellFormula is not null)
            .ToDictionary(c => c.CellReference!.Value![..1], c => decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture));
        // Board 41234: 0.34 + 0.67 + 2.00 + 0 = 3.01 FTE; € 27,200 + 63,650 + 160,000 = € 250,850.00.
        Assert.Equal((3.01m, 250_850m), (totals["L"], totals["M"]));
        Assert.True(File.Exists(Path.Combine(folder, "bestuur-50000.xlsx")));
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
