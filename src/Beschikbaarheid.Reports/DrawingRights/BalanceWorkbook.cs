using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.DrawingRights;

/// <summary>What the balance workbook of a scheme without invoices shows for one funding year.</summary>
public sealed record BalanceStatement(
    string SchemeId,
    string SchemeName,
    int Year,
    decimal ThresholdPct,
    IReadOnlyList<BalanceRow> Rows,
    IReadOnlyDictionary<MunicipalityCode, Municipality> Municipalities);

/// <summary>
/// The balance of a <c>none</c> flow: per municipality the cost of the locations on its territory against
/// its residents' use, the difference (a live formula) and a flag above the scheme's threshold.
/// </summary>
public static class BalanceWorkbook
{
    public static void Write(BalanceStatement balance, string path)
    {
        ArgumentNullException.ThrowIfNull(balance);
        using var workbook = XlsxWorkbook.Create(path);
        // Landscape A4 at 100%: 7 × 104 + 5 × 7 = 763 of about 1007 px. Every header word fits its column, so headers
        // wrap between words, never inside one.
        using var sheet = workbook.AddSheet("Balans", [13, 24, 16, 16, 15, 10, 10], frozenRows: 4, landscape: true);
        sheet.TallRow(22, XlsxCell.Of($"Balans {balance.Year} {balance.SchemeName}", XlsxStyle.Title));
        sheet.Row(XlsxCell.Of("Regeling", XlsxStyle.Bold), XlsxCell.Of(balance.SchemeId),
            XlsxCell.Of("Drempel", XlsxStyle.Bold), XlsxCell.Of(balance.ThresholdPct / 100m, XlsxStyle.Percent));
        sheet.Skip();
        sheet.Row(
            XlsxCell.Of("Gemeente-\ncode", XlsxStyle.Header), XlsxCell.Of("Gemeente", XlsxStyle.Header),
            XlsxCell.Of("Kosten locaties op grondgebied", XlsxStyle.HeaderRight), XlsxCell.Of("Gebruik door inwoners", XlsxStyle.HeaderRight),
            XlsxCell.Of("Verschil", XlsxStyle.HeaderRight), XlsxCell.Of("Verschil %", XlsxStyle.HeaderRight), XlsxCell.Of("Boven drempel", XlsxStyle.Header));
        var first = sheet.RowNumber + 1;
        foreach (var row in balance.Rows)
        {
            var r = sheet.RowNumber + 1;
            sheet.Row(
                XlsxCell.Of(row.Municipality.Value),
                XlsxCell.Of(balance.Municipalities.TryGetValue(row.Municipality, out var m) ? $"Gemeente {m.Name}" : row.Municipality.Value, XlsxStyle.Wrap),
                XlsxCell.Of(row.Territory.Euros, XlsxStyle.Euro),
                XlsxCell.Of(row.Use.Euros, XlsxStyle.Euro),
                XlsxCell.Formula($"C{r}-D{r}", row.Difference.Euros, XlsxStyle.Euro),
                row.DifferencePct is { } pct ? XlsxCell.Formula($"IF(C{r}=0,0,E{r}/C{r})", pct / 100m, XlsxStyle.Percent) : XlsxCell.Of("n.v.t.", XlsxStyle.Center),
                XlsxCell.Of(row.Flagged ? "ja" : "nee", XlsxStyle.Center));
        }
        var last = sheet.RowNumber;
        sheet.AutoFilter(1, first - 1, 7, last);
        sheet.Row(
            XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty,
            XlsxCell.Formula($"SUM(C{first}:C{last})", balance.Rows.Sum(x => x.Territory.Euros), XlsxStyle.EuroBold),
            XlsxCell.Formula($"SUM(D{first}:D{last})", balance.Rows.Sum(x => x.Use.Euros), XlsxStyle.EuroBold),
            XlsxCell.Formula($"SUM(E{first}:E{last})", balance.Rows.Sum(x => x.Difference.Euros), XlsxStyle.EuroBold));
        sheet.Skip();
        sheet.Note("Geen facturen tussen gemeenten: een positief verschil betekent dat de gemeente meer huisvest dan haar inwoners gebruiken.", 7);
    }
}
