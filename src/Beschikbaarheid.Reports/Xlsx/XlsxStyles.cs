using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Beschikbaarheid.Reports.Xlsx;

/// <summary>The fixed stylesheet; the order of <c>CellFormats</c> is the numbering of <see cref="XlsxStyle"/>.</summary>
internal static class XlsxStyles
{
    private const uint EuroFormat = 164;
    private const uint DateFormat = 165;
    private const uint BuiltInPercent = 10;   // 0.00%
    private const uint BuiltInInteger = 3;    // #,##0
    private const uint BuiltInTwoDecimals = 2; // 0.00

    /// <summary>The stylesheet part as written into every workbook: built once, since it never changes.</summary>
    public static ReadOnlySpan<byte> Xml => Bytes.Value;

    private static readonly Lazy<byte[]> Bytes = new(() =>
        System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>" + Build().OuterXml));

    public static Stylesheet Build() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = EuroFormat, FormatCode = "\"€\"\\ #,##0.00;\"€\"\\ -#,##0.00" },
            new NumberingFormat { NumberFormatId = DateFormat, FormatCode = "dd-mm-yyyy" })
        { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "Calibri" }))
        { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = HexBinaryValue.FromString("FFD9E1F2") }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            Format(0, 0),                        // Default
            Format(0, 1),                        // Bold
            Format(0, 2),                        // Title
            Format(EuroFormat, 0),               // Euro
            Format(EuroFormat, 1),               // EuroBold
            Format(DateFormat, 0, left: true),   // Date (left, beside text labels)
            Format(BuiltInPercent, 0),           // Percent
            Format(BuiltInInteger, 0),           // Integer
            Format(BuiltInTwoDecimals, 0),       // Fte
            Format(0, 1, fill: 2, wrap: true),   // Header (wrapped: long Dutch labels in narrow number columns)
            Format(BuiltInPercent, 1),           // PercentBold
            Format(BuiltInInteger, 1),           // IntegerBold
            Format(0, 1, fill: 2, wrap: true, right: true), // HeaderRight (over a column of amounts or counts)
            Format(0, 0, wrap: true, top: false, indent: true), // Wrap (long text wraps within its column instead of running into the next)
            Format(0, 0, right: true),           // TextRight (a formula in words beside the amount it gives)
            Format(0, 0, center: true))          // Center (a short flag such as ja/nee, kept apart from an amount beside it)
        { Count = 16 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    /// <param name="top">Wrapped text starts at the top of its row (headers); otherwise it sits at the bottom like the numbers beside it.</param>
    /// <param name="indent">Left-aligned text keeps one character's space from a right-aligned amount in the column before it.</param>
    private static CellFormat Format(
        uint numberFormat, uint font, uint fill = 0, bool left = false, bool wrap = false, bool right = false, bool center = false, bool top = true, bool indent = false) => new(
        left || wrap || right || center
            ? [new Alignment
            {
                Horizontal = left || (indent && !right) ? HorizontalAlignmentValues.Left : right ? HorizontalAlignmentValues.Right : center ? HorizontalAlignmentValues.Center : null,
                Indent = indent && !right ? 1u : null,
                WrapText = wrap ? true : null,
                Vertical = wrap && top ? VerticalAlignmentValues.Top : null,
            }]
            : [])
    {
        NumberFormatId = numberFormat,
        FontId = font,
        FillId = fill,
        BorderId = 0,
        FormatId = 0,
        ApplyNumberFormat = numberFormat != 0,
        ApplyFont = font != 0,
        ApplyFill = fill != 0,
        ApplyAlignment = left || wrap || right || center,
    };
}
