using System.Globalization;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Incumbent;

/// <summary>
/// The incumbent the benchmark measures the engine against: the formula workbook a region's finance officer builds
/// today for a per-child pool, reduced to what computes each debtor's total for one month (no invoices, no numbers).
/// Sheets: <c>Regeling</c> (the pool's parameters and the month), <c>Scholen</c> (the scheme's locations), one or more
/// <c>Beschikkingen</c> sheets (a row per beschikking as imported, with per-row formulas for eligibility, days active in
/// the month and the day-prorated amount), and <c>Debiteuren</c> (a row per participant: a SUMIFS of child-days and of
/// amounts over the rows), in that order.
/// </summary>
/// <remarks>
/// Every formula is stored without a result, so a reader that shows a figure has calculated it: opened without
/// recalculation the workbook shows no totals at all. Client pseudonyms are left out: the totals do not need them,
/// and sheets never carry client ids.
/// </remarks>
public static class IncumbentWorkbook
{
    /// <summary>Rows per Beschikkingen sheet: a spreadsheet holds 1,048,576 rows, so a larger region continues on the next sheet.</summary>
    public const int RowsPerSheet = 1_000_000;

    private static readonly double[] ParameterWidths = [30, 14];
    private static readonly double[] SchoolWidths = [12];
    private static readonly double[] RowWidths = [14, 12, 8, 10, 16, 10, 6, 8, 12, 12, 10, 8, 12];
    private static readonly double[] DebtorWidths = [12, 14, 16];

    // Regeling!B1..B8, in the order Parameters writes them.
    private const string Threshold = "Regeling!$B$1";
    private const string AnnualPerChild = "Regeling!$B$5";
    private const string MonthStart = "Regeling!$B$6";
    private const string MonthEnd = "Regeling!$B$7";
    private const string DaysInYear = "Regeling!$B$8";

    /// <summary>
    /// Writes the workbook for <paramref name="month"/> under <paramref name="terms"/> (a per-child pool), streaming the
    /// beschikkingen; returns the 1-based number of the <c>Debiteuren</c> sheet, the last one.
    /// </summary>
    public static int Write(string path, SchemeTerms terms, YearMonth month, IEnumerable<Beschikking> beschikkingen)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(beschikkingen);
        var pool = terms.Pool as PerChildPool ?? throw new ArgumentException("The incumbent workbook computes a per-child pool.", nameof(terms));
        var participants = terms.Participants.Order().ToList();
        var schools = terms.Schools.Order().ToList();
        using var workbook = XlsxWorkbook.Create(path);
        using (var sheet = workbook.AddSheet("Regeling", ParameterWidths))
        {
            Parameters(sheet, pool, month);
        }
        using (var sheet = workbook.AddSheet("Scholen", SchoolWidths, frozenRows: 1))
        {
            sheet.Row(XlsxCell.Of("Locatie", XlsxStyle.Header));
            foreach (var school in schools)
            {
                sheet.Row(XlsxCell.Of(school.ToString()));
            }
        }
        var participantRange = $"Debiteuren!$A$2:$A${participants.Count + 1}";
        var schoolRange = $"Scholen!$A$2:$A${schools.Count + 1}";
        var rowSheets = new List<(string Name, int LastRow)>();
        using (var rows = beschikkingen.GetEnumerator())
        {
            var more = rows.MoveNext();
            // An empty region still has one (empty) sheet, so the debtors' formulas have something to refer to.
            while (more || rowSheets.Count == 0)
            {
                var name = rowSheets.Count == 0 ? "Beschikkingen" : $"Beschikkingen {rowSheets.Count + 1}";
                using var sheet = workbook.AddSheet(name, RowWidths, frozenRows: 1);
                sheet.Row(
                    XlsxCell.Of("Beschikking", XlsxStyle.Header), XlsxCell.Of("Woon-\ngemeente", XlsxStyle.Header), XlsxCell.Of("Brin", XlsxStyle.Header),
                    XlsxCell.Of("Vestiging", XlsxStyle.Header), XlsxCell.Of("Aanbieder", XlsxStyle.Header), XlsxCell.Of("Categorie", XlsxStyle.Header),
                    XlsxCell.Of("Wet", XlsxStyle.Header), XlsxCell.Of("Uren per week", XlsxStyle.HeaderRight), XlsxCell.Of("Ingangs-\ndatum", XlsxStyle.Header),
                    XlsxCell.Of("Eind-\ndatum", XlsxStyle.Header), XlsxCell.Of("In de pool", XlsxStyle.HeaderRight), XlsxCell.Of("Dagen", XlsxStyle.HeaderRight),
                    XlsxCell.Of("Bedrag", XlsxStyle.HeaderRight));
                for (var n = 0; more && n < RowsPerSheet; n++, more = rows.MoveNext())
                {
                    Row(sheet, rows.Current, participantRange, schoolRange);
                }
                rowSheets.Add((name, sheet.RowNumber));
            }
        }
        using (var sheet = workbook.AddSheet("Debiteuren", DebtorWidths, frozenRows: 1))
        {
            sheet.Row(XlsxCell.Of("Gemeente", XlsxStyle.Header), XlsxCell.Of("Kinddagen", XlsxStyle.HeaderRight), XlsxCell.Of("Bedrag", XlsxStyle.HeaderRight));
            foreach (var participant in participants)
            {
                var row = sheet.RowNumber + 1;
                string Over(Func<string, int, string> part) => string.Join('+', rowSheets.Select(s => part($"'{s.Name}'!", s.LastRow)));
                sheet.Row(
                    XlsxCell.Of(participant.Value),
                    XlsxCell.Formula(Over((s, last) => $"SUMIFS({s}$L$2:$L${last},{s}$B$2:$B${last},$A{row},{s}$K$2:$K${last},1)"), XlsxStyle.Integer),
                    XlsxCell.Formula($"ROUND({Over((s, last) => $"SUMIFS({s}$M$2:$M${last},{s}$B$2:$B${last},$A{row})")},2)", XlsxStyle.Euro));
            }
            var end = sheet.RowNumber;
            sheet.Row(XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Formula($"SUM(B2:B{end})", XlsxStyle.IntegerBold), XlsxCell.Formula($"SUM(C2:C{end})", XlsxStyle.EuroBold));
        }
        return rowSheets.Count + 3;
    }

    private static void Parameters(XlsxSheet sheet, PerChildPool pool, YearMonth month)
    {
        sheet.Row(XlsxCell.Of("Drempel uren per week"), XlsxCell.Of(pool.ThresholdHoursPerWeek, XlsxStyle.Fte));
        sheet.Row(XlsxCell.Of("Normuren per week"), XlsxCell.Of(pool.NormHoursPerWeek, XlsxStyle.Fte));
        sheet.Row(XlsxCell.Of("Uurtarief"), XlsxCell.Of(pool.HourlyRate, XlsxStyle.Euro));
        sheet.Row(XlsxCell.Of("Schoolweken"), XlsxCell.Of(pool.SchoolWeeks, XlsxStyle.Integer));
        sheet.Row(XlsxCell.Of("Bedrag per kind per jaar"), XlsxCell.Formula("B2*B3*B4", XlsxStyle.Euro));
        sheet.Row(XlsxCell.Of("Eerste dag van de maand"), XlsxCell.Of(month.FirstDay));
        sheet.Row(XlsxCell.Of("Laatste dag van de maand"), XlsxCell.Formula("EOMONTH(B6,0)", XlsxStyle.Date));
        sheet.Row(XlsxCell.Of("Dagen in het jaar"), XlsxCell.Formula("DATE(YEAR(B6),12,31)-DATE(YEAR(B6),1,1)+1", XlsxStyle.Integer));
    }

    /// <summary>
    /// One beschikking: in the pool when JW, under the threshold, resident in a participant and at a scheme school (K);
    /// its days active in the month, an empty end date being open (L); and K × L × the annual amount / days in the year (M).
    /// </summary>
    private static void Row(XlsxSheet sheet, Beschikking beschikking, string participantRange, string schoolRange)
    {
        var r = (sheet.RowNumber + 1).ToString(CultureInfo.InvariantCulture);
        sheet.Row(
            XlsxCell.Of(beschikking.Number),
            XlsxCell.Of(beschikking.Residence.Value),
            XlsxCell.Of(beschikking.School.Brin),
            XlsxCell.Of(beschikking.School.Vestiging),
            XlsxCell.Of(beschikking.Provider),
            XlsxCell.Of(beschikking.Category),
            XlsxCell.Of(beschikking.Law.ToString()),
            XlsxCell.Of(beschikking.HoursPerWeek, XlsxStyle.Fte),
            XlsxCell.Of(beschikking.Active.Start),
            beschikking.Active.End is { } end ? XlsxCell.Of(end) : XlsxCell.Empty,
            XlsxCell.Formula(
                $"IF(AND(G{r}=\"JW\",H{r}<{Threshold},ISNUMBER(MATCH(B{r},{participantRange},0)),ISNUMBER(MATCH(C{r}&D{r},{schoolRange},0))),1,0)",
                XlsxStyle.Integer),
            XlsxCell.Formula($"MAX(0,MIN(IF(J{r}=\"\",{MonthEnd},J{r}),{MonthEnd})-MAX(I{r},{MonthStart})+1)", XlsxStyle.Integer),
            XlsxCell.Formula($"K{r}*L{r}*{AnnualPerChild}/{DaysInYear}", XlsxStyle.Euro));
    }
}
