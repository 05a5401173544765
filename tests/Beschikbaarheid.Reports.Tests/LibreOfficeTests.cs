using System.Diagnostics;
using System.Globalization;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Reports.DrawingRights;
using Beschikbaarheid.Reports.Settlement;

namespace Beschikbaarheid.Reports.Tests;

/// <summary>
/// Opens a written invoice in LibreOffice, headless, as a user would, with formulas recalculated on load
/// (so the total shown is LibreOffice's own evaluation of the live formula, not our cached value).
/// Skipped, with the reason, where LibreOffice is not installed; failed instead in CI (CI=true), where .ci/run installs it.
/// </summary>
public sealed class LibreOfficeTests : IDisposable
{
    private static readonly string[] Locations = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"];
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-lo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The installed soffice; without one the test is skipped, or fails in CI (.ci/run installs it).</summary>
    private static string Soffice()
    {
        var soffice = Locations.FirstOrDefault(File.Exists);
        Beschikbaarheid.Tests.Prerequisite.Require(soffice is null, "LibreOffice (soffice) is not installed; install libreoffice-calc-nogui to run this check.");
        return soffice!;
    }

    [Fact]
    public void Invoice_OpenedInLibreOffice_ShowsDutchLabelsEuroAmountsAndATotalEqualToTheJournal()
    {
        var soffice = Soffice();

        var settlement = SampleSettlement.Create();
        var files = SettlementReports.WriteAll(settlement, _folder, SampleSettlement.Zone);
        var invoice = files.Single(f => f.EndsWith("factuur-GM0268-2026-00001.xlsx", StringComparison.Ordinal));
        var shown = Convert(soffice, invoice);

        var rows = shown.Split('\n').Select(l => l.Split(';')).ToList();
        Assert.Contains(rows, r => r[0] == "Factuur");
        Assert.Contains(rows, r => r[0] == "Factuurnummer" && r[2] == "GM0268-2026-00001");
        var total = rows.Single(r => r[0] == "Totaal")[4];
        Assert.Contains("€", total, StringComparison.Ordinal);

        var journal = File.ReadAllLines(files.Single(f => f.EndsWith("boekingen.csv", StringComparison.Ordinal))).Skip(1)
            .Select(l => l.Split(';')).Where(f => f[0] == "GM0268-2026-00001")
            .Sum(f => decimal.Parse(f[9], CultureInfo.InvariantCulture));
        // Journal lines 1582.19 + 188.36 = 1770.55; LibreOffice (en-US) shows "€ 1,770.55".
        Assert.Equal(1770.55m, journal);
        Assert.Equal(journal, decimal.Parse(total.Replace("€", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.GetCultureInfo("en-US")));
    }

    [Fact]
    public void CashierStatement_OpenedInLibreOffice_EvaluatesABalanceOfZero()
    {
        var soffice = Soffice();
        var files = SettlementReports.WriteAll(CashierStatementWorkbookTests.WithStatement(), _folder, SampleSettlement.Zone);
        var rows = Convert(soffice, files.Single(f => Path.GetFileName(f).StartsWith("kasstaat-", StringComparison.Ordinal)))
            .Split('\n').Select(l => l.Split(';')).ToList();
        // LibreOffice computes the formulas itself: 550 + 350 collected, 83.33 covered, 983.33 paid out, balance 0; 100 − 83.33 = 16.67 uncovered.
        Assert.Equal("€ 983.33", rows.Single(r => r[0] == "Totaal uitbetaald")[4]);
        Assert.Equal("€ 16.67", rows.Single(r => r[0] == "Ongedekt")[4]);
        Assert.Equal("€ 0.00", rows.Single(r => r[0] == "Saldo kassier")[4]);
    }

    [Fact]
    public void CashierStatementWithAFunder_OpenedInLibreOffice_EvaluatesTheFundersInTheTotals()
    {
        var soffice = Soffice();
        var files = SettlementReports.WriteAll(CashierStatementWorkbookTests.WithFunder(), _folder, SampleSettlement.Zone);
        var rows = Convert(soffice, files.Single(f => Path.GetFileName(f).StartsWith("kasstaat-", StringComparison.Ordinal)))
            .Split('\n').Select(l => l.Split(';')).ToList();
        // 550 + 350 from the municipalities and 25 from the SWV: 925 collected; + 83.33 covered − 1,008.33 paid out = 0.
        Assert.Equal("€ 900.00", rows.Single(r => r[0] == "Totaal gemeenten")[4]);
        Assert.Equal("€ 25.00", rows.Single(r => r[0] == "Totaal financiers")[4]);
        Assert.Equal("€ 925.00", rows.Single(r => r[0] == "Totaal gefactureerd")[4]);
        Assert.Equal("€ 1,008.33", rows.Single(r => r[0] == "Totaal uitbetaald")[4]);
        Assert.Equal("€ 0.00", rows.Single(r => r[0] == "Saldo kassier")[4]);
    }

    [Fact]
    public void BoardWorkbook_OpenedInLibreOffice_EvaluatesItsTotals()
    {
        var soffice = Soffice();
        var a = SampleSettlement.StMaarten;
        var b = SampleSettlement.Meander;
        var cost = Core.Arithmetic.Money.FromEuros(80_000m);
        DrawingRight Right(Core.Registry.SchoolLocationId school, decimal fte) =>
            new(school, "JZ", 0, 0, null, null, false, 1, 1, false, 1, fte, DrawingRightsCalculator.Budget(fte, cost));
        var path = Path.Combine(_folder, "bestuur.xlsx");
        BoardWorkbook.Write(new BoardDrawingRights("41234", "Stichting SO Nijmegen", "s", "Regeling", 2026,
            [Right(a, 0.34m), Right(b, 2.00m)], [new Transfer(2026, "41234", "JZ", a, b, 0.14m)],
            new Dictionary<string, Core.Arithmetic.Money> { ["JZ"] = cost }, SampleSettlement.Create().Schools,
            [new Core.Periods.YearMonth(2026, 1)], new Dictionary<(Core.Registry.SchoolLocationId, Core.Periods.YearMonth), int>()), path);
        var total = Convert(soffice, path).Split('\n').Select(l => l.Split(';')).First(r => r[0] == "Totaal");
        // FTE 0.34 + 2.00 = 2.34; budget € 27,200 + € 160,000 = € 187,200; after the transfer still 2.34 FTE.
        Assert.Equal(("2.34", "2.34"), (total[11], total[14]));
        Assert.Equal(187_200m, decimal.Parse(total[12].Replace("€", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.GetCultureInfo("en-US")));
    }

    [Fact]
    public void BalanceWorkbook_OpenedInLibreOffice_EvaluatesDifferencesThatNetToZero()
    {
        var soffice = Soffice();
        var utrecht = Core.Registry.MunicipalityCode.Parse("GM0344");
        var zeist = Core.Registry.MunicipalityCode.Parse("GM0355");
        // Utrecht hosts € 160,000 and uses € 170,000 (−10,000); Zeist hosts € 160,000 and uses € 150,000 (+10,000).
        var path = Path.Combine(_folder, "balans.xlsx");
        BalanceWorkbook.Write(new BalanceStatement("u", "Proeftuin", 2026, 10m,
            [
                new Core.Settlement.BalanceRow(utrecht, Core.Arithmetic.Money.FromEuros(160_000m), Core.Arithmetic.Money.FromEuros(170_000m), Core.Arithmetic.Money.FromEuros(-10_000m), -6.25m, false),
                new Core.Settlement.BalanceRow(zeist, Core.Arithmetic.Money.FromEuros(160_000m), Core.Arithmetic.Money.FromEuros(150_000m), Core.Arithmetic.Money.FromEuros(10_000m), 6.25m, false),
            ],
            new Dictionary<Core.Registry.MunicipalityCode, Core.Registry.Municipality>()), path);
        var rows = Convert(soffice, path).Split('\n').Select(l => l.Split(';')).ToList();
        static decimal Euros(string shown) => decimal.Parse(shown.Replace("€", "", StringComparison.Ordinal).Trim(), NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.GetCultureInfo("en-US"));
        Assert.Equal(-10_000m, Euros(rows.Single(r => r[0] == "GM0344")[4]));
        Assert.Equal(0m, Euros(rows.Single(r => r[0] == "Totaal")[4]));
    }

    private string Convert(string soffice, string workbook)
    {
        var profile = Path.Combine(_folder, "profile");
        Directory.CreateDirectory(Path.Combine(profile, "user"));
        // OOXMLRecalcMode 0: always recalculate formulas when loading an xlsx.
        File.WriteAllText(Path.Combine(profile, "user", "registrymodifications.xcu"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
            </oor:items>
            """);
        var output = Path.Combine(_folder, "csv");
        var start = new ProcessStartInfo(soffice)
        {
            ArgumentList =
            {
                $"-env:UserInstallation=file://{profile}", "--headless",
                // ; separated, UTF-8, cells as shown (formatted).
                "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true", "--outdir", output, workbook,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "LibreOffice did not finish converting within 2 minutes.");
        var csv = Path.Combine(output, Path.GetFileNameWithoutExtension(workbook) + ".csv");
        Assert.True(File.Exists(csv), $"LibreOffice wrote no CSV: {process.StandardError.ReadToEnd()}");
        return File.ReadAllText(csv).ReplaceLineEndings("\n");
    }
}
