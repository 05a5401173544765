using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Funder;

/// <summary>One school location in the year overview: the pupils reached and what the year's runs recorded as the funder's cost there.</summary>
/// <param name="Board">The school board's number.</param>
public sealed record OverviewLocation(SchoolLocationId School, string Name, string Board, decimal Pupils, Money FunderCost);

/// <summary>One board's contribution in kind: hours, hourly value and their value (hours × hourly value, in cents).</summary>
public sealed record OverviewInKind(string Board, string BoardName, decimal Hours, decimal HourlyValue, Money Value);

/// <summary>What the year overview of a funder scheme shows (<c>jaaroverzicht-&lt;year&gt;.xlsx</c>).</summary>
/// <param name="ReachGrade">The grade the scheme names as its reach (<c>reach.grade</c>); null when it names none.</param>
/// <param name="Peildatum">The counting date whose pupil counts are the pupils reached.</param>
/// <param name="Masked">A count masked as &lt;5 was valued by the scheme setting.</param>
/// <param name="WithoutGrade">
/// With a reach grade: null when no location's counts carry grades, so every location counts all its pupils; otherwise
/// the locations whose counts carry none and that count all their pupils, the others those of the grade.
/// </param>
public sealed record YearOverview(
    string SchemeId,
    string SchemeName,
    int Year,
    MunicipalityCode Funder,
    string FunderName,
    int? ReachGrade,
    DateOnly Peildatum,
    bool Masked,
    IReadOnlyList<OverviewLocation> Locations,
    IReadOnlyList<OverviewInKind> InKind,
    IReadOnlyList<SchoolLocationId>? WithoutGrade = null);

/// <summary>
/// The year overview of a scheme with one funder ('s-Hertogenbosch, WIsH): per school location the pupils reached and the
/// funder's cost as the year's runs recorded it, then the contributions in kind per school board with their value, and what
/// the funder paid and the boards gave together. Every total and every in-kind value is a live formula.
/// </summary>
public static class YearOverviewWorkbook
{
    /// <summary>Portrait A4: 7 × 85 + 5 × 5 = 620 px of 678.72: printed at 100%.</summary>
    private static readonly double[] Widths = [10, 34, 12, 13, 16];

    public static void Write(YearOverview overview, string path)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var dutch = CultureInfo.GetCultureInfo("nl-NL");
        using var workbook = XlsxWorkbook.Create(path);
        using var sheet = workbook.AddSheet("Jaaroverzicht", Widths);
        // The scheme's name can be long: it goes on its own line, where a long one runs on within the page, not past it in the title's font.
        sheet.TallRow(22, XlsxCell.Of($"Jaaroverzicht {overview.Year}", XlsxStyle.Title));
        sheet.Row(XlsxCell.Of("Regeling", XlsxStyle.Bold), XlsxCell.Of($"{overview.SchemeName} ({overview.SchemeId})"));
        sheet.Row(XlsxCell.Of("Financier", XlsxStyle.Bold), XlsxCell.Of($"{overview.Funder.Value} {overview.FunderName}"));
        sheet.Note(ReachText(overview, dutch), Widths.Length);
        sheet.Skip();

        sheet.Row(XlsxCell.Of("Bereik en kosten per schoollocatie", XlsxStyle.Bold));
        sheet.Row(
            XlsxCell.Of("Locatie", XlsxStyle.Header), XlsxCell.Of("Naam", XlsxStyle.Header), XlsxCell.Of("Bestuur", XlsxStyle.Header),
            XlsxCell.Of("Leerlingen bereikt", XlsxStyle.HeaderRight), XlsxCell.Of("Kosten financier", XlsxStyle.HeaderRight));
        var firstLocation = sheet.RowNumber + 1;
        foreach (var location in overview.Locations)
        {
            sheet.Row(
                XlsxCell.Of(location.School.ToString()), XlsxCell.Of(location.Name, XlsxStyle.Wrap), XlsxCell.Of(location.Board),
                XlsxCell.Of(location.Pupils, XlsxStyle.Integer), XlsxCell.Of(location.FunderCost.Euros, XlsxStyle.Euro));
        }
        var lastLocation = sheet.RowNumber;
        var costTotal = sheet.Row(
            XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty, XlsxCell.Empty,
            Sum("D", firstLocation, lastLocation, overview.Locations.Sum(l => l.Pupils), XlsxStyle.IntegerBold),
            Sum("E", firstLocation, lastLocation, overview.Locations.Sum(l => l.FunderCost.Euros), XlsxStyle.EuroBold));
        sheet.Skip();

        sheet.Row(XlsxCell.Of("Bijdragen in natura per schoolbestuur", XlsxStyle.Bold));
        sheet.Row(
            XlsxCell.Of("Bestuur", XlsxStyle.Header), XlsxCell.Of("Naam", XlsxStyle.Header), XlsxCell.Of("Uren", XlsxStyle.HeaderRight),
            XlsxCell.Of("Waarde per uur", XlsxStyle.HeaderRight), XlsxCell.Of("Waarde", XlsxStyle.HeaderRight));
        var firstBoard = sheet.RowNumber + 1;
        foreach (var board in overview.InKind)
        {
            var r = sheet.RowNumber + 1;
            sheet.Row(
                XlsxCell.Of(board.Board), XlsxCell.Of(board.BoardName, XlsxStyle.Wrap), XlsxCell.Of(board.Hours, XlsxStyle.Fte),
                XlsxCell.Of(board.HourlyValue, XlsxStyle.Euro),
                // ROUND rounds half away from zero, as the value in cents is.
                XlsxCell.Formula($"ROUND(C{r}*D{r},2)", board.Value.Euros, XlsxStyle.Euro));
        }
        var lastBoard = sheet.RowNumber;
        var inKindTotal = sheet.Row(
            XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty,
            Sum("C", firstBoard, lastBoard, overview.InKind.Sum(b => b.Hours), XlsxStyle.Fte),
            XlsxCell.Empty,
            Sum("E", firstBoard, lastBoard, overview.InKind.Sum(b => b.Value.Euros), XlsxStyle.EuroBold));
        sheet.Skip();

        var cost = overview.Locations.Sum(l => l.FunderCost.Euros);
        var inKind = overview.InKind.Sum(b => b.Value.Euros);
        sheet.Row(XlsxCell.Of("Samen", XlsxStyle.Bold));
        sheet.Row(XlsxCell.Of("Kosten financier"), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Formula($"E{costTotal}", cost, XlsxStyle.Euro));
        sheet.Row(XlsxCell.Of("Bijdragen in natura"), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Formula($"E{inKindTotal}", inKind, XlsxStyle.Euro));
        var together = sheet.RowNumber;
        sheet.Row(XlsxCell.Of("Totale inzet", XlsxStyle.Bold), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
            XlsxCell.Formula($"E{together - 1}+E{together}", cost + inKind, XlsxStyle.EuroBold));
        sheet.Skip();
        sheet.Note(
            "De kosten van de financier zijn wat de maandruns en de jaarafsluiting van dit jaar hebben vastgelegd; er zijn geen facturen. "
            + "De waarde van een bijdrage in natura is uren × waarde per uur, afgerond op de cent.", Widths.Length);
    }

    private static XlsxCell Sum(string column, int first, int last, decimal value, XlsxStyle style) =>
        last < first ? XlsxCell.Of(0m, style) : XlsxCell.Formula($"SUM({column}{first}:{column}{last})", value, style);

    /// <summary>70IJ00, 71IJ00 en 72IJ00.</summary>
    private static string Enumeration(IReadOnlyList<SchoolLocationId> locations) =>
        locations.Count == 1 ? locations[0].ToString() : $"{string.Join(", ", locations.SkipLast(1))} en {locations[^1]}";

    private static string ReachText(YearOverview overview, CultureInfo dutch)
    {
        var date = overview.Peildatum.ToString("d MMMM yyyy", dutch);
        var masked = overview.Masked ? " Een aantal dat DUO als <5 maskeert, telt met de waarde van de regeling." : "";
        return (overview.ReachGrade, overview.WithoutGrade) switch
        {
            (null, _) => $"Bereik: alle leerlingen per locatie op de peildatum {date}.{masked}",
            ({ } grade, null) =>
                $"Bereik: de regeling noemt leerjaar {grade}; het leerlingenbestand kent geen leerjaar, dus hier alle leerlingen per locatie op de peildatum {date}.{masked}",
            ({ } grade, []) => $"Bereik: de leerlingen van leerjaar {grade} per locatie op de peildatum {date}.{masked}",
            ({ } grade, var whole) =>
                $"Bereik: de leerlingen van leerjaar {grade} per locatie op de peildatum {date}; voor {Enumeration(whole)} kent het leerlingenbestand geen leerjaar, dus daar alle leerlingen.{masked}",
        };
    }
}
