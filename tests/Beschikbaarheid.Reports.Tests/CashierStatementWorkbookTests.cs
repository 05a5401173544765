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

    /// <summary>
    /// The same month with a funder that is not a municipality: the SWV's € 25.00 (2.5% of a € 12,000.00 budget,
    /// € 300.00 a year, ÷ 12) is collected too, so 550 + 350 + 25 = € 925.00; paid out 925 + 83.33 = € 1,008.33 = 788.00 + 220.33.
    /// </summary>
    internal static IssuedSettlement WithFunder()
    {
        var swv = PartyCode.Parse("SWV-VO2001");
        var sample = WithStatement();
        return sample with
        {
            Run = sample.Run with
            {
                Calculation = new RunCalculation(CalculationMethod.BudgetByPupils, BudgetCents: 1_200_000)
                {
                    Funders = new FundersCalculation(1_200_000,
                        [new FunderRow("SWV-VO2001", "Samenwerkingsverband VO", "swv", "Postbus 2001, 9700 AA Groningen", "NL12RABO0026010001", null, 2.5m, 30_000)]),
                },
            },
            Invoices = [.. sample.Invoices, new IssuedInvoice("GM0268-2026-00003", SampleSettlement.Nijmegen, swv, new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1),
                "NL12BANK0123456789", "Geen btw", [new InvoiceLine(1, SampleSettlement.StMaarten, 0m, new Money(2_500))])],
            Statement = sample.Statement! with
            {
                Collected = [.. sample.Statement!.Collected, (swv, SettlementKind.Voorschot, new Money(2_500))],
                PaidOut = new Dictionary<SchoolLocationId, Money> { [SampleSettlement.StMaarten] = new(78_800), [SampleSettlement.Meander] = new(22_033) },
            },
        };
    }

    [Fact]
    public void Funders_StandApartFromTheMunicipalities_AndTheTotalCollectedAddsBothBlocksByFormula()
    {
        var files = SettlementReports.WriteAll(WithFunder(), _folder, SampleSettlement.Zone);
        using var workbook = new WorkbookReader(files.Single(f => Path.GetFileName(f).StartsWith("kasstaat-", StringComparison.Ordinal)));
        Assert.Empty(workbook.ValidationErrors());
        var rows = workbook.Cells("Kasstaat").GroupBy(c => RowOf(c)).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        List<Cell> Row(string label) => rows.Single(r => WorkbookReader.Text(r[0]) == label);
        Cell Amount(string label) => Row(label).Single(c => c.CellReference!.Value!.StartsWith('E'));

        // 550 + 350 from the municipalities, 25 from the SWV, under its own id, name and kind, with its invoice.
        Assert.Equal("900", Amount("Totaal gemeenten").CellValue!.Text);
        Assert.Equal("25", Amount("Totaal financiers").CellValue!.Text);
        var funder = Row("SWV-VO2001").Select(WorkbookReader.Text).ToList();
        Assert.Equal(["SWV-VO2001", "Samenwerkingsverband VO\nsamenwerkingsverband", "Voorschot", "GM0268-2026-00003", "25"], funder);
        var collected = Amount("Totaal gefactureerd");
        Assert.Equal($"E{RowOf(Amount("Totaal gemeenten"))}+E{RowOf(Amount("Totaal financiers"))}", collected.CellFormula!.Text);
        Assert.Equal("925", collected.CellValue!.Text);
        // The funders' block comes after the municipalities' total: a finance officer reads the two apart.
        Assert.True(RowOf(Amount("Totaal gemeenten")) < RowOf(Row("SWV-VO2001")[0]));
        Assert.Equal($"E{RowOf(collected)}+E{RowOf(Amount("Totaal gedekt"))}-E{RowOf(Amount("Totaal uitbetaald"))}", Amount("Saldo kassier").CellFormula!.Text);
        Assert.Equal("0", Amount("Saldo kassier").CellValue!.Text);
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
