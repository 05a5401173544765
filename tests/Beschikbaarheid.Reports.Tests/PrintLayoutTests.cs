using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Cashier;
using Beschikbaarheid.Reports.DrawingRights;
using Beschikbaarheid.Reports.Settlement;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Beschikbaarheid.Reports.Tests;

/// <summary>
/// Every workbook prints legibly on A4: fitted to one page wide, the scale a spreadsheet program prints at is the
/// printable width over the width of the columns in use, and it must be at least 80%; a header over a column of
/// amounts or counts is right-aligned like them.
/// </summary>
public sealed class PrintLayoutTests : IDisposable
{
    /// <summary>A4 is 8.27 × 11.69 inches; printed at 96 px per inch.</summary>
    private const double A4Short = 8.27, A4Long = 11.69, PixelsPerInch = 96;

    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-print-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Kinds => ["verdeelstaat", "verdeelstaat-trekkingsrecht", "kasstaat", "betaalopdracht", "bestuur", "balans", "inventaris", "vergelijk", "jaaroverzicht"];

    public static TheoryData<string> KindsAndInvoice => [.. Kinds.Select(k => (string)k.Data), .. Invoices.Select(k => (string)k.Data)];

    /// <summary>The invoice of a per-child pool, and the widest: drawing rights under the pupils key with an explained (estimated) line.</summary>
    public static TheoryData<string> Invoices => ["factuur", "factuur-leerlingen"];

    [Theory]
    [MemberData(nameof(KindsAndInvoice))]
    public void EverySheet_PrintsOnA4AtNoLessThan80Percent(string kind)
    {
        using var document = SpreadsheetDocument.Open(Write(kind), false);
        foreach (var (name, sheet) in Sheets(document))
        {
            var setup = sheet.Worksheet.GetFirstChild<PageSetup>()!;
            Assert.Equal(9u, setup.PaperSize!.Value); // 9 = A4
            Assert.Equal(1u, setup.FitToWidth!.Value);
            Assert.True(sheet.Worksheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value, name);
            var scale = Scale(sheet.Worksheet);
            Assert.True(scale >= 0.8, $"{kind}, sheet {name}: printed at {scale:P0}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryHeader_OverAmountsOrCounts_IsRightAligned(string kind)
    {
        using var document = SpreadsheetDocument.Open(Write(kind), false);
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        foreach (var (name, sheet) in Sheets(document))
        {
            var wrong = MisalignedHeaders(sheet.Worksheet, formats);
            Assert.True(wrong.Count == 0, $"{kind}, sheet {name}: headers over numbers not right-aligned: {string.Join(", ", wrong)}");
        }
    }

    [Theory]
    [MemberData(nameof(Invoices))]
    public void InvoiceHeaders_OverAmountsOrCounts_AreRightAligned(string kind) => EveryHeader_OverAmountsOrCounts_IsRightAligned(kind);

    /// <summary>The scale is worked out as the brief states it, so a mistake in <see cref="Scale"/> shows here.</summary>
    [Fact]
    public void Scale_OfTheCashierStatement_IsWorkedOutFromItsColumns()
    {
        using var document = SpreadsheetDocument.Open(Write("kasstaat"), false);
        var (_, sheet) = Assert.Single(Sheets(document));
        // Portrait: (8.27 − 0.6 − 0.6) in × 96 = 678.72 px; columns 14, 31, 13, 22, 15: 7 × 95 + 5 × 5 = 690 px;
        // 678.72 / 690 = 0.983652.
        Assert.Equal(0.983652, Scale(sheet.Worksheet), 0.000001);
    }

    /// <summary>
    /// A wide table fails: the allocation sheet as it was (11 columns of 14, 28, 10, 21, 10, 21, 15, 19, 17, 20, 26
    /// characters) takes 7 × 201 + 5 × 11 = 1462 px; landscape (11.69 − 1.2) in × 96 = 1007.04 px; 1007.04 / 1462 = 0.688810.
    /// </summary>
    [Fact]
    public void Scale_OfTooWideAColumnSet_IsBelow80Percent()
    {
        double[] widths = [14, 28, 10, 21, 10, 21, 15, 19, 17, 20, 26];
        var worksheet = new Worksheet(
            new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })),
            new SheetData(new Row(widths.Select((_, i) => new Cell { CellReference = $"{(char)('A' + i)}1", CellValue = new CellValue(1) })) { RowIndex = 1 }),
            new PageMargins { Left = 0.6, Right = 0.6, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        Assert.Equal(0.688810, Scale(worksheet), 0.000001);
    }

    private string Write(string kind)
    {
        var path = Path.Combine(_folder, kind + ".xlsx");
        switch (kind)
        {
            case "verdeelstaat":
                AllocationWorkbook.Write(SampleSettlement.Create(), path, SampleSettlement.Zone);
                break;
            case "verdeelstaat-trekkingsrecht":
                // A drawing-rights scheme: the locations sheet gains FTE and annual budget.
                var settlement = SampleSettlement.Create();
                AllocationWorkbook.Write(settlement with
                {
                    Locations = [.. settlement.Locations.Select(l => l with { Fte = 1.25m, AnnualBudget = Money.FromEuros(100_000m) })],
                }, path, SampleSettlement.Zone);
                break;
            case "kasstaat":
                var statement = CashierStatementWorkbookTests.WithStatement();
                CashierStatementWorkbook.Write(statement, statement.Statement!, path, SampleSettlement.Zone);
                break;
            case "betaalopdracht":
                // Beuningen as cashier pays Nijmegen, host of both schools.
                var paid = CashierStatementWorkbookTests.WithStatement();
                var byBeuningen = paid.Statement! with { Cashier = SampleSettlement.Beuningen };
                PaymentOrderWorkbook.Write(paid with { Statement = byBeuningen }, byBeuningen, SampleSettlement.Nijmegen, path, SampleSettlement.Zone);
                break;
            case "factuur":
                var sample = SampleSettlement.Create();
                InvoiceWorkbook.Write(sample, sample.Invoices[0], path, SampleSettlement.Zone);
                break;
            case "factuur-leerlingen":
                var pupils = SampleSettlement.Create();
                pupils = pupils with
                {
                    Run = pupils.Run with { BasisUnit = BasisUnit.Pupils, Calculation = new RunCalculation(CalculationMethod.LocationBudgetByPupils, Peildatum: new DateOnly(2025, 10, 1)) },
                    Locations = [.. pupils.Locations.Select(l => l with { AnnualBudget = Money.FromEuros(194_200m) })],
                };
                var invoice = pupils.Invoices[0] with { Lines = [.. pupils.Invoices[0].Lines.Select(l => l with { Estimated = true, Annual = new Money(158_531) })] };
                InvoiceWorkbook.Write(pupils with { Invoices = [invoice] }, invoice, path, SampleSettlement.Zone);
                break;
            case "bestuur":
                BoardWorkbook.Write(Board(), path);
                break;
            case "balans":
                BalanceWorkbook.Write(Balance(), path);
                break;
            case "inventaris":
                Inventory.InventoryWorkbook.Write(InventoryAndComparisonWorkbookTests.Inventory(), path);
                break;
            case "vergelijk":
                WhatIf.KeyComparisonWorkbook.Write(InventoryAndComparisonWorkbookTests.Comparison(), path);
                break;
            case "jaaroverzicht":
                Funder.YearOverviewWorkbook.Write(YearOverviewWorkbookTests.Overview(), path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
        return path;
    }

    private static BoardDrawingRights Board()
    {
        var cost = Money.FromEuros(80_000m);
        var st = SampleSettlement.StMaarten;
        var meander = SampleSettlement.Meander;
        return new BoardDrawingRights("41234", "Stichting SO Nijmegen", "nijmegen-st-maarten", "Zorg in onderwijstijd St. Maartenschool", 2026,
            [
                new DrawingRight(st, "JZ", 7m, 0.25m, 122m, 100m, true, 1.22m, 1.10m, false, 1m, 0.34m, DrawingRightsCalculator.Budget(0.34m, cost)),
                new DrawingRight(meander, "JZ", 0m, 0m, null, null, false, 1m, 1m, true, 1m, 2.00m, DrawingRightsCalculator.Budget(2.00m, cost)),
            ],
            [new Transfer(2026, "41234", "JZ", st, meander, 0.14m)],
            new Dictionary<string, Money> { ["JZ"] = cost }, SampleSettlement.Create().Schools,
            [new YearMonth(2026, 1), new YearMonth(2026, 2)],
            new Dictionary<(SchoolLocationId, YearMonth), int> { [(st, new YearMonth(2026, 2))] = 1 });
    }

    private static BalanceStatement Balance()
    {
        var nijmegen = SampleSettlement.Nijmegen;
        var beuningen = SampleSettlement.Beuningen;
        return new BalanceStatement("nijmegen-st-maarten", "Zorg in onderwijstijd St. Maartenschool", 2026, 10m,
            [
                new BalanceRow(nijmegen, Money.FromEuros(160_000m), Money.FromEuros(150_000m), Money.FromEuros(10_000m), 6.25m, false),
                new BalanceRow(beuningen, Money.Zero, Money.FromEuros(10_000m), Money.FromEuros(-10_000m), null, true),
            ],
            SampleSettlement.Create().Municipalities);
    }

    private static List<(string Name, WorksheetPart Part)> Sheets(SpreadsheetDocument document) =>
        document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>()
            .Select(s => (s.Name!.Value!, (WorksheetPart)document.WorkbookPart.GetPartById(s.Id!.Value!))).ToList();

    /// <summary>
    /// The scale a sheet fitted to one page wide prints at: the printable width of A4 in its orientation, less the
    /// side margins, over the width of the columns up to the last one with content (or the end of a merged cell); a
    /// column of w characters is 7w + 5 px wide, one without a width 64 px. Never above 100%.
    /// </summary>
    internal static double Scale(Worksheet worksheet)
    {
        var widths = worksheet.GetFirstChild<Columns>()?.Elements<Column>()
            .SelectMany(c => Enumerable.Range((int)c.Min!.Value, (int)(c.Max!.Value - c.Min.Value + 1)).Select(i => (i, c.Width!.Value)))
            .ToDictionary(x => x.i, x => x.Value) ?? [];
        var used = worksheet.Descendants<Cell>().Where(HasContent).Select(c => ColumnOf(c.CellReference!.Value!))
            .Concat(worksheet.Descendants<MergeCell>().Select(m => ColumnOf(m.Reference!.Value!.Split(':')[1])))
            .DefaultIfEmpty(0).Max();
        var pixels = Enumerable.Range(1, used).Sum(i => widths.TryGetValue(i, out var w) ? 7 * w + 5 : 64);
        var setup = worksheet.GetFirstChild<PageSetup>()!;
        var margins = worksheet.GetFirstChild<PageMargins>()!;
        var paper = setup.Orientation?.Value == OrientationValues.Landscape ? A4Long : A4Short;
        var printable = (paper - margins.Left!.Value - margins.Right!.Value) * PixelsPerInch;
        return pixels == 0 ? 1 : Math.Min(1, printable / pixels);
    }

    /// <summary>
    /// Header cells (the filled header style) over a column that holds a number or formula below them, before the
    /// next header row, that are not right-aligned; as cell references.
    /// </summary>
    private static List<string> MisalignedHeaders(Worksheet worksheet, List<CellFormat> formats)
    {
        bool IsHeader(Cell c) => formats[(int)(c.StyleIndex?.Value ?? 0)].FillId?.Value == 2;
        var rows = worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
        var wrong = new List<string>();
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var header in rows[r].Where(c => IsHeader(c) && WorkbookReader.Text(c).Length > 0))
            {
                var column = ColumnOf(header.CellReference!.Value!);
                var below = rows.Skip(r + 1).TakeWhile(row => !row.Any(IsHeader)).SelectMany(row => row).Where(c => ColumnOf(c.CellReference!.Value!) == column);
                var numeric = below.Any(c => c.DataType is null && (c.CellValue is not null || c.CellFormula is not null));
                var right = formats[(int)header.StyleIndex!.Value].Alignment?.Horizontal?.Value == HorizontalAlignmentValues.Right;
                if (numeric && !right)
                {
                    wrong.Add($"{header.CellReference!.Value} \"{WorkbookReader.Text(header)}\"");
                }
            }
        }
        return wrong;
    }

    private static bool HasContent(Cell cell) =>
        cell.CellFormula is not null || cell.CellValue is not null || WorkbookReader.Text(cell).Length > 0;

    private static int ColumnOf(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + (char.ToUpperInvariant(c) - 'A' + 1));
}
