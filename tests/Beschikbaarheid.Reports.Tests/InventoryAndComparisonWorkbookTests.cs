using System.Diagnostics;
using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Inventory;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.WhatIf;
using Beschikbaarheid.Reports.Inventory;
using Beschikbaarheid.Reports.WhatIf;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Beschikbaarheid.Reports.Tests;

/// <summary>
/// The inventory and the what-if workbooks: valid Open XML, no child id in them, and opened in LibreOffice headless
/// (formulas recalculated on load) their totals evaluate to the hand-worked figures. Skipped without LibreOffice, failed in CI.
/// </summary>
public sealed class InventoryAndComparisonWorkbookTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-inv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly MunicipalityCode Groningen = MunicipalityCode.Parse("GM0014");
    private static readonly MunicipalityCode AaEnHunze = MunicipalityCode.Parse("GM1680");
    private static readonly MunicipalityCode HetHogeland = MunicipalityCode.Parse("GM1966");

    /// <summary>Four lines at St. Maarten (30AB00) and Meander (31CD00); a provider name with SUMIF's wildcards * and ?.</summary>
    internal static InventoryReport Inventory()
    {
        var sample = SampleSettlement.Create();
        return new InventoryReport(2026, "alle scholen, alle woongemeenten",
            [
                new InventoryLine(SampleSettlement.StMaarten, "Zorg BV", "GGZ", SampleSettlement.Beuningen, 1, 1.51m),
                new InventoryLine(SampleSettlement.StMaarten, "Zorg BV", "GGZ", SampleSettlement.Nijmegen, 5, 10.00m),
                new InventoryLine(SampleSettlement.StMaarten, "Zorg BV", "JZ", SampleSettlement.Nijmegen, 1, 5.73m),
                new InventoryLine(SampleSettlement.Meander, "Anker * Zorg?", "JZ", SampleSettlement.Beuningen, 7, 10.00m),
            ],
            sample.Schools, sample.Municipalities);
    }

    /// <summary>
    /// € 100,000 split by pupils (Groningen 60, Het Hogeland 37, Aa en Hunze 2 of 99) and by child-days (730, 90, 184 of 1,004),
    /// as worked out in the CLI test (Worker.Tests VergelijkTests), with a phase-in over two years.
    /// </summary>
    internal static KeyComparisonReport Comparison()
    {
        var pupils = new Dictionary<MunicipalityCode, Money> { [Groningen] = new(6_060_606), [HetHogeland] = new(3_737_374), [AaEnHunze] = new(202_020) };
        var children = new Dictionary<MunicipalityCode, Money> { [Groningen] = new(7_270_916), [HetHogeland] = new(896_415), [AaEnHunze] = new(1_832_669) };
        var alternative = new KeyColumn("kinderen", new ChildrenKey(), children);
        var year1 = new Dictionary<MunicipalityCode, Money> { [Groningen] = new(6_665_761), [HetHogeland] = new(2_316_894), [AaEnHunze] = new(1_017_345) };
        var result = new KeyComparisonResult(Money.FromEuros(100_000m), new KeyColumn("leerlingen", new PupilsKey(2m), pupils), [alternative],
            [new PhaseIn(alternative, [year1, children])]);
        return new KeyComparisonReport("groningen-saw", "School als Wijk", 2026, "vast budget 2026, als geheel verdeeld", result,
            new HashSet<MunicipalityCode> { Groningen, HetHogeland },
            new Dictionary<MunicipalityCode, Municipality> { [Groningen] = new(Groningen, "Groningen"), [HetHogeland] = new(HetHogeland, "Het Hogeland") });
    }

    [Fact]
    public void InventoryWorkbook_IsValid_AndCarriesNoChildId()
    {
        var path = Path.Combine(_folder, "inventaris-2026.xlsx");
        InventoryWorkbook.Write(Inventory(), path);
        using var document = SpreadsheetDocument.Open(path, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Equal(["Inventaris", "GM0209", "GM0268"], document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
    }

    [Fact]
    public void ComparisonWorkbook_IsValid()
    {
        var path = Path.Combine(_folder, "vergelijk-2026.xlsx");
        KeyComparisonWorkbook.Write(Comparison(), path);
        using var document = SpreadsheetDocument.Open(path, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Equal(["Overzicht", "Alternatief 1", "Ingroei 1"], document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
    }

    [Fact]
    public void InventoryWorkbook_OpenedInLibreOffice_EvaluatesTotalsOfTheShownFiguresOnly()
    {
        var soffice = Soffice();
        var path = Path.Combine(_folder, "inventaris-2026.xlsx");
        InventoryWorkbook.Write(Inventory(), path);
        var sheets = Convert(soffice, path);
        var rows = sheets["Inventaris"];

        // The two lines of one child read <5 and add nothing: children 5 + 7 = 12; hours 1.51 + 10.00 + 5.73 + 10.00 = 27.24.
        Assert.Equal(2, rows.Count(r => r.Length > 7 && r[7] == "<5"));
        var total = rows.Single(r => r[0] == "Totaal");
        Assert.Equal(("12", "27.24"), (total[7], total[8]));
        // Per location (SUMIF on the code): 30AB00 5 children (1 and 1 masked), 1.51 + 10.00 + 5.73 = 17.24 h; 31CD00 7, 10.00.
        (string, string) Of(string[] r) => (r[7], r[8]);
        Assert.Equal(("5", "17.24"), Of(rows.Single(r => r[0] == "30AB00" && r[4] == "")));
        Assert.Equal(("7", "10.00"), Of(rows.Single(r => r[0] == "31CD00" && r[4] == "")));
        // Per provider: the * and ? in the name are matched as themselves, not as wildcards.
        Assert.Equal(("7", "10.00"), Of(rows.Single(r => r[0] == "" && r[4] == "Anker * Zorg?")));
        Assert.Equal(("5", "17.24"), Of(rows.Single(r => r[0] == "" && r[4] == "Zorg BV")));
        // Per municipality of residence: Beuningen 7 (1 masked), 1.51 + 10.00 = 11.51; Nijmegen 5, 10.00 + 5.73 = 15.73.
        Assert.Equal(("7", "11.51"), Of(rows.Single(r => r[0] == "" && r[6] == "GM0209")));
        Assert.Equal(("5", "15.73"), Of(rows.Single(r => r[0] == "" && r[6] == "GM0268")));
        // The sheet of Nijmegen's residents: its two lines, 5 shown, 15.73 h.
        Assert.Equal(("5", "15.73"), Of(sheets["GM0268"].Single(r => r[0] == "Totaal")));
    }

    [Fact]
    public void ComparisonWorkbook_OpenedInLibreOffice_EvaluatesEveryColumnToThePool()
    {
        var soffice = Soffice();
        var path = Path.Combine(_folder, "vergelijk-2026.xlsx");
        KeyComparisonWorkbook.Write(Comparison(), path);
        var sheets = Convert(soffice, path);

        Assert.Equal(["€ 100,000.00", "€ 100,000.00"], sheets["Overzicht"].Single(r => r[0] == "Totaal")[2..4]);
        var alternative = sheets["Alternatief 1"];
        // Groningen: € 60,606.06 (60.61%) → € 72,709.16 (72.71%), € 12,103.10 more; shares add up to 100%, differences to 0.
        Assert.Equal(["€ 60,606.06", "60.61%", "€ 72,709.16", "72.71%", "€ 12,103.10"], alternative.Single(r => r[0] == "GM0014")[2..7]);
        Assert.Equal(["€ 100,000.00", "100.00%", "€ 100,000.00", "100.00%", "€ 0.00"], alternative.Single(r => r[0] == "Totaal")[2..7]);
        // Het Hogeland € 37,373.74 → € 8,964.15: € 28,409.59 less.
        Assert.Equal("€ -28,409.59", alternative.Single(r => r[0] == "GM1966")[6]);
        var phaseIn = sheets["Ingroei 1"];
        Assert.Equal(["€ 100,000.00", "€ 100,000.00", "€ 100,000.00"], phaseIn.Single(r => r[0] == "Totaal")[2..5]);
        Assert.Equal(["€ 60,606.06", "€ 66,657.61", "€ 72,709.16"], phaseIn.Single(r => r[0] == "GM0014")[2..5]);
    }

    private static readonly string[] SofficeLocations = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"];

    internal static string Soffice()
    {
        var soffice = SofficeLocations.FirstOrDefault(File.Exists);
        Beschikbaarheid.Tests.Prerequisite.Require(soffice is null, "LibreOffice (soffice) is not installed; install libreoffice-calc-nogui to run this check.");
        return soffice!;
    }

    /// <summary>Every sheet as LibreOffice shows it (en-US), recalculated on load: sheet name → rows of cells.</summary>
    private Dictionary<string, List<string[]>> Convert(string soffice, string workbook) => Convert(soffice, workbook, _folder);

    /// <inheritdoc cref="Convert(string, string)"/>
    internal static Dictionary<string, List<string[]>> Convert(string soffice, string workbook, string folder)
    {
        var profile = Path.Combine(folder, "profile");
        Directory.CreateDirectory(Path.Combine(profile, "user"));
        File.WriteAllText(Path.Combine(profile, "user", "registrymodifications.xcu"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
            </oor:items>
            """);
        var output = Path.Combine(folder, "csv-" + Path.GetFileNameWithoutExtension(workbook));
        var start = new ProcessStartInfo(soffice)
        {
            ArgumentList =
            {
                $"-env:UserInstallation=file://{profile}", "--headless",
                // ; separated, UTF-8, cells as shown; the 12th token -1: every sheet, each to <name>-<sheet>.csv.
                "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1", "--outdir", output, workbook,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "LibreOffice did not finish converting within 2 minutes.");
        var prefix = Path.GetFileNameWithoutExtension(workbook) + "-";
        var files = Directory.Exists(output) ? Directory.GetFiles(output, "*.csv") : [];
        Assert.True(files.Length > 0, $"LibreOffice wrote no CSV: {process.StandardError.ReadToEnd()}");
        return files.ToDictionary(
            f => Path.GetFileNameWithoutExtension(f)[prefix.Length..],
            f => File.ReadAllText(f).ReplaceLineEndings("\n").Split('\n').Select(l => l.Split(';')).Select(r => r.Length >= 16 ? r : [.. r, .. Enumerable.Repeat("", 16 - r.Length)]).ToList());
    }
}
