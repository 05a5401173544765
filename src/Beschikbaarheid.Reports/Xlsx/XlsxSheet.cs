using System.Globalization;
using Beschikbaarheid.Reports.Xml;

namespace Beschikbaarheid.Reports.Xlsx;

/// <summary>One worksheet being streamed: rows are written in order and cannot be revisited.</summary>
internal sealed class XlsxSheet : IDisposable
{
    private readonly Stream _part;
    private readonly Utf8XmlWriter _writer;
    private string? _filterRange;
    private readonly List<string> _merges = [];
    private readonly IReadOnlyList<double> _widths;

    private readonly bool _landscape;

    /// <summary>The height of one line of 11-point text, in points.</summary>
    private const double LineHeight = 15;

    private readonly string? _watermark;

    /// <param name="part">The sheet's zip entry, written and closed by this sheet.</param>
    internal XlsxSheet(Stream part, IReadOnlyList<double> widths, int frozenRows, bool selected, bool landscape, string? watermark = null)
    {
        _watermark = watermark;
        _landscape = landscape;
        _widths = widths;
        _part = part;
        _writer = new Utf8XmlWriter(part, indent: false);
        _writer.StartDocument(standalone: true);
        _writer.StartElement(null, "worksheet");
        _writer.Attribute("xmlns", XlsxWorkbook.MainNamespace);
        // Printed on A4, as wide as one page: finance staff print invoices and sheets.
        _writer.StartElement(null, "sheetPr");
        Element("pageSetUpPr", ("fitToPage", "1"));
        _writer.EndElement();

        _writer.StartElement(null, "sheetViews");
        _writer.StartElement(null, "sheetView");
        if (selected)
        {
            _writer.Attribute("tabSelected", "1");
        }
        _writer.Attribute("workbookViewId", "0");
        if (frozenRows > 0)
        {
            var topLeft = XlsxWorkbook.Reference(1, frozenRows + 1);
            Element("pane", ("ySplit", frozenRows.ToString(CultureInfo.InvariantCulture)), ("topLeftCell", topLeft), ("activePane", "bottomLeft"), ("state", "frozen"));
            Element("selection", ("pane", "bottomLeft"), ("activeCell", topLeft), ("sqref", topLeft));
        }
        _writer.EndElement();
        _writer.EndElement();

        _writer.StartElement(null, "cols");
        for (var i = 0; i < widths.Count; i++)
        {
            var column = (i + 1).ToString(CultureInfo.InvariantCulture);
            Element("col", ("min", column), ("max", column), ("width", widths[i].ToString(CultureInfo.InvariantCulture)), ("customWidth", "1"));
        }
        _writer.EndElement();
        _writer.StartElement(null, "sheetData");
    }

    /// <summary>An empty element with the given attributes, in order.</summary>
    private void Element(string name, params (string Name, string Value)[] attributes)
    {
        _writer.StartElement(null, name);
        foreach (var (attribute, value) in attributes)
        {
            _writer.Attribute(attribute, value);
        }
        _writer.EndElement();
    }

    internal event Action<string?>? Closed;

    /// <summary>The 1-based number of the last row written.</summary>
    public int RowNumber { get; private set; }

    public int Row(params XlsxCell[] cells) => Row(null, cells);

    /// <summary>A row of a given height in points, for a title in a larger font.</summary>
    public int TallRow(double height, params XlsxCell[] cells) => Row(height, cells);

    /// <summary>
    /// A paragraph of text from column A across <paramref name="lastColumn"/>, wrapped within those columns
    /// (merged) instead of running past the printed page; the row is as tall as its lines.
    /// </summary>
    public int Note(string text, int lastColumn, XlsxStyle style = XlsxStyle.Wrap)
    {
        var width = _widths.Take(lastColumn).Sum();
        var row = Row(Math.Max(1, Lines(text, width)) * LineHeight, [XlsxCell.Of(text, style)]);
        if (lastColumn > 1)
        {
            _merges.Add($"{XlsxWorkbook.Reference(1, row)}:{XlsxWorkbook.Reference(lastColumn, row)}");
        }
        return row;
    }

    private int Row(double? height, XlsxCell[] cells)
    {
        // Spreadsheet programs do not grow a row for wrapped text when they open a file: the height is set here.
        if (height is null)
        {
            var lines = 1;
            for (var i = 0; i < cells.Length && i < _widths.Count; i++)
            {
                if (cells[i].Wraps)
                {
                    lines = Math.Max(lines, Lines(cells[i].Text!, _widths[i]));
                }
            }
            height = lines > 1 ? lines * LineHeight : null;
        }
        RowNumber++;
        _writer.StartElement(null, "row");
        NumberAttribute("r", RowNumber);
        if (height is { } points)
        {
            _writer.Attribute("ht", points.ToString(CultureInfo.InvariantCulture));
            _writer.Attribute("customHeight", "1");
        }
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Kind != XlsxCellKind.None)
            {
                WriteCell(cells[i], i + 1);
            }
        }
        _writer.EndElement();
        return RowNumber;
    }

    public void Skip(int rows = 1) => RowNumber += rows;

    /// <summary>
    /// How many lines a text takes when wrapped at word boundaries in a column of <paramref name="width"/>
    /// characters; an estimate (the font is proportional) that errs towards one line too many.
    /// </summary>
    internal static int Lines(string text, double width)
    {
        // A column of width w holds w digits; Calibri's average letter is narrower than a digit. Wrapped text is indented
        // one character, which the line does not hold.
        var capacity = Math.Max(1, (int)(width * 1.15) - 2);
        var lines = 0;
        // Split as spans: every wrapped cell is measured, a school's name on each of a national month's 70,000 lines.
        var all = text.AsSpan();
        foreach (var paragraph in all.Split('\n'))
        {
            var used = 0;
            lines++;
            var words = all[paragraph];
            foreach (var word in words.Split(' '))
            {
                var length = word.GetOffsetAndLength(words.Length).Length;
                if (used > 0 && used + 1 + length > capacity)
                {
                    lines++;
                    used = 0;
                }
                used += (used > 0 ? 1 : 0) + length;
                while (used > capacity)
                {
                    lines++;
                    used -= capacity;
                }
            }
        }
        return lines;
    }

    /// <summary>Puts filter buttons on a table, e.g. "A5:E12" (header row included).</summary>
    public void AutoFilter(int firstColumn, int headerRow, int lastColumn, int lastRow) =>
        _filterRange = $"{XlsxWorkbook.Reference(firstColumn, headerRow)}:{XlsxWorkbook.Reference(lastColumn, Math.Max(lastRow, headerRow))}";

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _writer.EndElement();
        if (_filterRange is not null)
        {
            Element("autoFilter", ("ref", _filterRange));
        }
        if (_merges.Count > 0)
        {
            _writer.StartElement(null, "mergeCells");
            _writer.Attribute("count", _merges.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var merge in _merges)
            {
                Element("mergeCell", ("ref", merge));
            }
            _writer.EndElement();
        }
        Element("pageMargins", ("left", "0.6"), ("right", "0.6"), ("top", "0.75"), ("bottom", "0.75"), ("header", "0.3"), ("footer", "0.3"));
        // A4 (paper size 9), one page wide and as many pages long as it takes.
        Element("pageSetup", ("paperSize", "9"), ("orientation", _landscape ? "landscape" : "portrait"), ("fitToWidth", "1"), ("fitToHeight", "0"));
        if (_watermark is not null)
        {
            // The page header, centred, bold and large: on every printed page, whatever part of the sheet is printed.
            _writer.StartElement(null, "headerFooter");
            _writer.Element(null, "oddHeader", $"&C&\"-,Bold\"&16{_watermark.Replace("&", "&&", StringComparison.Ordinal)}");
            _writer.EndElement();
        }
        _writer.EndElement();
        _writer.Dispose();
        _part.Dispose();
        Closed?.Invoke(_filterRange);
    }

    private bool _disposed;

    // A national month writes 400,000 cells: references, styles and numbers go into the writer as characters, not as strings.
    private void WriteCell(XlsxCell cell, int column)
    {
        _writer.StartElement(null, "c");
        var letters = 0;
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            letters++;
        }
        for (int c = column, at = letters - 1; c > 0; c = (c - 1) / 26, at--)
        {
            _chars[at] = (char)('A' + (c - 1) % 26);
        }
        RowNumber.TryFormat(_chars.AsSpan(letters), out var digits, default, CultureInfo.InvariantCulture);
        _writer.Attribute("r", _chars.AsSpan(0, letters + digits));
        NumberAttribute("s", (int)cell.Style);
        switch (cell.Kind)
        {
            case XlsxCellKind.Text:
                _writer.Attribute("t", "inlineStr");
                _writer.StartElement(null, "is");
                _writer.StartElement(null, "t");
                _writer.Attribute("xml:space", "preserve");
                _writer.Text(cell.Text!);
                _writer.EndElement();
                _writer.EndElement();
                break;
            case XlsxCellKind.Number:
                WriteValue(cell.Number);
                break;
            case XlsxCellKind.Formula:
                _writer.Element(null, "f", cell.Text!);
                WriteValue(cell.Number);
                break;
            case XlsxCellKind.UncachedFormula:
                _writer.Element(null, "f", cell.Text!);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(cell));
        }
        _writer.EndElement();
    }

    private readonly char[] _chars = new char[64];

    private void NumberAttribute(string name, int number)
    {
        number.TryFormat(_chars, out var length, default, CultureInfo.InvariantCulture);
        _writer.Attribute(name, _chars.AsSpan(0, length));
    }

    /// <summary>A cell's value in the invariant culture's shortest form, every digit the decimal holds.</summary>
    private void WriteValue(decimal number)
    {
        _writer.StartElement(null, "v");
        number.TryFormat(_chars, out var length, default, CultureInfo.InvariantCulture);
        _writer.Text(_chars.AsSpan(0, length));
        _writer.EndElement();
    }
}
