using Beschikbaarheid.Core.Inventory;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Inventory;

/// <summary>What the care-hours inventory workbook shows for one year.</summary>
/// <param name="Selection">Which schools and residents it covers, in words, e.g. "alle scholen, alle woongemeenten".</param>
public sealed record InventoryReport(
    int Year,
    string Selection,
    IReadOnlyList<InventoryLine> Lines,
    IReadOnlyDictionary<SchoolLocationId, SchoolLocation> Schools,
    IReadOnlyDictionary<MunicipalityCode, Municipality> Municipalities);

/// <summary>
/// The care-hours inventory (<c>inventaris-&lt;year&gt;.xlsx</c>): a sheet "Inventaris" with a line per school location,
/// provider, care category and municipality of residence (distinct children, average hours per week), and totals per
/// location, per provider and per municipality of residence and overall; then a sheet per municipality of residence with
/// its lines and total. Counts of 1–4 read <c>&lt;5</c>.
/// </summary>
/// <remarks>
/// Every total is a live formula over the figures as shown: a masked count is text and adds nothing, so no total is
/// computed from a figure the sheet hides, and no subtraction of shown figures can reveal one. A total of children is
/// therefore a lower bound, and it adds lines: a child with care from two providers, in two categories or at two
/// locations counts in each line it is in. Hours per week are not masked (they are not a count of children) and add exactly.
/// </remarks>
public static class InventoryWorkbook
{
    public const string Masked = "<5";

    /// <summary>
    /// Landscape A4: 7 × 168 + 9 × 5 = 1221 px of about 1007: printed at 82%, wide enough that school, board (with its
    /// number) and provider names stay on one line (a board's name on three lines made every row three lines high).
    /// </summary>
    private static readonly double[] Widths = [9, 30, 44, 14, 24, 10, 16, 10, 11];

    public static void Write(InventoryReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var workbook = XlsxWorkbook.Create(path);
        using (var sheet = workbook.AddSheet("Inventaris", Widths, frozenRows: 5, landscape: true))
        {
            Heading(sheet, $"Inventaris zorguren {report.Year}", report);
            var (first, last) = Detail(sheet, report, report.Lines);
            var shown = report.Lines.Where(l => !l.Masked).ToList();
            sheet.Row(
                XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
                XlsxCell.Formula(Sum("H", first, last), shown.Sum(l => l.Children), XlsxStyle.IntegerBold),
                XlsxCell.Formula(Sum("I", first, last), report.Lines.Sum(l => l.HoursPerWeek), XlsxStyle.Fte));

            sheet.Skip();
            sheet.Row(XlsxCell.Of("Totaal per locatie", XlsxStyle.Bold));
            sheet.Row(
                XlsxCell.Of("Locatie-\ncode", XlsxStyle.Header), XlsxCell.Of("Locatie", XlsxStyle.Header), XlsxCell.Of("Bestuur", XlsxStyle.Header),
                XlsxCell.Of("Gemeente", XlsxStyle.Header), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
                XlsxCell.Of("Kinderen", XlsxStyle.HeaderRight), XlsxCell.Of("Uren per week", XlsxStyle.HeaderRight));
            foreach (var location in report.Lines.GroupBy(l => l.School).OrderBy(g => g.Key))
            {
                var school = report.Schools.GetValueOrDefault(location.Key);
                sheet.Row(
                    [XlsxCell.Of(location.Key.ToString()), XlsxCell.Of(school?.Name ?? "onbekend", XlsxStyle.Wrap), XlsxCell.Of(Board(school), XlsxStyle.Wrap),
                    XlsxCell.Of(MunicipalityName(report, school?.Municipality)), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
                    .. Totals("A", location.Key.ToString(), location.ToList(), first, last)]);
            }

            sheet.Skip();
            sheet.Row(XlsxCell.Of("Totaal per aanbieder", XlsxStyle.Bold));
            sheet.Row(
                XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Of("Aanbieder", XlsxStyle.Header), XlsxCell.Empty, XlsxCell.Empty,
                XlsxCell.Of("Kinderen", XlsxStyle.HeaderRight), XlsxCell.Of("Uren per week", XlsxStyle.HeaderRight));
            foreach (var provider in report.Lines.GroupBy(l => l.Provider, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                sheet.Row(
                    [XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Of(provider.Key, XlsxStyle.Wrap), XlsxCell.Empty, XlsxCell.Empty,
                    .. Totals("E", provider.Key, provider.ToList(), first, last)]);
            }

            sheet.Skip();
            sheet.Row(XlsxCell.Of("Totaal per woongemeente", XlsxStyle.Bold));
            sheet.Row(
                XlsxCell.Empty, XlsxCell.Of("Woongemeente", XlsxStyle.Header), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
                XlsxCell.Of("Code", XlsxStyle.Header), XlsxCell.Of("Kinderen", XlsxStyle.HeaderRight), XlsxCell.Of("Uren per week", XlsxStyle.HeaderRight));
            foreach (var residence in report.Lines.GroupBy(l => l.Residence).OrderBy(g => g.Key))
            {
                sheet.Row(
                    [XlsxCell.Empty, XlsxCell.Of(MunicipalityName(report, residence.Key), XlsxStyle.Wrap), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
                    XlsxCell.Of(residence.Key.Value), .. Totals("G", residence.Key.Value, residence.ToList(), first, last)]);
            }
            sheet.Skip();
            Notes(sheet);
        }

        foreach (var residence in report.Lines.GroupBy(l => l.Residence).OrderBy(g => g.Key))
        {
            using var sheet = workbook.AddSheet(residence.Key.Value, Widths, frozenRows: 5, landscape: true);
            Heading(sheet, $"Inventaris zorguren {report.Year}, inwoners van {MunicipalityName(report, residence.Key)}", report);
            var lines = residence.ToList();
            var (first, last) = Detail(sheet, report, lines);
            sheet.Row(
                XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
                XlsxCell.Formula(Sum("H", first, last), lines.Where(l => !l.Masked).Sum(l => l.Children), XlsxStyle.IntegerBold),
                XlsxCell.Formula(Sum("I", first, last), lines.Sum(l => l.HoursPerWeek), XlsxStyle.Fte));
            sheet.Skip();
            Notes(sheet);
        }
    }

    private static void Heading(XlsxSheet sheet, string title, InventoryReport report)
    {
        sheet.TallRow(22, XlsxCell.Of(title, XlsxStyle.Title));
        sheet.Row(XlsxCell.Of("Selectie", XlsxStyle.Bold), XlsxCell.Of(report.Selection));
        sheet.Row(XlsxCell.Of("Periode", XlsxStyle.Bold), XlsxCell.Of($"1 januari – 31 december {report.Year}; alleen Jeugdwet"));
        sheet.Skip();
    }

    /// <summary>The lines, with a header row and filter buttons; returns the first and last data row.</summary>
    private static (int First, int Last) Detail(XlsxSheet sheet, InventoryReport report, IReadOnlyList<InventoryLine> lines)
    {
        sheet.Row(
            XlsxCell.Of("Locatie-\ncode", XlsxStyle.Header), XlsxCell.Of("Locatie", XlsxStyle.Header), XlsxCell.Of("Bestuur", XlsxStyle.Header),
            XlsxCell.Of("Gemeente", XlsxStyle.Header), XlsxCell.Of("Aanbieder", XlsxStyle.Header), XlsxCell.Of("Categorie", XlsxStyle.Header),
            XlsxCell.Of("Woon-\ngemeente", XlsxStyle.Header), XlsxCell.Of("Kinderen", XlsxStyle.HeaderRight), XlsxCell.Of("Uren per week", XlsxStyle.HeaderRight));
        var first = sheet.RowNumber + 1;
        foreach (var line in lines)
        {
            var school = report.Schools.GetValueOrDefault(line.School);
            sheet.Row(
                XlsxCell.Of(line.School.ToString()), XlsxCell.Of(school?.Name ?? "onbekend", XlsxStyle.Wrap), XlsxCell.Of(Board(school), XlsxStyle.Wrap),
                XlsxCell.Of(MunicipalityName(report, school?.Municipality)), XlsxCell.Of(line.Provider, XlsxStyle.Wrap), XlsxCell.Of(line.Category),
                XlsxCell.Of(line.Residence.Value),
                line.Masked ? XlsxCell.Of(Masked, XlsxStyle.TextRight) : XlsxCell.Of(line.Children, XlsxStyle.Integer),
                XlsxCell.Of(line.HoursPerWeek, XlsxStyle.Fte));
        }
        var last = Math.Max(sheet.RowNumber, first);
        if (lines.Count == 0)
        {
            sheet.Row(XlsxCell.Of("Geen Jeugdwet-beschikkingen in deze selectie en dit jaar."));
        }
        sheet.AutoFilter(1, first - 1, 9, sheet.RowNumber);
        return (first, last);
    }

    /// <summary>The children and hours of a group, as SUMIF over the lines by an exact match of the group's column.</summary>
    private static XlsxCell[] Totals(string column, string value, IReadOnlyList<InventoryLine> group, int first, int last)
    {
        var criterion = Criterion(value);
        return
        [
            XlsxCell.Formula($"SUMIF({column}${first}:{column}${last},{criterion},H${first}:H${last})", group.Where(l => !l.Masked).Sum(l => l.Children), XlsxStyle.Integer),
            XlsxCell.Formula($"SUMIF({column}${first}:{column}${last},{criterion},I${first}:I${last})", group.Sum(l => l.HoursPerWeek), XlsxStyle.Fte),
        ];
    }

    private static string Sum(string column, int first, int last) => $"SUM({column}{first}:{column}{last})";

    /// <summary>
    /// A SUMIF criterion that matches the text exactly: "=" so a name starting with &lt; or &gt; is not a comparison, and
    /// the wildcards * and ? (and the escape ~ itself) escaped with ~; as a string literal with quotes doubled.
    /// </summary>
    internal static string Criterion(string value)
    {
        var escaped = value.Replace("~", "~~", StringComparison.Ordinal).Replace("*", "~*", StringComparison.Ordinal).Replace("?", "~?", StringComparison.Ordinal);
        return "\"=" + escaped.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void Notes(XlsxSheet sheet)
    {
        sheet.Note(
            "Kinderen: verschillende kinderen met ten minste één dag een actieve Jeugdwet-beschikking in het jaar. Uren per week: " +
            "Σ uren per week × actieve dagen in het jaar ÷ dagen in het jaar; twee beschikkingen van één kind zijn twee zorgtoewijzingen, " +
            "hun uren tellen op, het kind telt één keer per regel.", 9);
        sheet.Note(
            $"Aantallen van 1 tot en met 4 kinderen staan als {Masked}, zodat geen kind herkenbaar is. Totalen tellen alleen de getoonde " +
            "aantallen op: een afgeschermd aantal telt niet mee, zodat het niet door aftrekken te achterhalen is. Een totaal aan kinderen " +
            "is daarom een ondergrens, en een kind met zorg in twee regels (twee aanbieders, categorieën of locaties) telt in beide mee.", 9);
    }

    private static string Board(SchoolLocation? school) => school is null ? "" : $"{school.BoardNumber} {school.BoardName}";

    private static string MunicipalityName(InventoryReport report, MunicipalityCode? code) =>
        code is not { } c ? "" : report.Municipalities.TryGetValue(c, out var m) ? m.Name : c.Value;
}
