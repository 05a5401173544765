using System.Globalization;
using Beschikbaarheid.Reports.Settlement;

namespace Beschikbaarheid.Reports.Tests;

public sealed class AllocationWorkbookTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-reports-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private WorkbookReader Write()
    {
        var path = Path.Combine(_folder, "verdeelstaat.xlsx");
        AllocationWorkbook.Write(SampleSettlement.Create(), path, SampleSettlement.Zone);
        return new WorkbookReader(path);
    }

    [Fact]
    public void Allocation_PassesTheOpenXmlValidator_WithItsThreeSheets()
    {
        using var workbook = Write();
        Assert.Empty(workbook.ValidationErrors());
        Assert.Equal(["Verdeelstaat", "Schoollocaties", "Individueel"], workbook.SheetNames);
    }

    [Fact]
    public void Allocation_TotalsAreFormulas_WithTheSumsOfTheRows()
    {
        using var workbook = Write();
        var formulas = workbook.Cells("Verdeelstaat").Where(c => c.CellFormula?.Text.StartsWith("SUM(", StringComparison.Ordinal) == true)
            .ToDictionary(c => c.CellReference!.Value![..1], c => decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture));
        // Children 3 + 1 + 1 = 5; child-days 47 + 31 + 1 = 79; this month 1,770.55 + 1,167.81 + 37.67 = 2,976.03;
        // year to date 3,541.10 + 2,335.62 + 37.67 = 5,914.39; shares sum to 1.
        Assert.Equal(5m, formulas["C"]);
        Assert.Equal(79m, formulas["D"]);
        Assert.Equal(1m, formulas["E"]);
        Assert.Equal(2976.03m, formulas["G"]);
        Assert.Equal(5914.39m, formulas["H"]);
    }

    [Fact]
    public void UnderThePupilsKey_NoChildrenColumnRepeatsThePupils_AndTheTotalsMoveWithTheirColumns()
    {
        var path = Path.Combine(_folder, "verdeelstaat-leerlingen.xlsx");
        var sample = SampleSettlement.Create();
        AllocationWorkbook.Write(sample with { Run = sample.Run with { BasisUnit = Core.Settlement.BasisUnit.Pupils } }, path, SampleSettlement.Zone);
        using var workbook = new WorkbookReader(path);
        foreach (var sheet in new[] { "Verdeelstaat", "Schoollocaties" })
        {
            var texts = workbook.Cells(sheet).Select(WorkbookReader.Text).ToList();
            Assert.DoesNotContain("Kinderen", texts);
            Assert.Contains("Grondslag (leerlingen)", texts);
        }
        var formulas = workbook.Cells("Verdeelstaat").Where(c => c.CellFormula?.Text.StartsWith("SUM(", StringComparison.Ordinal) == true)
            .ToDictionary(c => c.CellReference!.Value![..1], c => decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture));
        // The basis 47 + 31 + 1 = 79 now in C, shares summing to 1 in D, this month 2,976.03 in F, year to date 5,914.39 in G.
        Assert.Equal(79m, formulas["C"]);
        Assert.Equal(1m, formulas["D"]);
        Assert.Equal(2976.03m, formulas["F"]);
        Assert.Equal(5914.39m, formulas["G"]);
        Assert.Equal("SUM(C6:C8)", workbook.Cells("Verdeelstaat").Single(c => c.CellReference!.Value == $"C9").CellFormula!.Text);
    }

    [Fact]
    public void Allocation_ShowsTheLeadAsNotInvoiced_AndEachInvoiceNumber()
    {
        using var workbook = Write();
        var texts = workbook.Cells("Verdeelstaat").Select(WorkbookReader.Text).ToList();
        Assert.Contains("nee (penvoerder)", texts);
        Assert.Contains("GM0268-2026-00001", texts);
        Assert.Contains("GM0268-2026-00002", texts);
        Assert.Contains("Jaar t/m deze maand", texts);
    }

    [Fact]
    public void Allocation_ListsChildrenWhoStayIndividual_ByReason()
    {
        using var workbook = Write();
        var texts = workbook.Cells("Individueel").Select(WorkbookReader.Text).ToList();
        Assert.Contains("Andere wet dan de Jeugdwet (WLZ, ZVW)", texts);
        Assert.Contains("Woont in een niet-deelnemende gemeente", texts);
    }
}
