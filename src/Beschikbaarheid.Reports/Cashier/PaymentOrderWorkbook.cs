using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Settlement;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Cashier;

/// <summary>
/// A payment order (<i>betaalopdracht</i>) from the cashier to one host municipality: what it pays for each
/// location on the host's territory in the run, with a live total, the payee's IBAN, execution and document date,
/// a payment reference the payee can match and fields for who prepared and who approved it.
/// </summary>
public static class PaymentOrderWorkbook
{
    /// <summary>The reference on the payment: scheme, run label and host.</summary>
    public static string Reference(SettlementRun run, MunicipalityCode host)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{run.SchemeId}-{run.Label}-{host}";
    }

    public static void Write(IssuedSettlement settlement, CashierStatement statement, MunicipalityCode host, string path, TimeZoneInfo zone) =>
        Write(new CashierPayments(settlement, statement, zone), host, path);

    /// <summary>
    /// The order names payee (name, code, IBAN from the municipality file), amount, execution date, document date and
    /// the payment reference the payee sees, then the locations it pays for, and fields to sign for preparing and approving.
    /// </summary>
    public static void Write(CashierPayments payments, MunicipalityCode host, string path)
    {
        ArgumentNullException.ThrowIfNull(payments);
        var settlement = payments.Settlement;
        var statement = payments.Statement;
        var run = settlement.Run;
        var lines = payments.PerHost.GetValueOrDefault(host) ?? [];
        var total = Money.Sum(lines.Select(l => l.Amount));
        var payee = Dutch.Municipality(settlement.Municipalities, host);
        using var workbook = XlsxWorkbook.Create(path, settlement.IsConcept ? Dutch.ConceptMark : null);
        // Portrait A4 at 100%: 7 × 82 + 5 × 3 = 589 of about 679 px; column A holds its longest label, "Rekening opdrachtgever".
        using var sheet = workbook.AddSheet("Betaalopdracht", [24, 40, 18], frozenRows: 0);
        sheet.TallRow(22, XlsxCell.Of(Dutch.Title(settlement, "Betaalopdracht"), XlsxStyle.Title));
        sheet.Skip();
        sheet.Row(Bold("Begunstigde"), XlsxCell.Of($"{payee} ({host}), gastgemeente"));
        sheet.Row(Bold("IBAN begunstigde"), XlsxCell.Of(payments.PayeeIban(host)?.ToString() ?? "ontbreekt in het gemeentebestand"));
        sheet.Row(Bold("Bedrag"), XlsxCell.Of(total.Euros, XlsxStyle.EuroBold));
        sheet.Row(Bold("Uitvoeringsdatum"), XlsxCell.Of(payments.ExecutionDate.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)));
        sheet.Row(Bold("Documentdatum"), XlsxCell.Of(payments.DocumentDate.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)));
        sheet.Row(Bold("Betalingskenmerk"), XlsxCell.Of(Reference(run, host)));
        sheet.Row(Bold("Omschrijving"), XlsxCell.Of(RemittanceText(run)));
        sheet.Skip();
        sheet.Row(Bold("Periode"), XlsxCell.Of(Dutch.Period(run)));
        sheet.Row(Bold("Regeling"), XlsxCell.Of($"{run.SchemeName} ({run.SchemeId})"));
        sheet.Row(Bold("Opdrachtgever"), XlsxCell.Of($"{Dutch.Municipality(settlement.Municipalities, statement.Cashier)} ({statement.Cashier}), kassier"));
        sheet.Row(Bold("Rekening opdrachtgever"), XlsxCell.Of(payments.DebtorIban ?? ""));
        sheet.Skip();
        sheet.Row(XlsxCell.Of("Schoollocatie", XlsxStyle.Header), XlsxCell.Of("School", XlsxStyle.Header), XlsxCell.Of("Bedrag", XlsxStyle.HeaderRight));
        var first = sheet.RowNumber + 1;
        foreach (var (school, amount) in lines)
        {
            sheet.Row(XlsxCell.Of(school.ToString()), XlsxCell.Of(Dutch.School(settlement.Schools, school), XlsxStyle.Wrap), XlsxCell.Of(amount.Euros, XlsxStyle.Euro));
        }
        var last = sheet.RowNumber;
        sheet.Row(Bold("Totaal"), XlsxCell.Empty, XlsxCell.Formula($"SUM(C{first}:C{last})", total.Euros, XlsxStyle.EuroBold));
        sheet.Skip();
        var invoiced = statement.FundersTotal == Money.Zero ? "de deelnemers" : "de deelnemers en financiers";
        sheet.Note($"De kassier betaalt uit wat hij {invoiced} factureerde en wat fondsen van het tekort dekken; zie de kasstaat van deze afrekening ({run.Id}).", 3);
        SignatureRows(sheet);
    }

    /// <summary>The fields where the one who prepared a payment order and the one who approved it sign, with the date.</summary>
    internal static void SignatureRows(XlsxSheet sheet)
    {
        sheet.Skip();
        sheet.Row(Bold("Opgesteld door"), XlsxCell.Of(""));
        sheet.Row(Bold("Datum"), XlsxCell.Of(""));
        sheet.Skip();
        sheet.Row(Bold("Goedgekeurd door"), XlsxCell.Of(""));
        sheet.Row(Bold("Datum"), XlsxCell.Of(""));
    }

    /// <summary>The text the payee reads on its statement: scheme and period.</summary>
    public static string RemittanceText(SettlementRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{run.SchemeName} ({run.SchemeId}), {Dutch.Period(run)}";
    }

    private static XlsxCell Bold(string text) => XlsxCell.Of(text, XlsxStyle.Bold);
}
