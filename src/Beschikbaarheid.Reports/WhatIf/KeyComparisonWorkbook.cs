using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.WhatIf;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.WhatIf;

/// <summary>What the what-if workbook shows: a scheme's pool of one year under its current key and the alternatives.</summary>
/// <param name="PoolDescription">How the pool was found, e.g. "trekkingsrechten 2026 (budget per locatie)".</param>
public sealed record KeyComparisonReport(
    string SchemeId,
    string SchemeName,
    int Year,
    string PoolDescription,
    KeyComparisonResult Result,
    IReadOnlySet<MunicipalityCode> Participants,
    IReadOnlyDictionary<MunicipalityCode, Municipality> Municipalities);

/// <summary>
/// The what-if of keys (<c>vergelijk-&lt;scheme&gt;-&lt;year&gt;.xlsx</c>): a sheet "Overzicht" with per municipality its annual
/// amount under the current key and each alternative; a sheet per alternative with share and amount under both and the
/// difference; and with a phase-in a sheet per alternative with the amount of each year of the path. Shares, differences
/// and totals are live formulas; every amount column adds up to the pool.
/// </summary>
public static class KeyComparisonWorkbook
{
    /// <summary>The most phase-in years a sheet prints legibly (3 + N columns of amounts on landscape A4 at 80% or more).</summary>
    public const int MaxPhaseInYears = 8;

    public static void Write(KeyComparisonReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = report.Result;
        var municipalities = result.Municipalities;
        using var workbook = XlsxWorkbook.Create(path);

        // Overview: code, name, current, one column per alternative; at most 7 × (9 + 20 + 14k) + 5 (3 + k) px.
        using (var sheet = workbook.AddSheet("Overzicht", [10, 20, .. Enumerable.Repeat(14d, 1 + result.Alternatives.Count)], frozenRows: 6, landscape: true))
        {
            Heading(sheet, $"Vergelijking van verdeelsleutels {report.Year}", report, result.Alternatives.Count + 3);
            sheet.Row([
                XlsxCell.Of("Gemeente-\ncode", XlsxStyle.Header), XlsxCell.Of("Gemeente", XlsxStyle.Header),
                XlsxCell.Of($"Huidig: {result.Current.Label}", XlsxStyle.HeaderRight),
                .. result.Alternatives.Select((a, i) => XlsxCell.Of($"Alternatief {i + 1}: {a.Label}", XlsxStyle.HeaderRight))]);
            var first = sheet.RowNumber + 1;
            foreach (var m in municipalities)
            {
                sheet.Row([XlsxCell.Of(m.Value), XlsxCell.Of(Name(report, m), XlsxStyle.Wrap), Euro(result.Current.Of(m)), .. result.Alternatives.Select(a => Euro(a.Of(m)))]);
            }
            var last = sheet.RowNumber;
            sheet.AutoFilter(1, first - 1, 3 + result.Alternatives.Count, last);
            sheet.Row([
                XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty,
                .. Enumerable.Range(0, 1 + result.Alternatives.Count).Select(i => XlsxCell.Formula($"SUM({Col(3 + i)}{first}:{Col(3 + i)}{last})", result.Pool.Euros, XlsxStyle.EuroBold))]);
            sheet.Skip();
            Notes(sheet, report, result.Alternatives.Count + 3);
        }

        for (var i = 0; i < result.Alternatives.Count; i++)
        {
            var alternative = result.Alternatives[i];
            // Portrait would not hold seven columns: landscape, 7 × (9 + 20 + 14 + 9 + 14 + 9 + 14) + 35 = 658 px: 100%.
            using (var sheet = workbook.AddSheet($"Alternatief {i + 1}", [10, 20, 14, 9, 14, 9, 14], frozenRows: 6, landscape: true))
            {
                Heading(sheet, $"Alternatief {i + 1}: {alternative.Label}", report, 7);
                sheet.Row(
                    XlsxCell.Of("Gemeente-\ncode", XlsxStyle.Header), XlsxCell.Of("Gemeente", XlsxStyle.Header),
                    XlsxCell.Of($"Huidig bedrag ({result.Current.Label})", XlsxStyle.HeaderRight), XlsxCell.Of("Huidig aandeel", XlsxStyle.HeaderRight),
                    XlsxCell.Of("Bedrag alternatief", XlsxStyle.HeaderRight), XlsxCell.Of("Aandeel alternatief", XlsxStyle.HeaderRight),
                    XlsxCell.Of("Verschil", XlsxStyle.HeaderRight));
                var first = sheet.RowNumber + 1;
                var total = first + municipalities.Count;
                foreach (var m in municipalities)
                {
                    var r = sheet.RowNumber + 1;
                    var now = result.Current.Of(m);
                    var then = alternative.Of(m);
                    sheet.Row(
                        XlsxCell.Of(m.Value), XlsxCell.Of(Name(report, m), XlsxStyle.Wrap),
                        Euro(now), XlsxCell.Formula($"C{r}/C${total}", Share(now, result.Pool), XlsxStyle.Percent),
                        Euro(then), XlsxCell.Formula($"E{r}/E${total}", Share(then, result.Pool), XlsxStyle.Percent),
                        XlsxCell.Formula($"E{r}-C{r}", (then - now).Euros, XlsxStyle.Euro));
                }
                var last = sheet.RowNumber;
                sheet.AutoFilter(1, first - 1, 7, last);
                sheet.Row(
                    XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty,
                    XlsxCell.Formula($"SUM(C{first}:C{last})", result.Pool.Euros, XlsxStyle.EuroBold),
                    XlsxCell.Formula($"SUM(D{first}:D{last})", 1m, XlsxStyle.PercentBold),
                    XlsxCell.Formula($"SUM(E{first}:E{last})", result.Pool.Euros, XlsxStyle.EuroBold),
                    XlsxCell.Formula($"SUM(F{first}:F{last})", 1m, XlsxStyle.PercentBold),
                    XlsxCell.Formula($"SUM(G{first}:G{last})", 0m, XlsxStyle.EuroBold));
            }
        }

        foreach (var (phaseIn, i) in result.PhaseIns.Select((p, i) => (p, i)))
        {
            var years = phaseIn.Years.Count;
            // 7 × (9 + 20 + 14 (1 + N)) + 5 (3 + N) px; N = 8: 1,085 + 55 = 1,140 of the 1,259 px that 80% allows on landscape A4.
            using var sheet = workbook.AddSheet($"Ingroei {i + 1}", [10, 20, .. Enumerable.Repeat(14d, 1 + years)], frozenRows: 6, landscape: true);
            Heading(sheet, $"Ingroei in {years} jaar naar alternatief {i + 1}: {phaseIn.Alternative.Label}", report, 3 + years);
            sheet.Row([
                XlsxCell.Of("Gemeente-\ncode", XlsxStyle.Header), XlsxCell.Of("Gemeente", XlsxStyle.Header), XlsxCell.Of("Huidig", XlsxStyle.HeaderRight),
                .. Enumerable.Range(1, years).Select(y => XlsxCell.Of($"Jaar {y}", XlsxStyle.HeaderRight))]);
            var first = sheet.RowNumber + 1;
            foreach (var m in municipalities)
            {
                sheet.Row([XlsxCell.Of(m.Value), XlsxCell.Of(Name(report, m), XlsxStyle.Wrap), Euro(result.Current.Of(m)), .. phaseIn.Years.Select(y => Euro(y.GetValueOrDefault(m)))]);
            }
            var last = sheet.RowNumber;
            sheet.Row([
                XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty,
                .. Enumerable.Range(0, 1 + years).Select(c => XlsxCell.Formula($"SUM({Col(3 + c)}{first}:{Col(3 + c)}{last})", result.Pool.Euros, XlsxStyle.EuroBold))]);
            sheet.Skip();
            sheet.Note(
                $"Jaar i van {years}: elke gemeente weegt huidig bedrag + (bedrag alternatief − huidig bedrag) × i / {years}; de pot wordt daarmee " +
                $"elk jaar opnieuw verdeeld volgens de verdeelregel (afronden op centen, resterende centen naar de grootste resten). Jaar {years} is het alternatief.",
                3 + years);
        }
    }

    private static void Heading(XlsxSheet sheet, string title, KeyComparisonReport report, int lastColumn)
    {
        sheet.TallRow(22, XlsxCell.Of(title, XlsxStyle.Title));
        sheet.Row(XlsxCell.Of("Regeling", XlsxStyle.Bold), XlsxCell.Of($"{report.SchemeId}: {report.SchemeName}"));
        // The amount two columns on, so that the description can run on beside it without being cut.
        sheet.Row(XlsxCell.Of("Pot", XlsxStyle.Bold), XlsxCell.Of(report.PoolDescription), XlsxCell.Empty, XlsxCell.Of(report.Result.Pool.Euros, XlsxStyle.Euro));
        sheet.Note("Een verkenning: er is niets opgeslagen of gefactureerd.", lastColumn);
        sheet.Skip();
    }

    private static void Notes(XlsxSheet sheet, KeyComparisonReport report, int lastColumn)
    {
        sheet.Note(
            "Elke kolom verdeelt dezelfde pot volgens de verdeelregel: afronden op centen naar beneden, de resterende centen één voor één " +
            "naar de grootste resten. Leerlingen: inwoners op de peildatum; kinderen: actieve dagen in het jaar van inwoners met een " +
            "Jeugdwet-beschikking op de locatie; een mix weegt beide aandelen. Trekkingsrechten worden per locatie verdeeld.", lastColumn);
        var others = report.Result.Municipalities.Where(m => !report.Participants.Contains(m)).ToList();
        if (others.Count > 0)
        {
            sheet.Note($"Geen deelnemer: {string.Join(", ", others.Select(m => m.Value))}.", lastColumn);
        }
    }

    private static XlsxCell Euro(Money amount) => XlsxCell.Of(amount.Euros, XlsxStyle.Euro);

    private static decimal Share(Money amount, Money pool) => pool.Cents == 0 ? 0 : (decimal)amount.Cents / pool.Cents;

    private static string Col(int column) => XlsxWorkbook.Reference(column, 1)[..^1];

    private static string Name(KeyComparisonReport report, MunicipalityCode code) =>
        report.Municipalities.TryGetValue(code, out var m) ? m.Name : code.Value;
}
