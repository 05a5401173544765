using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Settlement;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Beschikbaarheid.Reports.Tests;

public sealed class CashierStatementWorkbookTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-kasstaat-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// Nijmegen as cashier: its own € 550.00 and Beuningen's € 350.00 collected; Arnhem's € 100.00 is the gap, of which
    /// VSV-middelen covers € 83.33 (€ 16.67 uncovered); paid out 550 + 350 + 83.33 = € 983.33 = 769.56 + 213.77.
    /// </summary>
    internal static IssuedSettlement WithStatement() => SampleSettlement.Create() with
    {
        Statement = new CashierStatement(
            SampleSettlement.Nijmegen,
            [(SampleSettlement.Nijmegen, SettlementKind.Voorschot, new Money(55_000)), (SampleSettlement.Beuningen, SettlementKind.Voorschot, new Money(35_000))],
            new Dictionary<MunicipalityCode, Money> { [MunicipalityCode.Parse("GM0202")] = new(10_000) },
            [("VSV-middelen", new Money(8_333))],
            Spread: false,
            new Dictionary<SchoolLocationId, Money> { [SampleSettlement.StMaarten] = new(76_956), [SampleSettlement.Meander] = new(21_377) }),
    };

    [Fact]
    public void Statement_IsWrittenWithTheRun_AndItsBalanceIsALiveFormulaOfZero()
    {
        var files = SettlementReports.WriteAll(WithStatement(), _folder, SampleSettlement.Zone);
        var path = files.Single(f => Path.GetFileName(f) == "kasstaat-nijmegen-st-maarten-2026-03.xlsx");
        using var workbook = new WorkbookReader(path);
        Assert.Empty(workbook.ValidationErrors());
        var rows = workbook.Cells("Kasstaat").GroupBy(c => RowOf(c)).ToDictionary(g => g.Key, g => g.ToList());
        Cell ValueOf(string label) => rows.Values.Single(r => WorkbookReader.Text(r[0]) == label).Single(c => c.CellReference!.Value!.StartsWith('E'));
        Assert.Equal("900", ValueOf("Totaal gefactureerd").CellValue!.Text);
        Assert.Equal("16.67", ValueOf("Ongedekt").CellValue!.Text);
        var balance = ValueOf("Saldo kassier");
        Assert.Matches(@"^E\d+\+E\d+-E\d+$", balance.CellFormula!.Text);
        Assert.Equal("0", balance.CellValue!.Text);
    }

    [Fact]
    public void NoPaymentOrder_IsWrittenToTheCashierItself()
    {
        // Both locations lie in Nijmegen, the cashier: what it pays there is an internal booking, shown in the statement only.
        var files = SettlementReports.WriteAll(WithStatement(), _folder, SampleSettlement.Zone);
        Assert.DoesNotContain(files, f => Path.GetFileName(f).StartsWith("betaalopdracht-", StringComparison.Ordinal));
    }

    [Fact]
    public void CorrectionLines_AreJournalledWithTheirOwnKindAndMonth()
    {
        var settlement = SampleSettlement.Create();
        var corrected = settlement.Invoices[1] with
        {
            Lines = [.. settlement.Invoices[1].Lines, new InvoiceLine(2, SampleSettlement.StMaarten, 28m, new Money(-4_000), Kind: SettlementKind.Correctie,
                Period: SettledPeriod.Of(new Core.Periods.YearMonth(2026, 2)), Reference: "GM0268-2026-00000")],
        };
        var files = SettlementReports.WriteAll(settlement with { Invoices = [settlement.Invoices[0], corrected] }, _folder, SampleSettlement.Zone);
        var journal = File.ReadAllLines(files.Single(f => f.EndsWith("boekingen.csv", StringComparison.Ordinal)));
        Assert.Contains("GM0268-2026-00002;voorschot;nijmegen-st-maarten;2026-03;GM0268;GM1945;30AB;00;1;37.67", journal);
        Assert.Contains("GM0268-2026-00002;correctie;nijmegen-st-maarten;2026-02;GM0268;GM1945;30AB;00;28;-40.00", journal);
    }

    private static int RowOf(Cell cell) => int.Parse(new string(cell.CellReference!.Value!.SkipWhile(char.IsLetter).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
}
