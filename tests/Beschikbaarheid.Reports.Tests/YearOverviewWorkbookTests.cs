using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Reports.Funder;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Beschikbaarheid.Reports.Tests;

/// <summary>The year overview of a funder scheme (WIsH): valid Open XML, and its totals, evaluated by LibreOffice, as worked out by hand.</summary>
public sealed class YearOverviewWorkbookTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-overview-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// 's-Hertogenbosch funds € 80,000.01 in 2026: € 60,000.01 at St. Maarten (30 pupils), € 20,000.00 at Meander (10).
    /// In kind: board 41234 120 h × € 55.00 = € 6,600.00; board 41235 12.5 h × € 55.55 = € 694.375 → € 694.38.
    /// </summary>
    internal static YearOverview Overview() => new(
        "wish", "WIsH 's-Hertogenbosch", 2026, MunicipalityCode.Parse("GM0796"), "Gemeente 's-Hertogenbosch", 6, new DateOnly(2025, 10, 1), false,
        [
            new OverviewLocation(SampleSettlement.StMaarten, "St. Maartenschool", "41234", 30, new Money(6_000_001)),
            new OverviewLocation(SampleSettlement.Meander, "Meander", "41235", 10, new Money(2_000_000)),
        ],
        [
            new OverviewInKind("41234", "Stichting SO Nijmegen", 120m, 55.00m, new Money(660_000)),
            new OverviewInKind("41235", "Stichting Meander", 12.5m, 55.55m, new Money(69_438)),
        ]);

    private string Write()
    {
        var path = Path.Combine(_folder, "jaaroverzicht-2026.xlsx");
        YearOverviewWorkbook.Write(Overview(), path);
        return path;
    }

    [Fact]
    public void YearOverview_IsValid_OneSheet()
    {
        using var document = SpreadsheetDocument.Open(Write(), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Equal(["Jaaroverzicht"], document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
    }

    [Fact]
    public void YearOverview_OpenedInLibreOffice_EvaluatesItsTotals()
    {
        var soffice = InventoryAndComparisonWorkbookTests.Soffice();
        var rows = InventoryAndComparisonWorkbookTests.Convert(soffice, Write(), _folder)["Jaaroverzicht"];
        var totals = rows.Where(r => r[0] == "Totaal").ToList();
        // Locations: 30 + 10 = 40 pupils; € 60,000.01 + € 20,000.00 = € 80,000.01.
        Assert.Equal(("40", "€ 80,000.01"), (totals[0][3], totals[0][4]));
        // In kind: ROUND(12.5 × 55.55, 2) = 694.38; hours 120 + 12.5 = 132.50; value 6,600.00 + 694.38 = 7,294.38.
        Assert.Equal("€ 694.38", rows.Single(r => r[0] == "41235")[4]);
        Assert.Equal(("132.50", "€ 7,294.38"), (totals[1][2], totals[1][4]));
        // Together: 80,000.01 + 7,294.38 = 87,294.39.
        Assert.Equal("€ 87,294.39", rows.Single(r => r[0] == "Totale inzet")[4]);
        Assert.Contains(rows, r => r[0].Contains("leerjaar 6", StringComparison.Ordinal));
    }
}
