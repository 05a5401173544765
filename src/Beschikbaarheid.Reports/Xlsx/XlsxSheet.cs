using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Beschikbaarheid.Reports.Xlsx;

/// <summary>One worksheet being streamed: rows are written in order and cannot be revisited.</summary>
internal sealed class XlsxSheet : IDisposable
{
    private readonly OpenXmlWriter _writer;
    private string? _filterRange;
    private readonly List<string> _merges = [];
    private readonly IReadOnlyList<double> _widths;

    private readonly bool _landscape;

    /// <summary>The height of one line of 11-point text, in points.</summary>
    private const double LineHeight = 15;

    private readonly string? _watermark;

    /// <param name="spool">Where to write the sheet instead of its part, which then stays empty; null to write the part.</param>
    internal XlsxSheet(WorksheetPart part, IReadOnlyList<double> widths, int frozenRows, bool selected, bool landscape, string? watermark = null, Stream? spool = null)
    {
        _watermark = watermark;
        _landscape = landscape;
        _widths = widths;
        _writer = spool is null ? OpenXmlWriter.Create(part) : OpenXmlWriter.Create(spool);
        _writer.WriteStartElement(new Worksheet());
        // Printed on A4, as wide as one page: finance staff print invoices and sheets.
        _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));

        var view = new SheetView { WorkbookViewId = 0, TabSelected = selected };
        if (frozenRows > 0)
        {
            var topLeft = XlsxWorkbook.Reference(1, frozenRows + 1);
            view.Append(new Pane { VerticalSplit = frozenRows, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            view.Append(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
        }
        _writer.WriteElement(new SheetViews(view));

        _writer.WriteStartElement(new Columns());
        for (var i = 0; i < widths.Count; i++)
        {
            _writer.WriteElement(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
        }
        _writer.WriteEndElement();
        _writer.WriteStartElement(new SheetData());
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
            var lines = cells.Select((c, i) => c.Wraps && i < _widths.Count ? Lines(c.Text!, _widths[i]) : 1).DefaultIfEmpty(1).Max();
            height = lines > 1 ? lines * LineHeight : null;
        }
        RowNumber++;
        List<OpenXmlAttribute> attributes = [new("r", "", RowNumber.ToString(CultureInfo.InvariantCulture))];
        if (height is { } points)
        {
            attributes.Add(new("ht", "", points.ToString(CultureInfo.InvariantCulture)));
            attributes.Add(new("customHeight", "", "1"));
        }
        _writer.WriteStartElement(new Row(), attributes);
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Kind != XlsxCellKind.None)
            {
                WriteCell(cells[i], XlsxWorkbook.Reference(i + 1, RowNumber));
            }
        }
        _writer.WriteEndElement();
        return RowNumber;
    }

    public void Skip(int rows = 1) => RowNumber += rows;

    /// <summary>
    /// How many lines a text takes when wrapped at word boundaries in a column of <paramref name="width"/>
    /// characters; an estimate (the font is proportional) that errs towards one line too many.
    /// </summary>
    internal static int Lines(string text, double width)
    {
        // A column of width w holds w digits; Calibri's average letter is narrower than a digit.
        var capacity = Math.Max(1, (int)(width * 1.15) - 1);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            var used = 0;
            lines++;
            foreach (var word in paragraph.Split(' '))
            {
                var length = word.Length;
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
        _writer.WriteEndElement();
        if (_filterRange is not null)
        {
            _writer.WriteElement(new AutoFilter { Reference = _filterRange });
        }
        if (_merges.Count > 0)
        {
            _writer.WriteElement(new MergeCells(_merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)_merges.Count });
        }
        _writer.WriteElement(new PageMargins { Left = 0.6, Right = 0.6, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        _writer.WriteElement(new PageSetup
        {
            PaperSize = 9, // A4
            Orientation = _landscape ? OrientationValues.Landscape : OrientationValues.Portrait,
            FitToWidth = 1,
            FitToHeight = 0,
        });
        if (_watermark is not null)
        {
            // The page header, centred, bold and large: on every printed page, whatever part of the sheet is printed.
            _writer.WriteElement(new HeaderFooter(new OddHeader($"&C&\"-,Bold\"&16{_watermark.Replace("&", "&&", StringComparison.Ordinal)}")));
        }
        _writer.WriteEndElement();
        _writer.Close();
        _writer.Dispose();
        Closed?.Invoke(_filterRange);
    }

    /// <summary>
    /// Writes a cell from attribute lists rather than a populated element: the SDK then skips reflecting
    /// over the element's attributes, which is most of the cost of a large sheet.
    /// </summary>
    private void WriteCell(XlsxCell cell, string reference)
    {
        var style = ((uint)cell.Style).ToString(CultureInfo.InvariantCulture);
        switch (cell.Kind)
        {
            case XlsxCellKind.Text:
                _writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", "", reference), new OpenXmlAttribute("s", "", style), new OpenXmlAttribute("t", "", "inlineStr")]);
                _writer.WriteStartElement(new InlineString());
                _writer.WriteStartElement(new Text(), [new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")]);
                _writer.WriteString(cell.Text!);
                _writer.WriteEndElement();
                _writer.WriteEndElement();
                break;
            case XlsxCellKind.Number:
                _writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", "", reference), new OpenXmlAttribute("s", "", style)]);
                WriteValue(cell.NumberText);
                break;
            case XlsxCellKind.Formula:
                _writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", "", reference), new OpenXmlAttribute("s", "", style)]);
                _writer.WriteStartElement(new CellFormula());
                _writer.WriteString(cell.Text!);
                _writer.WriteEndElement();
                WriteValue(cell.NumberText);
                break;
            case XlsxCellKind.UncachedFormula:
                _writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", "", reference), new OpenXmlAttribute("s", "", style)]);
                _writer.WriteStartElement(new CellFormula());
                _writer.WriteString(cell.Text!);
                _writer.WriteEndElement();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(cell));
        }
        _writer.WriteEndElement();
    }

    private void WriteValue(string value)
    {
        _writer.WriteStartElement(new CellValue());
        _writer.WriteString(value);
        _writer.WriteEndElement();
    }
}
