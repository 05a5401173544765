using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Beschikbaarheid.Reports.Tests;

/// <summary>Reads a written workbook back with the Open XML SDK, as another program would.</summary>
internal sealed class WorkbookReader : IDisposable
{
    private readonly SpreadsheetDocument _document;

    public WorkbookReader(string path) => _document = SpreadsheetDocument.Open(path, false);

    public void Dispose() => _document.Dispose();

    public IReadOnlyList<string> ValidationErrors() =>
        new OpenXmlValidator().Validate(_document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

    public IReadOnlyList<string> SheetNames => _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public IReadOnlyList<Cell> Cells(string sheet)
    {
        var id = _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        return ((WorksheetPart)_document.WorkbookPart.GetPartById(id)).Worksheet.Descendants<Cell>().ToList();
    }

    public Worksheet Worksheet(string sheet)
    {
        var id = _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        return ((WorksheetPart)_document.WorkbookPart.GetPartById(id)).Worksheet;
    }

    public static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";

    /// <summary>The number format code a cell shows its value in.</summary>
    public string FormatCode(Cell cell)
    {
        var stylesheet = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var id = format.NumberFormatId?.Value ?? 0;
        return stylesheet.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(n => n.NumberFormatId?.Value == id)?.FormatCode?.Value
            ?? $"builtin {id}";
    }
}
