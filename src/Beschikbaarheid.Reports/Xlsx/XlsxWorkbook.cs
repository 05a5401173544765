using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Beschikbaarheid.Reports.Xlsx;

/// <summary>
/// The one small internal API over the Open XML SDK: sheets are streamed row by row with
/// <see cref="OpenXmlWriter"/>, so a large sheet never sits in memory as a DOM. Kept narrow so that
/// another library (ClosedXML) could replace it in one place.
/// </summary>
internal sealed class XlsxWorkbook : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbookPart;
    private readonly List<(string Name, string PartId, string? FilterRange)> _sheets = [];

    private XlsxWorkbook(string path)
    {
        _document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        _workbookPart = _document.AddWorkbookPart();
        _workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Build();
    }

    /// <param name="watermark">Printed at the top of every page of every sheet (a concept's CONCEPT line); null for none.</param>
    public static XlsxWorkbook Create(string path, string? watermark = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new XlsxWorkbook(path) { _watermark = watermark };
    }

    private string? _watermark;

    /// <param name="widths">Column widths in characters, from column A.</param>
    /// <param name="frozenRows">Rows kept in view when scrolling (the header), 0 for none.</param>
    /// <param name="landscape">Print across the page (wide tables) instead of down it.</param>
    public XlsxSheet AddSheet(string name, IReadOnlyList<double> widths, int frozenRows = 0, bool landscape = false)
    {
        var part = _workbookPart.AddNewPart<WorksheetPart>();
        var sheet = new XlsxSheet(part, widths, frozenRows, _sheets.Count == 0, landscape, _watermark);
        var index = _sheets.Count;
        _sheets.Add((name, _workbookPart.GetIdOfPart(part), null));
        sheet.Closed += range => _sheets[index] = (name, _sheets[index].PartId, range);
        return sheet;
    }

    public void Dispose()
    {
        var definedNames = new DefinedNames();
        for (var i = 0; i < _sheets.Count; i++)
        {
            if (_sheets[i].FilterRange is { } range)
            {
                // Excel keeps an autofilter's range in this hidden name; LibreOffice reads it too.
                definedNames.Append(new DefinedName($"'{_sheets[i].Name}'!{Absolute(range)}")
                {
                    Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true,
                });
            }
        }
        var workbook = new Workbook(new Sheets(_sheets.Select((s, i) => new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = s.PartId })));
        if (definedNames.HasChildren)
        {
            workbook.Append(definedNames);
        }
        workbook.Append(new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
        _workbookPart.Workbook = workbook;
        _document.Dispose();
    }

    private static string Absolute(string range) =>
        string.Join(':', range.Split(':').Select(r =>
        {
            var letters = new string(r.TakeWhile(char.IsLetter).ToArray());
            return $"${letters}${r[letters.Length..]}";
        }));

    internal static string Reference(int column, int row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    internal static string ColumnName(int column)
    {
        var name = "";
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + (c - 1) % 26) + name;
        }
        return name;
    }
}
