using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// A WIsH-like scheme whose pupils file gives grades (<c>leerjaar</c>): the key splits the budget by the sum over grades, as by
/// the same counts without grades; the year overview counts the grade its <c>reach</c> names.
/// </summary>
public sealed class FunderReachTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>€ 12,000.06 in 2026, reaching grade 6.</summary>
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

    private async Task ImportAsync(string kind, string file, string content)
    {
        _workspace.Write(file, content);
        var result = await _workspace.RunAsync("import", kind, Path.Combine(_workspace.Folder, file), "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    private async Task ImportRegistryAsync()
    {
        await ImportAsync("gemeenten", "gemeenten.csv", "gemeentecode;naam;iban\nGM0796;'s-Hertogenbosch;\nGM0865;Vught;");
        await ImportAsync("scholen", "scholen.csv",
            "brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector\n06AA;00;De Eik;41001;Stichting Eik;GM0796;PO\n06AB;00;De Linde;41002;Stichting Linde;GM0796;PO");
    }

    private async Task<(string Out, List<Cell> Cells, string Reach)> YearOverviewAsync()
    {
        var overview = await _workspace.RunAsync("jaaroverzicht", "--scheme", "wish", "--year", "2026", "--db", _workspace.Database, "--schemes", _workspace.Schemes, "--out", _workspace.Output);
        Assert.True(overview.ExitCode == 0, overview.Error);
        using var document = SpreadsheetDocument.Open(Path.Combine(_workspace.Output, "wish", "jaaroverzicht-2026.xlsx"), false);
        var part = document.WorkbookPart!;
        var strings = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var cells = part.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        var texts = cells.Select(c => c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)] : c.InnerText);
        return (overview.Out, cells, texts.Single(t => t.StartsWith("Bereik:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CountsPerGrade_KeyTheBudgetByTheirSum_AndTheYearOverviewReachesGrade6()
    {
        WriteScheme();
        await ImportRegistryAsync();
        // De Eik: 's-Hertogenbosch 8 + 7 + 5 = 20, Vught 6 + 4 = 10, together 30; De Linde: 's-Hertogenbosch 5 + 5 = 10.
        // The same pupils as FunderTests' file without grades (20, 10 and 10).
        await ImportAsync("leerlingen", "leerlingen.csv", """
            peildatum;brin;vestiging;woongemeente;leerjaar;aantal
            2025-10-01;06AA;00;GM0796;5;8
            2025-10-01;06AA;00;GM0796;6;7
            2025-10-01;06AA;00;GM0796;7;5
            2025-10-01;06AA;00;GM0865;6;6
            2025-10-01;06AA;00;GM0865;8;4
            2025-10-01;06AB;00;GM0796;4;5
            2025-10-01;06AB;00;GM0796;6;5
            """);
        var settle = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "wish", "--period", "2026-01", "--invoice-date", "2026-02-02"));
        Assert.True(settle.ExitCode == 0, settle.Error);
        // 1,200,006 cents by 30 : 10 pupils: 900,004.5 and 300,001.5; the cent left to the tie's lowest key: 06AA00 900,005,
        // 06AB00 300,001. January: ⌊900,005 / 12⌋ = ⌊75,000.42⌋ = 75,000 (€ 750.00) and ⌊300,001 / 12⌋ = 25,000 (€ 250.00).
        Assert.Equal(
        [
            "factuurnummer;soort;regeling;periode;uitgever;debiteur;brin;vestiging;grondslag;bedrag",
            ";voorschot;wish;2026-01;GM0796;GM0796;06AA;00;30;750.00",
            ";voorschot;wish;2026-01;GM0796;GM0796;06AB;00;10;250.00",
        ], File.ReadAllLines(Path.Combine(_workspace.Output, "wish", "2026-01", "boekingen.csv")));

        var (output, cells, reach) = await YearOverviewAsync();
        // Grade 6: De Eik 7 ('s-Hertogenbosch) + 6 (Vught) = 13, De Linde 5; together 18.
        Assert.Contains("kosten financier € 1.000,00, in natura € 6.600,00 (1 bestuur/besturen), 18 leerling(en)", output, StringComparison.Ordinal);
        Assert.Equal(["13", "5"], cells.Where(c => c.CellReference?.Value is "D8" or "D9").Select(c => c.CellValue!.Text));
        Assert.Contains(cells, c => c.CellFormula?.Text == "SUM(D8:D9)" && c.CellValue?.Text == "18");
        Assert.StartsWith("Bereik: de leerlingen van leerjaar 6 per locatie op de peildatum 1 oktober 2025.", reach, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALocationWithoutGrades_CountsAllItsPupils_AndTheYearOverviewNamesIt()
    {
        WriteScheme();
        await ImportRegistryAsync();
        await ImportAsync("leerlingen", "leerlingen.csv", "peildatum;brin;vestiging;woongemeente;aantal\n2025-10-01;06AB;00;GM0796;10");
        await ImportAsync("leerlingen", "leerlingen-eik.csv", """
            peildatum;brin;vestiging;woongemeente;leerjaar;aantal
            2025-10-01;06AA;00;GM0796;6;7
            2025-10-01;06AA;00;GM0865;6;<5
            2025-10-01;06AA;00;GM0865;7;9
            """);

        var (output, cells, reach) = await YearOverviewAsync();
        // De Eik grade 6: 7 + a masked count at the key's 2.5 = 9.5; De Linde has no grades: all its 10. Together 19.5, which the
        // command prints as a whole number, 20; the cells keep 9.5 and 19.5.
        Assert.Contains(", 20 leerling(en)", output, StringComparison.Ordinal);
        Assert.Equal(["9.5", "10"], cells.Where(c => c.CellReference?.Value is "D8" or "D9").Select(c => c.CellValue!.Text));
        Assert.Contains(cells, c => c.CellFormula?.Text == "SUM(D8:D9)" && c.CellValue?.Text == "19.5");
        Assert.Equal(
            "Bereik: de leerlingen van leerjaar 6 per locatie op de peildatum 1 oktober 2025; voor 06AB00 kent het leerlingenbestand geen leerjaar, "
            + "dus daar alle leerlingen. Een aantal dat DUO als <5 maskeert, telt met de waarde van de regeling.", reach);
    }
}
