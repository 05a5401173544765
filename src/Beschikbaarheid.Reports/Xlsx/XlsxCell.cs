namespace Beschikbaarheid.Reports.Xlsx;

/// <summary>The formats a cell can carry; each maps to one entry of the workbook's fixed stylesheet.</summary>
internal enum XlsxStyle : uint
{
    Default = 0,
    Bold = 1,
    Title = 2,
    Euro = 3,
    EuroBold = 4,
    Date = 5,
    Percent = 6,
    Integer = 7,
    Fte = 8,
    Header = 9,
    PercentBold = 10,
    IntegerBold = 11,
    HeaderRight = 12,
    Wrap = 13,
    TextRight = 14,
    Center = 15,
}

/// <summary>One cell to write: text, a number, a date, or a formula with the value it evaluates to.</summary>
internal readonly record struct XlsxCell(XlsxCellKind Kind, string? Text, decimal Number, XlsxStyle Style)
{
    /// <summary>Styles whose text wraps: the row is made tall enough to show every line.</summary>
    internal bool Wraps => Kind == XlsxCellKind.Text && Style is XlsxStyle.Header or XlsxStyle.HeaderRight or XlsxStyle.Wrap;

    public static XlsxCell Empty => default;

    public static XlsxCell Of(string? text, XlsxStyle style = XlsxStyle.Default) =>
        text is null ? Empty : new(XlsxCellKind.Text, text, 0, style);

    public static XlsxCell Of(decimal number, XlsxStyle style) => new(XlsxCellKind.Number, null, number, style);

    public static XlsxCell Of(DateOnly date) =>
        new(XlsxCellKind.Number, null, date.DayNumber - new DateOnly(1899, 12, 30).DayNumber, XlsxStyle.Date);

    /// <summary>A live formula; <paramref name="value"/> is stored as its cached result so readers that do not calculate see it too.</summary>
    public static XlsxCell Formula(string formula, decimal value, XlsxStyle style) => new(XlsxCellKind.Formula, formula, value, style);

    /// <summary>A live formula stored without a result: a reader shows a value only by calculating it.</summary>
    public static XlsxCell Formula(string formula, XlsxStyle style) => new(XlsxCellKind.UncachedFormula, formula, 0, style);
}

internal enum XlsxCellKind { None, Text, Number, Formula, UncachedFormula }
