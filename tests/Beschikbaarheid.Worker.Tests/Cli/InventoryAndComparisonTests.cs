using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>The inventaris and vergelijk verbs through the executable: files in, workbooks out, nothing stored, no child id.</summary>
public sealed class InventoryAndComparisonTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task ImportAsync(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (kind, content) in files)
        {
            var (code, _, error) = await _workspace.RunAsync("import", kind, _workspace.Write(kind + ".csv", content), "--db", _workspace.Database);
            Assert.True(code == 0, error);
        }
    }

    /// <summary>The region of Core.Tests CareInventoryTests: two locations, ten beschikkingen of 2025–2027.</summary>
    private async Task InventoryRegionAsync()
    {
        _workspace.Write(Path.Combine("schemes", "anker.json"), """
            { "id": "anker", "name": "Het Anker", "startYear": 2026, "schools": ["42CC00"], "participants": ["GM0362", "GM0363"],
              "pool": { "type": "drawing-rights", "directHoursPerFte": 28, "categories": { "JZ": { "costPerFte": 80000.00 } } },
              "key": { "type": "pupils" }, "flow": { "type": "lead", "lead": "GM0363" },
              "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        await ImportAsync(new Dictionary<string, string>
        {
            ["gemeenten"] = "gemeentecode;naam\nGM0363;Amsterdam\nGM0362;Amstelveen",
            ["scholen"] = """
                brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector
                40AA;00;De Brug;41234;Stichting Speciaal;GM0363;SO
                42CC;00;Het Anker;50000;Stichting Anker;GM0362;SO
                """,
            ["beschikkingen"] = """
                beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum
                B1;cl-a;GM0363;40AA;00;Zorg BV;JZ;JW;7;2025-07-01;2026-03-31
                B2;cl-a;GM0363;40AA;00;Zorg BV;JZ;JW;4;2026-01-01;
                B3;cl-b;GM0363;40AA;00;Zorg BV;GGZ;JW;2;2026-01-01;
                B4;cl-c;GM0363;40AA;00;Zorg BV;GGZ;JW;2;2026-01-01;
                B5;cl-d;GM0363;40AA;00;Zorg BV;GGZ;JW;2;2026-01-01;
                B6;cl-e;GM0363;40AA;00;Zorg BV;GGZ;JW;2;2026-01-01;
                B7;cl-f;GM0363;40AA;00;Zorg BV;GGZ;JW;2;2026-01-01;
                B8;cl-g;GM0362;40AA;00;Zorg BV;GGZ;JW;3;2026-07-01;2026-12-31
                B9;cl-h;GM0362;42CC;00;Anker Zorg;JZ;JW;10;2026-01-01;2027-06-30
                B10;cl-i;GM0362;42CC;00;Anker Zorg;JZ;WLZ;20;2026-01-01;
                B11;cl-j;GM0363;42CC;00;Anker Zorg;JZ;JW;8;2025-01-01;2025-12-31
                """,
        });
    }

    [Fact]
    public async Task Inventaris_WritesTheYearsLines_MaskedAndWithoutChildIds()
    {
        await InventoryRegionAsync();
        var (code, output, error) = await _workspace.RunAsync(_workspace.With("inventaris", "--year", "2026"));
        Assert.True(code == 0, error);
        // Four lines (hand-worked in CareInventoryTests): 1.51 + 10.00 + 5.73 + 10.00 = 27.24 h a week at two locations.
        Assert.Contains("Inventaris 2026: 4 regel(s), 2 locatie(s), 27,24 uur per week", output, StringComparison.Ordinal);
        var path = Path.Combine(_workspace.Output, "inventaris", "alle-scholen", "inventaris-2026.xlsx");
        Assert.Contains(path, output, StringComparison.Ordinal);

        var sheets = Read(path);
        Assert.Equal(["Inventaris", "GM0362", "GM0363"], sheets.Keys);
        var main = sheets["Inventaris"];
        // 40AA00 Zorg BV GGZ: Amstelveen 1 child (<5), 1.51; Amsterdam 5, 10.00; JZ Amsterdam 1 child with two beschikkingen (<5), 5.73.
        Assert.Contains(main, r => r.GetValueOrDefault("E") == "Zorg BV" && r.GetValueOrDefault("G") == "GM0362" && r["H"] == "<5" && r["I"] == "1.51");
        Assert.Contains(main, r => r.GetValueOrDefault("F") == "GGZ" && r.GetValueOrDefault("G") == "GM0363" && r["H"] == "5" && r["I"] == "10");
        Assert.Contains(main, r => r.GetValueOrDefault("F") == "JZ" && r.GetValueOrDefault("G") == "GM0363" && r["H"] == "<5" && r["I"] == "5.73");
        // Totals count the shown children only: 5; the hours all: 27.24.
        var total = main.Single(r => r.GetValueOrDefault("A") == "Totaal");
        Assert.Equal(("5", "27.24"), (total["H"], total["I"]));

        // No client id, no beschikking number anywhere in the workbook.
        var text = string.Join("\n", sheets.Values.SelectMany(s => s).SelectMany(r => r.Values));
        Assert.DoesNotContain("cl-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("B1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventaris_ForAScheme_AndAMunicipality_NarrowsTheLines()
    {
        await InventoryRegionAsync();
        // The scheme has 42CC00 only: one line, Amstelveen's child at Het Anker, 10.00 h (the WLZ one does not count).
        var (code, output, error) = await _workspace.RunAsync(_workspace.With("inventaris", "--year", "2026", "--scheme", "anker"));
        Assert.True(code == 0, error);
        Assert.Contains("Inventaris 2026: 1 regel(s), 1 locatie(s), 10,00 uur per week", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_workspace.Output, "inventaris", "anker", "inventaris-2026.xlsx")));

        // Amstelveen's residents at every school: 1.51 + 10.00 = 11.51 h on two lines.
        (code, output, error) = await _workspace.RunAsync(_workspace.With("inventaris", "--year", "2026", "--gemeente", "gm0362"));
        Assert.True(code == 0, error);
        Assert.Contains("Inventaris 2026: 2 regel(s), 2 locatie(s), 11,51 uur per week", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_workspace.Output, "inventaris", "alle-scholen-GM0362", "inventaris-2026.xlsx")));

        // A code that is not one is wrong usage; one not in the municipality list is refused.
        (code, _, error) = await _workspace.RunAsync(_workspace.With("inventaris", "--year", "2026", "--gemeente", "0362"));
        Assert.Equal((2, true), (code, error.Contains("--gemeente '0362' is not a municipality code", StringComparison.Ordinal)));
        (code, _, error) = await _workspace.RunAsync(_workspace.With("inventaris", "--year", "2026", "--gemeente", "GM9999"));
        Assert.Equal((1, true), (code, error.Contains("GM9999: not in the municipality list", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A fixed budget of € 100,000 in 2026 over 25GA00 (Groningen) and 26GB00 (Het Hogeland); participants Groningen and Het
    /// Hogeland, Aa en Hunze (GM1680) not.
    /// </summary>
    private async Task ComparisonRegionAsync()
    {
        _workspace.Write(Path.Combine("schemes", "saw.json"), """
            { "id": "saw", "name": "School als Wijk", "startYear": 2026, "schools": ["25GA00", "26GB00"], "participants": ["GM0014", "GM1966"],
              "pool": { "type": "fixed-budget", "amounts": { "2026": 100000.00 }, "hosts": { "by": "fte", "fte": { "25GA00": 1, "26GB00": 1 } } },
              "key": { "type": "pupils", "maskedCountValue": 2 },
              "flow": { "type": "cashier", "cashier": "GM0014", "nonParticipants": "gap" },
              "invoice": { "iban": "NL71BNGH0285000014", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        await ImportAsync(new Dictionary<string, string>
        {
            ["gemeenten"] = "gemeentecode;naam\nGM0014;Groningen\nGM1966;Het Hogeland\nGM1680;Aa en Hunze",
            ["scholen"] = """
                brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector
                25GA;00;Noorderpoort Stad;30001;Noorderpoort;GM0014;MBO
                26GB;00;Noorderpoort Hogeland;30001;Noorderpoort;GM1966;MBO
                """,
            ["leerlingen"] = """
                peildatum;brin;vestiging;woongemeente;aantal
                2025-10-01;25GA;00;GM0014;60
                2025-10-01;25GA;00;GM1966;20
                2025-10-01;25GA;00;GM1680;<5
                2025-10-01;26GB;00;GM1966;17
                """,
            ["beschikkingen"] = """
                beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum
                C1;k-1;GM0014;25GA;00;Zorg;JZ;JW;4;2026-01-01;
                C2;k-2;GM0014;25GA;00;Zorg;JZ;JW;4;2026-01-01;2026-06-30
                C3;k-2;GM0014;25GA;00;Zorg;JZ;JW;2;2026-04-01;2026-12-31
                C4;k-3;GM1966;26GB;00;Zorg;JZ;JW;4;2025-09-01;2026-03-31
                C5;k-4;GM1680;25GA;00;Zorg;JZ;JW;4;2026-07-01;
                C6;k-5;GM1966;25GA;00;Zorg;JZ;WLZ;4;2026-01-01;
                """,
        });
    }

    [Fact]
    public async Task Vergelijk_SplitsTheSamePoolByEachKeyToTheCent_AndStoresNothing()
    {
        await ComparisonRegionAsync();
        var before = File.GetLastWriteTimeUtc(_workspace.Database);
        var (code, output, error) = await _workspace.RunAsync(_workspace.With(
            "vergelijk", "--scheme", "saw", "--year", "2026", "--key", "children", "--key", "blend:pupils=0.5,children=0.5", "--phase-in", "2"));
        Assert.True(code == 0, error);
        Assert.Contains("pot € 100.000,00, nothing stored", output, StringComparison.Ordinal);

        var sheets = Read(Path.Combine(_workspace.Output, "saw", "vergelijk-2026.xlsx"));
        Assert.Equal(["Overzicht", "Alternatief 1", "Alternatief 2", "Ingroei 1", "Ingroei 2"], sheets.Keys);
        Dictionary<string, string> Row(string sheet, string first) => sheets[sheet].Single(r => r.GetValueOrDefault("A") == first);
        (string, string, string) Columns(Dictionary<string, string> row) => (row["C"], row["D"], row["E"]);

        // Current, pupils (a fixed budget is split as a whole, over participants and others alike, as the cashier does): 60, 20 + 17 = 37,
        // and <5 at 2 (the scheme's value) of 99. 10,000,000 × 60 / 99 = 6,060,606 r 6; × 37 / 99 = 3,737,373 r 73; × 2 / 99 = 202,020 r 20;
        // one cent left, to Het Hogeland (73): € 60,606.06, € 37,373.74, € 2,020.20.
        // Children: child-days in 2026. Groningen: k-1 365; k-2's two beschikkingen overlap, their union 1 Jan – 31 Dec is 365 (not 181 + 275):
        // 730. Het Hogeland: k-3 1 Jan – 31 Mar, 90 (the WLZ one does not count). Aa en Hunze: k-4 from 1 Jul, 184. Of 1,004:
        // 10,000,000 × 730 / 1,004 = 7,270,916 r 336; × 90 / 1,004 = 896,414 r 344; × 184 / 1,004 = 1,832,669 r 324; the cent to Het
        // Hogeland (344): € 72,709.16, € 8,964.15, € 18,326.69.
        // Blend ½ ½ over one denominator: ½ × pupils × 1,004 + ½ × days × 99: Groningen 30,120 + 36,135 = 66,255; Het Hogeland
        // 18,574 + 4,455 = 23,029; Aa en Hunze 1,004 + 9,108 = 10,112; of 99,396: 6,665,761 r 19,644; 2,316,894 r 3,976; 1,017,344 r 75,776;
        // the cent to Aa en Hunze: € 66,657.61, € 23,168.94, € 10,173.45.
        Assert.Equal(("60606.06", "72709.16", "66657.61"), Columns(Row("Overzicht", "GM0014")));
        Assert.Equal(("2020.2", "18326.69", "10173.45"), Columns(Row("Overzicht", "GM1680")));
        Assert.Equal(("37373.74", "8964.15", "23168.94"), Columns(Row("Overzicht", "GM1966")));
        Assert.Equal(("100000", "100000", "100000"), Columns(Row("Overzicht", "Totaal")));

        // Children in two years: year 1 weighs current + alternative (cents): 13,331,522 : 4,633,789 : 2,034,689 of 20,000,000, halves
        // 6,665,761, 2,316,894.5 and 1,017,344.5; the cent of the tie goes to the lowest code, Aa en Hunze: € 66,657.61, € 23,168.94,
        // € 10,173.45. Year 2 is the alternative.
        Assert.Equal(("60606.06", "66657.61", "72709.16"), Columns(Row("Ingroei 1", "GM0014")));
        Assert.Equal(("2020.2", "10173.45", "18326.69"), Columns(Row("Ingroei 1", "GM1680")));
        Assert.Equal(("100000", "100000", "100000"), Columns(Row("Ingroei 1", "Totaal")));
        // Alternative 1, Het Hogeland: € 8,964.15 − € 37,373.74 = −€ 28,409.59.
        Assert.Equal("-28409.59", Row("Alternatief 1", "GM1966")["G"]);

        Assert.Equal(before, File.GetLastWriteTimeUtc(_workspace.Database));
        var (_, history, _) = await _workspace.RunAsync("history", "--scheme", "saw", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.Contains("0 run(s)", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vergelijk_RefusesWhatItCannotCompare()
    {
        await ComparisonRegionAsync();
        _workspace.WriteScheme(2026);
        // A per-child pool: refused by name.
        var (code, _, error) = await _workspace.RunAsync(_workspace.With("vergelijk", "--scheme", Workspace.SchemeId, "--year", "2026", "--key", "pupils"));
        Assert.Equal(1, code);
        Assert.Contains("has a per-child pool in 2026; vergelijk compares keys over a drawing-rights or fixed-budget pool only", error, StringComparison.Ordinal);
        // A key that cannot be read, a phase-in out of range: wrong usage.
        (code, _, error) = await _workspace.RunAsync(_workspace.With("vergelijk", "--scheme", "saw", "--year", "2026", "--key", "blend:pupils=0.5,children=0.6"));
        Assert.Equal(2, code);
        Assert.Contains("the weights of a blend add up to 1, these add up to 1.1", error, StringComparison.Ordinal);
        (code, _, error) = await _workspace.RunAsync(_workspace.With("vergelijk", "--scheme", "saw", "--year", "2026", "--key", "pupils", "--phase-in", "9"));
        Assert.Equal(2, code);
        Assert.Contains("--phase-in '9' is not a number of years from 1 to 8", error, StringComparison.Ordinal);
        // --help names the verb's options.
        (code, var help, _) = await _workspace.RunAsync("vergelijk", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--phase-in", help, StringComparison.Ordinal);
        (code, help, _) = await _workspace.RunAsync("inventaris", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--gemeente", help, StringComparison.Ordinal);
    }

    /// <summary>Every sheet's cells by column letter (text, or the stored number or cached formula value as written).</summary>
    private static Dictionary<string, List<Dictionary<string, string>>> Read(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var result = new Dictionary<string, List<Dictionary<string, string>>>();
        foreach (var sheet in document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!.Value!);
            result[sheet.Name!.Value!] = part.Worksheet.Descendants<Row>()
                .Select(r => r.Elements<Cell>().ToDictionary(
                    c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()),
                    c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? ""))
                .ToList();
        }
        return result;
    }
}
