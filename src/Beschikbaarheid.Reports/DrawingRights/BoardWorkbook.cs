using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.DrawingRights;

/// <summary>What one school board's drawing-rights workbook shows for one scheme and funding year.</summary>
public sealed record BoardDrawingRights(
    string BoardNumber,
    string BoardName,
    string SchemeId,
    string SchemeName,
    int Year,
    IReadOnlyList<DrawingRight> Rights,
    IReadOnlyList<Transfer> Transfers,
    IReadOnlyDictionary<string, Money> CostPerFte,
    IReadOnlyDictionary<SchoolLocationId, SchoolLocation> Schools,
    IReadOnlyList<YearMonth> MonitorMonths,
    IReadOnlyDictionary<(SchoolLocationId School, YearMonth Month), int> StartsPerMonth);

/// <summary>
/// The drawing-rights workbook of a school board (DOMAIN "Outputs"): per location and care category the
/// FTE with the steps that led to it, the budget, the transfers and the FTE and budget after them.
/// Totals are live formulas; pupil counts that include a DUO mask are marked as estimated.
/// </summary>
public static class BoardWorkbook
{
    private static readonly System.Globalization.CultureInfo Dutch = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");

    public static void Write(BoardDrawingRights board, string path)
    {
        ArgumentNullException.ThrowIfNull(board);
        var after = BoardTransfers.FteAfter(board.Rights, board.Transfers);
        using var workbook = XlsxWorkbook.Create(path);
        // Landscape A4 holds about 1007 px at 100%; these 17 columns take 7 × 164 + 5 × 17 = 1233 px (82%). Narrow number
        // columns get headers that wrap between words; a word longer than its column is hyphenated with a line break.
        // FTE, budget and FTE after transfers stay in columns L, M and O; whether pupils are estimated has its own column, Q.
        using (var sheet = workbook.AddSheet("Trekkingsrecht", [9, 29, 7, 9, 7, 8, 8, 7, 7, 6, 8, 7, 13, 9, 9, 13, 8], frozenRows: 5, landscape: true))
        {
            sheet.TallRow(22, XlsxCell.Of($"Trekkingsrecht {board.Year} {board.BoardName} ({board.BoardNumber})", XlsxStyle.Title));
            // Labels run over the narrow column A into B; their values start in C.
            sheet.Row(XlsxCell.Of("Regeling", XlsxStyle.Bold), XlsxCell.Empty, XlsxCell.Of($"{board.SchemeName} ({board.SchemeId})"));
            sheet.Row(XlsxCell.Of("Kosten per FTE", XlsxStyle.Bold), XlsxCell.Empty,
                XlsxCell.Of(string.Join(", ", board.CostPerFte.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} € {c.Value.Euros.ToString("N2", Dutch)}"))));
            sheet.Skip();
            sheet.Row(
                Header("School-\nlocatie"), Header("School"), Header("Cate-\ngorie"), HeaderRight("Uren per week (refe-\nrentie)"), HeaderRight("FTE basis"),
                HeaderRight("Leer-\nlingen\nnu"), HeaderRight("Leer-\nlingen\ntoen"), HeaderRight("Groei"), HeaderRight("Opslag"), Header("Vast"),
                HeaderRight("Plafond"), HeaderRight("FTE"), HeaderRight("Budget"), HeaderRight("Over-\nheveling"), HeaderRight("FTE na\nover-\nheveling"),
                HeaderRight("Budget na overheveling"), Header("Leer-\nlingen\ngeschat"));
            var first = sheet.RowNumber + 1;
            foreach (var right in board.Rights.OrderBy(r => r.School).ThenBy(r => r.Category, StringComparer.Ordinal))
            {
                var fteAfter = after[(right.School, right.Category)];
                var cost = board.CostPerFte[right.Category];
                sheet.Row(
                    XlsxCell.Of(right.School.ToString()),
                    XlsxCell.Of(board.Schools.TryGetValue(right.School, out var school) ? school.Name : "", XlsxStyle.Wrap),
                    XlsxCell.Of(right.Category),
                    XlsxCell.Of(decimal.Round(right.HistoricalHours, 2), XlsxStyle.Fte),
                    XlsxCell.Of(decimal.Round(right.BaseFte, 4), XlsxStyle.Fte),
                    right.PupilsNow is { } now ? XlsxCell.Of(now, XlsxStyle.Integer) : XlsxCell.Empty,
                    right.PupilsThen is { } then ? XlsxCell.Of(then, XlsxStyle.Integer) : XlsxCell.Empty,
                    XlsxCell.Of(decimal.Round(right.GrowthFactor, 4), XlsxStyle.Fte),
                    XlsxCell.Of(right.UpliftFactor, XlsxStyle.Fte),
                    XlsxCell.Of(right.Fixed ? "ja" : "nee", XlsxStyle.Center),
                    XlsxCell.Of(decimal.Round(right.CapFactor, 4), XlsxStyle.Fte),
                    XlsxCell.Of(right.Fte, XlsxStyle.Fte),
                    XlsxCell.Of(right.Budget.Euros, XlsxStyle.Euro),
                    XlsxCell.Of(fteAfter - right.Fte, XlsxStyle.Fte),
                    XlsxCell.Of(fteAfter, XlsxStyle.Fte),
                    XlsxCell.Of(DrawingRightsCalculator.Budget(fteAfter, cost).Euros, XlsxStyle.Euro),
                    XlsxCell.Of(right.PupilsEstimated ? "ja" : "nee", XlsxStyle.Center));
            }
            var last = sheet.RowNumber;
            sheet.AutoFilter(1, first - 1, 17, last);
            sheet.Row(
                XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
                XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
                Sum('L', first, last, board.Rights.Sum(r => r.Fte), XlsxStyle.Fte),
                Sum('M', first, last, Money.Sum(board.Rights.Select(r => r.Budget)).Euros, XlsxStyle.EuroBold),
                Sum('N', first, last, 0m, XlsxStyle.Fte),
                Sum('O', first, last, after.Where(a => board.Rights.Any(r => r.School == a.Key.School && r.Category == a.Key.Category)).Sum(a => a.Value), XlsxStyle.Fte),
                Sum('P', first, last, Money.Sum(board.Rights.Select(r => DrawingRightsCalculator.Budget(after[(r.School, r.Category)], board.CostPerFte[r.Category]))).Euros, XlsxStyle.EuroBold));
            sheet.Skip();
            sheet.Note("Uren per week: beschikkingen (Jeugdwet) op de locatie, gewogen naar hun dagen in het laatste volledige schooljaar.", 17);
            sheet.Note("FTE = uren / directe uren per FTE × groei (leerlingen op de peildatum voor het jaar / in het referentiejaar) × opslag, " +
                "binnen het plafond, afgerond op 2 decimalen. Overhevelingen staan ernaast; het berekende FTE blijft staan.", 17);
        }

        WriteMonitor(workbook, board);

        using (var sheet = workbook.AddSheet("Overhevelingen", [10, 13, 13, 12], frozenRows: 1))
        {
            sheet.Row(Header("Cate-\ngorie"), Header("Van"), Header("Naar"), HeaderRight("FTE"));
            var first = sheet.RowNumber + 1;
            foreach (var transfer in board.Transfers)
            {
                sheet.Row(XlsxCell.Of(transfer.Category), XlsxCell.Of(transfer.From.ToString()), XlsxCell.Of(transfer.To.ToString()), XlsxCell.Of(transfer.Fte, XlsxStyle.Fte));
            }
            var last = sheet.RowNumber;
            sheet.AutoFilter(1, first - 1, 4, last);
            sheet.Row(XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty, XlsxCell.Empty, Sum('D', first, last, board.Transfers.Sum(t => t.Fte), XlsxStyle.Fte));
        }
    }

    /// <summary>The monitor: individual Jeugdwet beschikkingen started per month at each of the board's locations.</summary>
    private static void WriteMonitor(XlsxWorkbook workbook, BoardDrawingRights board)
    {
        var locations = board.Rights.Select(r => r.School).Distinct().Order().ToList();
        // A location code takes 6 characters: 7 × (10 + 9 × n + 9) + 5 × (n + 2) px stays within 80% of landscape A4
        // (1007 / 0.8 ≈ 1258 px) up to n = 16 locations.
        using var sheet = workbook.AddSheet("Monitor", [10, .. locations.Select(_ => 9.0), 9], frozenRows: 2, landscape: true);
        sheet.Row(XlsxCell.Of("Gestarte individuele beschikkingen (Jeugdwet) per maand", XlsxStyle.Bold));
        sheet.Row([Header("Maand"), .. locations.Select(l => HeaderRight(l.ToString())), HeaderRight("Totaal")]);
        var first = sheet.RowNumber + 1;
        foreach (var month in board.MonitorMonths)
        {
            var row = sheet.RowNumber + 1;
            var counts = locations.Select(l => board.StartsPerMonth.GetValueOrDefault((l, month))).ToList();
            var lastColumn = XlsxWorkbook.ColumnName(locations.Count + 1);
            sheet.Row([
                XlsxCell.Of(month.ToString()),
                .. counts.Select(c => XlsxCell.Of(c, XlsxStyle.Integer)),
                XlsxCell.Formula(locations.Count == 0 ? "0" : $"SUM(B{row}:{lastColumn}{row})", counts.Sum(), XlsxStyle.IntegerBold),
            ]);
        }
        sheet.AutoFilter(1, first - 1, locations.Count + 2, sheet.RowNumber);
    }

    private static XlsxCell Header(string label) => XlsxCell.Of(label, XlsxStyle.Header);

    /// <summary>A header over amounts, FTE or counts, right-aligned like them.</summary>
    private static XlsxCell HeaderRight(string label) => XlsxCell.Of(label, XlsxStyle.HeaderRight);

    private static XlsxCell Sum(char column, int first, int last, decimal value, XlsxStyle style) =>
        XlsxCell.Formula(last < first ? "0" : $"SUM({column}{first}:{column}{last})", value, style);
}
