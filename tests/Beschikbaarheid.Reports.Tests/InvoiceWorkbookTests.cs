using System.Globalization;
using Beschikbaarheid.Reports.Settlement;

namespace Beschikbaarheid.Reports.Tests;

public sealed class InvoiceWorkbookTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-reports-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteBeuningen()
    {
        var settlement = SampleSettlement.Create();
        var path = Path.Combine(_folder, "factuur.xlsx");
        InvoiceWorkbook.Write(settlement, settlement.Invoices[0], path);
        return path;
    }

    [Fact]
    public void Invoice_PassesTheOpenXmlValidator()
    {
        using var workbook = new WorkbookReader(WriteBeuningen());
        Assert.Empty(workbook.ValidationErrors());
    }

    [Fact]
    public void Invoice_TotalIsALiveSumOfItsLines_ReadBack()
    {
        using var workbook = new WorkbookReader(WriteBeuningen());
        var cells = workbook.Cells("Factuur");
        var total = cells.Single(c => c.CellFormula?.Text.StartsWith("SUM(E", StringComparison.Ordinal) == true);
        var lines = cells.Where(c => c.CellReference!.Value!.StartsWith('E') && c.CellFormula is null && workbook.FormatCode(c).Contains('€', StringComparison.Ordinal)).ToList();
        // Lines € 1,582.19 and € 188.36; total € 1,770.55.
        Assert.Equal([1582.19m, 188.36m], lines.Select(c => decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)));
        Assert.Equal(1770.55m, decimal.Parse(total.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal($"SUM({lines[0].CellReference}:{lines[^1].CellReference})", total.CellFormula!.Text);
    }

    [Fact]
    public void Invoice_CarriesTheDutchInvoiceParts()
    {
        using var workbook = new WorkbookReader(WriteBeuningen());
        var texts = workbook.Cells("Factuur").Select(WorkbookReader.Text).ToList();
        foreach (var expected in new[]
        {
            "Factuur", "Factuurnummer", "GM0268-2026-00001", "Factuurdatum", "Vervaldatum", "Periode", "maart 2026", "Regeling",
            "Gemeente Nijmegen (GM0268)", "Korte Nieuwstraat 6", "6511 PP  Nijmegen", "Gemeente Beuningen (GM0209)",
            "Geen btw: kostendeling tussen gemeenten", "Betalen vóór", "IBAN", "NL12BANK0123456789", "Ten name van", "Gemeente Nijmegen",
            "Betalingskenmerk", "Vermeld bij betaling het factuurnummer als betalingskenmerk.",
        })
        {
            Assert.Contains(expected, texts);
        }
        // The payment reference is the invoice number: it appears twice, as number and as reference.
        Assert.Equal(2, texts.Count(t => t == "GM0268-2026-00001"));
    }

    [Fact]
    public void Invoice_AmountsAreNumbersInAEuroFormat_DatesInADateFormat()
    {
        using var workbook = new WorkbookReader(WriteBeuningen());
        var cells = workbook.Cells("Factuur");
        var amount = cells.Single(c => c.CellValue?.Text == "1582.19");
        Assert.Null(amount.DataType); // a number, not text
        Assert.Equal("#,##0.00\\ \"€\"", workbook.FormatCode(amount));
        // 1 April 2026 is serial 46113 (days since 30 December 1899).
        var date = cells.First(c => c.CellValue?.Text == "46113");
        Assert.Equal("dd-mm-yyyy", workbook.FormatCode(date));
    }

    [Fact]
    public void Invoice_FreezesTheLineHeader_AndFiltersTheLines()
    {
        using var workbook = new WorkbookReader(WriteBeuningen());
        var sheet = workbook.Worksheet("Factuur");
        var pane = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Pane>().Single();
        var header = workbook.Cells("Factuur").Single(c => WorkbookReader.Text(c) == "Schoollocatie");
        var headerRow = int.Parse(header.CellReference!.Value![1..], CultureInfo.InvariantCulture);
        Assert.Equal(headerRow, (int)pane.VerticalSplit!.Value);
        Assert.Equal($"A{headerRow}:E{headerRow + 2}", sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.AutoFilter>().Single().Reference!.Value);
    }
}
