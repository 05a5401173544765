using System.Globalization;
using System.IO.Compression;
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

    private readonly string _path;

    /// <summary>For a large workbook: the folder its sheets are written to, and which package entry each one becomes.</summary>
    private string? _spoolFolder;
    private readonly List<(string Entry, string File)> _spooled = [];

    private XlsxWorkbook(string path)
    {
        _path = path;
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

    /// <summary>
    /// A workbook for sheets too large to hold in memory. The SDK keeps every part of a package it creates in memory,
    /// uncompressed, until it is closed (gigabytes for a sheet of a million rows); here each sheet goes to a temporary
    /// file as it is written, and the package is zipped from those files when the workbook is closed.
    /// </summary>
    public static XlsxWorkbook CreateLarge(string path)
    {
        var workbook = Create(path);
        workbook._spoolFolder = Directory.CreateTempSubdirectory("beschikbaarheid-xlsx-").FullName;
        return workbook;
    }

    private string? _watermark;

    /// <param name="widths">Column widths in characters, from column A.</param>
    /// <param name="frozenRows">Rows kept in view when scrolling (the header), 0 for none.</param>
    /// <param name="landscape">Print across the page (wide tables) instead of down it.</param>
    public XlsxSheet AddSheet(string name, IReadOnlyList<double> widths, int frozenRows = 0, bool landscape = false)
    {
        var part = _workbookPart.AddNewPart<WorksheetPart>();
        FileStream? spool = null;
        if (_spoolFolder is not null)
        {
            var file = Path.Combine(_spoolFolder, $"{_sheets.Count}.xml");
            spool = new FileStream(file, FileMode.Create, FileAccess.Write);
            _spooled.Add((part.Uri.OriginalString.TrimStart('/'), file));
        }
        var sheet = new XlsxSheet(part, widths, frozenRows, _sheets.Count == 0, landscape, _watermark, spool);
        var index = _sheets.Count;
        _sheets.Add((name, _workbookPart.GetIdOfPart(part), null));
        sheet.Closed += range =>
        {
            _sheets[index] = (name, _sheets[index].PartId, range);
            spool?.Dispose();
        };
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
        if (_spoolFolder is not null)
        {
            ZipSpooledSheets();
            Directory.Delete(_spoolFolder, recursive: true);
        }
    }

    /// <summary>Copies the package as the SDK wrote it, each spooled sheet's part (empty there) from its file.</summary>
    private void ZipSpooledSheets()
    {
        var spooled = _spooled.ToDictionary(s => s.Entry, s => s.File, StringComparer.Ordinal);
        var zipped = _path + ".zipping";
        using (var source = ZipFile.OpenRead(_path))
        using (var target = ZipFile.Open(zipped, ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries)
            {
                using var from = spooled.Remove(entry.FullName, out var file) ? File.OpenRead(file) : entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
        }
        if (spooled.Count > 0)
        {
            throw new InvalidOperationException($"The package has no entry for the sheet(s) {string.Join(", ", spooled.Keys)}.");
        }
        File.Move(zipped, _path, overwrite: true);
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
