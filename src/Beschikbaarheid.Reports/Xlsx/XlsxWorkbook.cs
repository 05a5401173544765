using System.Globalization;
using System.IO.Compression;
using Beschikbaarheid.Reports.Xml;

namespace Beschikbaarheid.Reports.Xlsx;

/// <summary>
/// The one small internal API that writes .xlsx packages: a zip of SpreadsheetML parts, each sheet streamed row by row
/// straight into its zip entry with an <see cref="Utf8XmlWriter"/>, so neither a large sheet nor the package ever sits in
/// memory. Written directly rather than through the Open XML SDK, which builds every part in memory before saving and
/// made the month's hundreds of small invoices slow. Sheets are written one after another: one is open at a time.
/// </summary>
internal sealed class XlsxWorkbook : IDisposable
{
    internal const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly FileStream _file;
    private readonly ZipArchive _zip;
    private readonly List<(string Name, string? FilterRange)> _sheets = [];
    private readonly string? _watermark;
    private XlsxSheet? _open;

    private XlsxWorkbook(string path, string? watermark)
    {
        _watermark = watermark;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _zip = new ZipArchive(_file, ZipArchiveMode.Create, leaveOpen: false);
    }

    /// <param name="watermark">Printed at the top of every page of every sheet (a concept's CONCEPT line); null for none.</param>
    public static XlsxWorkbook Create(string path, string? watermark = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new XlsxWorkbook(path, watermark);
    }

    /// <param name="widths">Column widths in characters, from column A.</param>
    /// <param name="frozenRows">Rows kept in view when scrolling (the header), 0 for none.</param>
    /// <param name="landscape">Print across the page (wide tables) instead of down it.</param>
    public XlsxSheet AddSheet(string name, IReadOnlyList<double> widths, int frozenRows = 0, bool landscape = false)
    {
        if (_open is not null)
        {
            throw new InvalidOperationException($"Sheet {_sheets[^1].Name} is still being written; a workbook writes one sheet at a time.");
        }
        var index = _sheets.Count;
        _sheets.Add((name, null));
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{index + 1}.xml", CompressionLevel.Fastest);
        var sheet = new XlsxSheet(entry.Open(), widths, frozenRows, index == 0, landscape, _watermark);
        sheet.Closed += range =>
        {
            _sheets[index] = (name, range);
            _open = null;
        };
        _open = sheet;
        return sheet;
    }

    public void Dispose()
    {
        _open?.Dispose();
        Part("[Content_Types].xml", WriteContentTypes);
        Part("_rels/.rels", w => Relationships(w, [("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml")]));
        Part("xl/workbook.xml", WriteWorkbook);
        Part("xl/_rels/workbook.xml.rels", w => Relationships(w,
            [.. _sheets.Select((_, i) => ($"rId{i + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i + 1}.xml")),
             ($"rId{_sheets.Count + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml")]));
        using (var styles = _zip.CreateEntry("xl/styles.xml", CompressionLevel.Fastest).Open())
        {
            styles.Write(XlsxStyles.Xml);
        }
        _zip.Dispose();
    }

    private void Part(string name, Action<Utf8XmlWriter> write)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = new Utf8XmlWriter(stream, indent: false);
        writer.StartDocument(standalone: true);
        write(writer);
    }

    private void WriteContentTypes(Utf8XmlWriter w)
    {
        w.StartElement(null, "Types");
        w.Attribute("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
        Default("rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default("xml", "application/xml");
        Override("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
        Override("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
        for (var i = 0; i < _sheets.Count; i++)
        {
            Override($"/xl/worksheets/sheet{i + 1}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
        }
        w.EndElement();

        void Default(string extension, string type)
        {
            w.StartElement(null, "Default");
            w.Attribute("Extension", extension);
            w.Attribute("ContentType", type);
            w.EndElement();
        }

        void Override(string part, string type)
        {
            w.StartElement(null, "Override");
            w.Attribute("PartName", part);
            w.Attribute("ContentType", type);
            w.EndElement();
        }
    }

    private static void Relationships(Utf8XmlWriter w, IEnumerable<(string Id, string Type, string Target)> relationships)
    {
        w.StartElement(null, "Relationships");
        w.Attribute("xmlns", PackageRelationshipsNamespace);
        foreach (var (id, type, target) in relationships)
        {
            w.StartElement(null, "Relationship");
            w.Attribute("Id", id);
            w.Attribute("Type", type);
            w.Attribute("Target", target);
            w.EndElement();
        }
        w.EndElement();
    }

    private void WriteWorkbook(Utf8XmlWriter w)
    {
        w.StartElement(null, "workbook");
        w.Attribute("xmlns:r", RelationshipsNamespace);
        w.Attribute("xmlns", MainNamespace);
        w.StartElement(null, "sheets");
        for (var i = 0; i < _sheets.Count; i++)
        {
            w.StartElement(null, "sheet");
            w.Attribute("name", _sheets[i].Name);
            w.Attribute("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
            w.Attribute("r:id", $"rId{i + 1}");
            w.EndElement();
        }
        w.EndElement();
        if (_sheets.Any(s => s.FilterRange is not null))
        {
            w.StartElement(null, "definedNames");
            for (var i = 0; i < _sheets.Count; i++)
            {
                if (_sheets[i].FilterRange is { } range)
                {
                    // Excel keeps an autofilter's range in this hidden name; LibreOffice reads it too.
                    w.StartElement(null, "definedName");
                    w.Attribute("name", "_xlnm._FilterDatabase");
                    w.Attribute("localSheetId", i.ToString(CultureInfo.InvariantCulture));
                    w.Attribute("hidden", "1");
                    w.Text($"'{_sheets[i].Name}'!{Absolute(range)}");
                    w.EndElement();
                }
            }
            w.EndElement();
        }
        // Recalculated on opening, so every total is live even where a reader trusts no stored result.
        w.StartElement(null, "calcPr");
        w.Attribute("calcId", "191029");
        w.Attribute("fullCalcOnLoad", "1");
        w.EndElement();
        w.EndElement();
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
