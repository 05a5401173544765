using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
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
        InvoiceWorkbook.Write(settlement, settlement.Invoices[0], path, SampleSettlement.Zone);
        return path;
    }

    [Fact]
    public void Invoice_FooterGivesTheTimeTheRunWasMade_InTheRegionsTimeZone_Named_OnTheRegionsDay()
    {
        // 31 March 2026 22:30 UTC is 1 April 00:30 in Amsterdam (summer time): the day of the invoice date, not the UTC day before.
        var sample = SampleSettlement.Create();
        var settlement = sample with { Run = sample.Run with { CreatedAt = new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero) } };
        var path = Path.Combine(_folder, "factuur.xlsx");
        InvoiceWorkbook.Write(settlement, settlement.Invoices[0], path, SampleSettlement.Zone);
        using var workbook = new WorkbookReader(path);
        var footer = Assert.Single(workbook.Cells("Factuur").Select(WorkbookReader.Text), t => t.StartsWith("Afrekening 7, aangemaakt", StringComparison.Ordinal));
        Assert.StartsWith("Afrekening 7, aangemaakt 01-04-2026 00:30 (Europe/Amsterdam) door job;", footer, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", footer, StringComparison.Ordinal);
    }

    [Fact]
    public void AllocationAndCashierStatement_GiveTheRunsTime_InTheRegionsTimeZone_Named()
    {
        var statement = CashierStatementWorkbookTests.WithStatement();
        statement = statement with { Run = statement.Run with { CreatedAt = new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero) } };
        var allocation = Path.Combine(_folder, "verdeelstaat.xlsx");
        var cashier = Path.Combine(_folder, "kasstaat.xlsx");
        AllocationWorkbook.Write(statement, allocation, SampleSettlement.Zone);
        Cashier.CashierStatementWorkbook.Write(statement, statement.Statement!, cashier, SampleSettlement.Zone);
        foreach (var (path, sheet) in new[] { (allocation, "Verdeelstaat"), (cashier, "Kasstaat") })
        {
            using var workbook = new WorkbookReader(path);
            var texts = workbook.Cells(sheet).Select(WorkbookReader.Text).ToList();
            Assert.Contains(texts, t => t.StartsWith("7, 01-04-2026 00:30 (Europe/Amsterdam), job;", StringComparison.Ordinal));
            Assert.DoesNotContain(texts, t => t.Contains("(UTC)", StringComparison.Ordinal));
        }
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
        Assert.Equal("\"€\"\\ #,##0.00;\"€\"\\ -#,##0.00", workbook.FormatCode(amount));
        // 1 April 2026 is serial 46113 (days since 30 December 1899).
        var date = cells.First(c => c.CellValue?.Text == "46113");
        Assert.Equal("dd-mm-yyyy", workbook.FormatCode(date));
    }

    [Fact]
    public void Invoice_FiltersTheLines_AndFreezesNoRows()
    {
        using var workbook = new WorkbookReader(WriteBeuningen());
        var sheet = workbook.Worksheet("Factuur");
        // The rows above the lines are about a screen high: frozen, they would leave no room to scroll the lines.
        Assert.Empty(sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Pane>());
        var header = workbook.Cells("Factuur").Single(c => WorkbookReader.Text(c) == "Locatie");
        var headerRow = int.Parse(header.CellReference!.Value![1..], CultureInfo.InvariantCulture);
        // Locatie, School, Kinddagen, Berekening, Bedrag: columns A to E; two lines below the header.
        Assert.Equal($"A{headerRow}:E{headerRow + 2}", sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.AutoFilter>().Single().Reference!.Value);
    }

    [Fact]
    public void PerChildInvoice_ShowsTheAnnualAmountPerChild_AndEachLineAsChildDaysTimesItOverTheDaysOfTheYear()
    {
        using var workbook = new WorkbookReader(WriteBeuningen());
        var texts = workbook.Cells("Factuur").Select(WorkbookReader.Text).ToList();
        // 5.5 hours a week × € 62.50 an hour × 40 school weeks = € 13,750.00 a child a year; 2026 has 365 days.
        Assert.Contains(texts, t => t.Contains("5,5 uur per week × € 62,50 per uur × 40 schoolweken = € 13.750,00", StringComparison.Ordinal));
        // Line 1: 42 child-days × 13,750.00 / 365 = 1,582.19 (the amount beside it); line 2: 5 × 13,750.00 / 365 = 188.36.
        Assert.Contains("42 × € 13.750,00 ÷ 365 =", texts);
        Assert.Contains("5 × € 13.750,00 ÷ 365 =", texts);
    }

    [Fact]
    public void Invoice_NamesTheAgreement_AndTheSendersContact()
    {
        var settlement = SampleSettlement.Create();
        var nijmegen = settlement.Municipalities[SampleSettlement.Nijmegen] with { ContactPerson = "Team Financiën", Email = "financien@nijmegen.example" };
        settlement = settlement with { Municipalities = new Dictionary<MunicipalityCode, Municipality>(settlement.Municipalities) { [SampleSettlement.Nijmegen] = nijmegen } };
        var path = Path.Combine(_folder, "contact.xlsx");
        InvoiceWorkbook.Write(settlement, settlement.Invoices[0] with { BuyerReference = "PO-2026-118" }, path, SampleSettlement.Zone);
        using var workbook = new WorkbookReader(path);
        var texts = workbook.Cells("Factuur").Select(WorkbookReader.Text).ToList();
        Assert.Contains("Overeenkomst", texts);
        Assert.Contains("Convenant Zorg in onderwijstijd, 12 maart 2019", texts);
        Assert.Contains("Contact: Team Financiën, financien@nijmegen.example", texts);
        Assert.Contains("Uw kenmerk", texts);
        Assert.Contains("PO-2026-118", texts);
    }

    [Fact]
    public void CreditNote_UsesCreditNoteWords_AndNamesTheInvoicesItCorrects()
    {
        var settlement = SampleSettlement.Create();
        var february = new SettledPeriod(2026, 2);
        // Two corrections of February that lower invoices 00001 and 00004 by € 40.00 and € 12.50: a total of − € 52.50.
        var credit = new IssuedInvoice("GM0268-2026-00009", SampleSettlement.Nijmegen, SampleSettlement.Beuningen, new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1),
            "NL12BANK0123456789", "Geen btw: kostendeling tussen gemeenten",
            [
                new InvoiceLine(1, SampleSettlement.StMaarten, -1m, new Money(-4_000), Kind: SettlementKind.Correctie, Period: february, Reference: "GM0268-2026-00001"),
                new InvoiceLine(2, SampleSettlement.Meander, -1m, new Money(-1_250), Kind: SettlementKind.Correctie, Period: february, Reference: "GM0268-2026-00004"),
            ]);
        var path = Path.Combine(_folder, "creditnota.xlsx");
        InvoiceWorkbook.Write(settlement with { Invoices = [credit] }, credit, path, SampleSettlement.Zone);
        using var workbook = new WorkbookReader(path);
        var texts = workbook.Cells("Creditnota").Select(WorkbookReader.Text).ToList();
        foreach (var expected in new[] { "Creditnota", "Creditnotanummer", "Datum creditnota", "Te verrekenen vóór", "Correctie", "Corrigeert", "2 facturen: GM0268-2026-00001, GM0268-2026-00004", "Totaal te verrekenen" })
        {
            Assert.Contains(expected, texts);
        }
        foreach (var invoiceWord in new[] { "Factuur", "Factuurnummer", "Factuurdatum", "Vervaldatum", "Voorschot", "Betalen vóór" })
        {
            Assert.DoesNotContain(invoiceWord, texts);
        }
        Assert.Contains(texts, t => t.StartsWith("Gemeente Nijmegen crediteert u € 52,50.", StringComparison.Ordinal));
    }
}
