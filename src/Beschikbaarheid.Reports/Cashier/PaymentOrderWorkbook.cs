using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Settlement;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Cashier;

/// <summary>
/// A payment order (<i>betaalopdracht</i>) from the cashier to one host municipality: what it pays for each
/// location on the host's territory in the run, with a live total and a payment reference.
/// </summary>
public static class PaymentOrderWorkbook
{
    /// <summary>The reference on the payment: scheme, run label and host.</summary>
    public static string Reference(SettlementRun run, MunicipalityCode host)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{run.SchemeId}-{run.Label}-{host}";
    }

    public static void Write(IssuedSettlement settlement, CashierStatement statement, MunicipalityCode host, string path)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(statement);
        var run = settlement.Run;
        var lines = statement.PaidOut
            .Where(p => settlement.Schools.TryGetValue(p.Key, out var s) && s.Municipality == host)
            .OrderBy(p => p.Key)
            .ToList();
        using var workbook = XlsxWorkbook.Create(path);
        using var sheet = workbook.AddSheet("Betaalopdracht", [16, 36, 18], frozenRows: 0);
        sheet.TallRow(22, XlsxCell.Of("Betaalopdracht", XlsxStyle.Title));
        sheet.Skip();
        sheet.Row(Bold("Kenmerk"), XlsxCell.Of(Reference(run, host)));
        sheet.Row(Bold("Periode"), XlsxCell.Of(Dutch.Period(run)));
        sheet.Row(Bold("Regeling"), XlsxCell.Of($"{run.SchemeName} ({run.SchemeId})"));
        sheet.Row(Bold("Van"), XlsxCell.Of($"{Dutch.Municipality(settlement.Municipalities, statement.Cashier)} ({statement.Cashier}), kassier"));
        sheet.Row(Bold("Aan"), XlsxCell.Of($"{Dutch.Municipality(settlement.Municipalities, host)} ({host}), gastgemeente"));
        sheet.Skip();
        sheet.Row(XlsxCell.Of("Schoollocatie", XlsxStyle.Header), XlsxCell.Of("School", XlsxStyle.Header), XlsxCell.Of("Bedrag", XlsxStyle.Header));
        var first = sheet.RowNumber + 1;
        foreach (var (school, amount) in lines)
        {
            sheet.Row(XlsxCell.Of(school.ToString()), XlsxCell.Of(Dutch.School(settlement.Schools, school)), XlsxCell.Of(amount.Euros, XlsxStyle.Euro));
        }
        var last = sheet.RowNumber;
        sheet.Row(Bold("Totaal"), XlsxCell.Empty, XlsxCell.Formula($"SUM(C{first}:C{last})", Money.Sum(lines.Select(l => l.Value)).Euros, XlsxStyle.EuroBold));
        sheet.Skip();
        sheet.Row(XlsxCell.Of($"De kassier betaalt uit wat hij van de deelnemers ontving en wat fondsen van het tekort dekken; zie de kasstaat van deze afrekening ({run.Id})."));
    }

    private static XlsxCell Bold(string text) => XlsxCell.Of(text, XlsxStyle.Bold);
}
