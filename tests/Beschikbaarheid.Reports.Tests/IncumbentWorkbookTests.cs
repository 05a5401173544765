using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Reports.Incumbent;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Beschikbaarheid.Reports.Tests;

/// <summary>
/// The bench's incumbent, the finance officer's formula workbook: valid Open XML without a single stored result, and
/// its totals, as LibreOffice computes them on load, as worked out by hand.
/// </summary>
public sealed class IncumbentWorkbookTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-incumbent-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly MunicipalityCode Nijmegen = MunicipalityCode.Parse("GM0268");
    private static readonly MunicipalityCode Beuningen = MunicipalityCode.Parse("GM0209");
    private static readonly MunicipalityCode Amsterdam = MunicipalityCode.Parse("GM0363");

    private static SchoolLocationId Location(string id) => SchoolLocationId.TryParse(id, out var location) ? location : throw new FormatException(id);

    /// <summary>5.5 h × € 62.50 × 40 weeks = € 13,750.00 a child a year; St. Maarten and Meander, Nijmegen and Beuningen.</summary>
    private static readonly SchemeTerms Terms = new(
        new HashSet<SchoolLocationId> { Location("30AB00"), Location("31CD00") },
        new HashSet<MunicipalityCode> { Nijmegen, Beuningen },
        new PerChildPool(12m, 5.5m, 62.50m, 40),
        new ChildrenKey(),
        new LeadFlow(Nijmegen),
        new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw"));

    private static Beschikking Row(string number, MunicipalityCode residence, string school, decimal hours, DateOnly start, DateOnly? end, Law law = Law.JW) =>
        new(number, "cl-" + number, residence, Location(school), "Aanbieder", "JZ", law, hours, new ActivePeriod(start, end));

    /// <summary>May 2026: 31 days, in a year of 365.</summary>
    private static readonly Beschikking[] Region =
    [
        Row("B1", Nijmegen, "30AB00", 8, new(2026, 5, 11), null),               // in the pool, 11–31 May open-ended: 21 days
        Row("B2", Nijmegen, "31CD00", 4, new(2025, 1, 1), new(2026, 5, 20)),   // in the pool, 1–20 May: 20 days
        Row("B3", Beuningen, "30AB00", 12, new(2026, 1, 1), null),             // 12 h is the threshold itself: not in the pool (31 days)
        Row("B4", Beuningen, "30AB00", 4, new(2026, 1, 1), null, Law.WLZ),     // WLZ: not in the pool
        Row("B5", Beuningen, "31CD00", 6, new(2026, 4, 1), new(2026, 5, 1)),   // in the pool, 1 May only: 1 day
        Row("B6", Beuningen, "40ZZ00", 4, new(2026, 1, 1), null),              // not a scheme school
        Row("B7", Amsterdam, "30AB00", 4, new(2026, 1, 1), null),              // not a participant
        Row("B8", Nijmegen, "30AB00", 4, new(2026, 6, 10), null),              // in the pool, starts after May: 0 days, not −9
    ];

    private (string Path, int DebtorSheet) Write()
    {
        var path = Path.Combine(_folder, "incumbent.xlsx");
        return (path, IncumbentWorkbook.Write(path, Terms, new YearMonth(2026, 5), Region));
    }

    [Fact]
    public void IncumbentWorkbook_IsValid_AndStoresNoResult()
    {
        var (path, debtorSheet) = Write();
        using var document = SpreadsheetDocument.Open(path, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Equal(["Regeling", "Scholen", "Beschikkingen", "Debiteuren"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        Assert.Equal(4, debtorSheet);
        var formulas = document.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).Where(c => c.CellFormula is not null).ToList();
        // 3 on Regeling, 3 on each of the 8 rows, 2 on each of the 2 debtors and 2 totals.
        Assert.Equal(3 + 3 * 8 + 2 * 2 + 2, formulas.Count);
        Assert.All(formulas, c => Assert.Null(c.CellValue));
    }

    [Fact]
    public void IncumbentWorkbook_RecalculatedByLibreOffice_GivesEachDebtorsTotal()
    {
        var soffice = InventoryAndComparisonWorkbookTests.Soffice();
        var sheets = InventoryAndComparisonWorkbookTests.Convert(soffice, Write().Path, _folder);

        // Per row: in the pool (K) and days in May (L), as in the comments on Region.
        var rows = sheets["Beschikkingen"].Where(r => r[0].StartsWith('B') && r[0].Length == 2).ToList();
        Assert.Equal(["1", "1", "0", "0", "1", "0", "0", "1"], rows.Select(r => r[10]));
        Assert.Equal(["21", "20", "31", "31", "1", "31", "31", "0"], rows.Select(r => r[11]));
        // Nijmegen: 21 + 20 = 41 child-days, € 13,750 × 41 / 365 = € 1,544.5205… → € 1,544.52 (B1 € 791.0959 + B2 € 753.4247).
        // Beuningen: 1 child-day (B5; B3's 31 days are not in the pool), € 13,750 / 365 = € 37.6712… → € 37.67.
        var debtors = sheets["Debiteuren"];
        Assert.Equal(["41", "€ 1,544.52"], debtors.Single(r => r[0] == "GM0268")[1..3]);
        Assert.Equal(["1", "€ 37.67"], debtors.Single(r => r[0] == "GM0209")[1..3]);
        Assert.Equal(["42", "€ 1,582.19"], debtors.Single(r => r[0] == "Totaal")[1..3]);
    }
}
