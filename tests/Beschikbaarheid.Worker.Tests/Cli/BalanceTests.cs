using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>A Utrecht-like scheme: two schools at 2 FTE each, no invoices, a balance report instead.</summary>
public sealed class BalanceTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task NoneFlow_WritesABalanceWorkbook_AndSettlesWithoutInvoices()
    {
        _workspace.Write(Path.Combine("schemes", "utrecht-proeftuin.json"), """
            { "id": "utrecht-proeftuin", "name": "Proeftuin Utrecht", "startYear": 2025,
              "schools": ["50AA00", "51BB00"], "participants": ["GM0344", "GM0355", "GM0312"],
              "pool": { "type": "drawing-rights", "directHoursPerFte": 28,
                        "categories": { "JZ": { "costPerFte": 80000.00 } },
                        "fixedFte": { "50AA00": { "JZ": 2.0 }, "51BB00": { "JZ": 2.0 } } },
              "key": { "type": "pupils", "maskedCountValue": 2 },
              "flow": { "type": "none", "balanceThresholdPct": 10 },
              "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        var files = new Dictionary<string, string>
        {
            ["gemeenten"] = "gemeentecode;naam\nGM0344;Utrecht\nGM0355;Zeist\nGM0312;Bunnik",
            ["scholen"] = "brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector\n50AA;00;De Kade;60000;Stichting Kade;GM0344;SO\n51BB;00;Het Bos;60001;Stichting Bos;GM0355;SO",
            ["leerlingen"] = """
                peildatum;brin;vestiging;woongemeente;aantal
                2025-10-01;50AA;00;GM0344;5
                2025-10-01;50AA;00;GM0355;3
                2025-10-01;51BB;00;GM0344;7
                2025-10-01;51BB;00;GM0355;8
                2025-10-01;51BB;00;GM0312;1
                """,
        };
        foreach (var (kind, content) in files)
        {
            var (code, _, error) = await _workspace.RunAsync("import", kind, _workspace.Write(kind + ".csv", content), "--db", _workspace.Database);
            Assert.True(code == 0, error);
        }

        var computed = await _workspace.RunAsync(_workspace.With("trekkingsrecht", "--scheme", "utrecht-proeftuin", "--year", "2026"));
        Assert.True(computed.ExitCode == 0, computed.Error);
        using (var document = SpreadsheetDocument.Open(Path.Combine(_workspace.Output, "utrecht-proeftuin", "trekkingsrecht-2026", "balans-utrecht-proeftuin-2026.xlsx"), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
            var cells = ((WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value!)).Worksheet
                .Descendants<Row>().Select(r => r.Descendants<Cell>().ToList()).Where(r => r.Count == 7 && r[0].InlineString?.InnerText.StartsWith("GM", StringComparison.Ordinal) == true)
                .ToDictionary(r => r[0].InlineString!.InnerText, r => (Difference: r[4].CellValue!.Text, Flag: r[6].InlineString!.InnerText));
            // Each school € 160,000 (2 FTE × € 80,000). De Kade (Utrecht) by 5:3 → Utrecht 100,000, Zeist 60,000;
            // Het Bos (Zeist) by 7:8:1 → Utrecht 70,000, Zeist 80,000, Bunnik 10,000.
            // Utrecht 160,000 − 170,000 = −10,000 (−6.25%, within 10%); Zeist 160,000 − 140,000 = +20,000 (12.5%): flagged;
            // Bunnik hosts nothing and uses 10,000: flagged.
            Assert.Equal(("-10000", "nee"), cells["GM0344"]);
            Assert.Equal(("20000", "ja"), cells["GM0355"]);
            Assert.Equal(("-10000", "ja"), cells["GM0312"]);
        }

        var settled = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "utrecht-proeftuin", "--period", "2026-03"));
        Assert.True(settled.ExitCode == 0, settled.Error);
        Assert.Contains("issued 0 invoice(s)", settled.Out, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Path.Combine(_workspace.Output, "utrecht-proeftuin", "2026-03", "boekingen.csv")));
    }
}
