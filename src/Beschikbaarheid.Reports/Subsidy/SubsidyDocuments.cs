using System.Globalization;
using System.Text;
using System.Xml;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Cashier;
using Beschikbaarheid.Reports.Settlement;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Subsidy;

/// <summary>
/// The documents of the lead's payment to the school board of an estimate pool (issue 13): per month a payment order
/// (<c>betaalopdracht-&lt;scheme&gt;-&lt;label&gt;-&lt;board&gt;.xlsx</c>) for the subsidy advance with its SEPA credit transfer
/// (<c>betaalbestand-…xml</c>, pain.001.001.09, written by <see cref="SepaCreditTransfer"/>); at the year end the setting
/// of the subsidy (grant, realised hours × rate, set amount, advances paid) with either a reclaim
/// (<c>terugvordering-…xlsx</c>, what the board pays back) or a payment order for what is still due.
/// </summary>
public static class SubsidyDocuments
{
    /// <summary>The reference on the payment or the reclaim: scheme, run label and board.</summary>
    public static string Reference(SettlementRun run, SubsidyPayment subsidy)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(subsidy);
        return $"{run.SchemeId}-{run.Label}-{subsidy.Recipient.Board}";
    }

    /// <summary>The payment is executed on the 15th of the month after the period (after a year end: of January).</summary>
    public static DateOnly ExecutionDate(SettlementRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return CashierFlow.ExecutionDate(run.Period, CashierFlow.DefaultPaymentDay);
    }

    /// <summary>The lead: the issuer of the run's invoices, else the one participant that is not invoiced.</summary>
    public static MunicipalityCode? Lead(IssuedSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return (settlement.Invoices.Count > 0 ? settlement.Invoices[0].Issuer : (MunicipalityCode?)null) ?? settlement.Allocation.FirstOrDefault(a => !a.Invoiced)?.Municipality;
    }

    /// <summary>The lead's account: the scheme's invoice IBAN as stored on the run's invoices, else the lead's IBAN from the municipality file.</summary>
    public static string? LeadIban(IssuedSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return (settlement.Invoices.Count > 0 ? settlement.Invoices[0].Iban.Replace(" ", "", StringComparison.Ordinal) : null)
            ?? (Lead(settlement) is { } lead && settlement.Municipalities.TryGetValue(lead, out var m) ? m.Iban?.Value : null);
    }

    /// <summary>Writes the run's subsidy documents into <paramref name="folder"/>; the SEPA file only for an issued run that pays a positive amount.</summary>
    public static IReadOnlyList<string> WriteAll(IssuedSettlement settlement, SubsidyPayment subsidy, string folder)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(subsidy);
        var run = settlement.Run;
        var written = new List<string>();
        var yearEnd = subsidy.Period.Month is null;
        if (subsidy.Amount == Money.Zero && !yearEnd)
        {
            return written;
        }
        var name = subsidy.IsReclaim ? "terugvordering" : yearEnd && subsidy.Amount == Money.Zero ? "vaststelling-subsidie" : "betaalopdracht";
        var order = Path.Combine(folder, $"{name}-{Reference(run, subsidy)}.xlsx");
        FileOutput.Publish(order, path => Write(settlement, subsidy, path));
        written.Add(order);
        if (subsidy.Amount > Money.Zero && !settlement.IsConcept)
        {
            var lead = Lead(settlement);
            var leadName = lead is { } code ? Dutch.Municipality(settlement.Municipalities, code) : run.SchemeName;
            var iban = LeadIban(settlement)
                ?? throw new InvalidOperationException($"run {run.Id}: the lead {leadName} has no IBAN to pay the school board from");
            var sepa = Path.Combine(folder, $"betaalbestand-{run.SchemeId}-{run.Label}.xml");
            var document = SepaCreditTransfer.Build(run, leadName, iban, ExecutionDate(run),
                [new SepaCreditTransfer.Transfer(subsidy.Recipient.Name, subsidy.Recipient.Iban, subsidy.Amount, Reference(run, subsidy), RemittanceText(run, subsidy))]);
            FileOutput.Publish(sepa, path =>
            {
                using var writer = XmlWriter.Create(path, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
                document.Save(writer);
            });
            written.Add(sepa);
        }
        return written;
    }

    public static string RemittanceText(SettlementRun run, SubsidyPayment subsidy)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(subsidy);
        var what = subsidy.Period.Month is null ? $"vaststelling subsidie {run.Period.Year}" : $"voorschot subsidie {Dutch.Period(run)}";
        return $"{run.SchemeName} ({run.SchemeId}), {what}";
    }

    /// <summary>The payment order, the reclaim or the year end's setting: payee (or debtor) board, amount, dates, reference, and at the year end how the subsidy was set.</summary>
    public static void Write(IssuedSettlement settlement, SubsidyPayment subsidy, string path)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(subsidy);
        var run = settlement.Run;
        var yearEnd = subsidy.Period.Month is null;
        var lead = Lead(settlement);
        var leadText = lead is { } code ? $"{Dutch.Municipality(settlement.Municipalities, code)} ({code}), penvoerder" : "";
        var board = $"{subsidy.Recipient.Name} (bestuur {subsidy.Recipient.Board})";
        var title = subsidy.IsReclaim ? "Terugvordering subsidie" : subsidy.Amount == Money.Zero ? "Vaststelling subsidie" : "Betaalopdracht subsidie";
        using var workbook = XlsxWorkbook.Create(path, settlement.IsConcept ? Dutch.ConceptMark : null);
        using var sheet = workbook.AddSheet(subsidy.IsReclaim ? "Terugvordering" : "Subsidie", [30, 44, 18], frozenRows: 0);
        sheet.TallRow(22, XlsxCell.Of(Dutch.Title(settlement, title), XlsxStyle.Title));
        sheet.Skip();
        if (subsidy.IsReclaim)
        {
            sheet.Row(Bold("Debiteur"), XlsxCell.Of(board));
            sheet.Row(Bold("Terug te betalen"), XlsxCell.Of((-subsidy.Amount).Euros, XlsxStyle.EuroBold));
            sheet.Row(Bold("Te betalen op IBAN"), XlsxCell.Of(LeadIban(settlement) ?? ""));
            sheet.Row(Bold("Ten name van"), XlsxCell.Of(leadText));
        }
        else
        {
            sheet.Row(Bold("Begunstigde"), XlsxCell.Of(board));
            sheet.Row(Bold("IBAN begunstigde"), XlsxCell.Of(subsidy.Recipient.Iban));
            sheet.Row(Bold("Bedrag"), XlsxCell.Of(subsidy.Amount.Euros, XlsxStyle.EuroBold));
            sheet.Row(Bold("Uitvoeringsdatum"), XlsxCell.Of(ExecutionDate(run).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)));
            sheet.Row(Bold("Opdrachtgever"), XlsxCell.Of(leadText));
            sheet.Row(Bold("Rekening opdrachtgever"), XlsxCell.Of(LeadIban(settlement) ?? ""));
        }
        sheet.Row(Bold("Betalingskenmerk"), XlsxCell.Of(Reference(run, subsidy)));
        sheet.Row(Bold("Omschrijving"), XlsxCell.Of(RemittanceText(run, subsidy)));
        sheet.Row(Bold("Periode"), XlsxCell.Of(Dutch.Period(run)));
        sheet.Row(Bold("Regeling"), XlsxCell.Of($"{run.SchemeName} ({run.SchemeId})"));
        sheet.Skip();
        var calculation = run.Calculation;
        var granted = sheet.RowNumber + 1;
        sheet.Row(Bold("Verleend (inschatting)"),
            XlsxCell.Of(calculation?.EstimateHoursPerWeek is { } hours && calculation.HourlyRate is { } rate && calculation.SchoolWeeks is { } weeks
                ? $"{Dutch.Number(hours)} uur per week × {Dutch.EuroExact(rate)} × {weeks} schoolweken" : ""),
            XlsxCell.Of(subsidy.Granted.Euros, XlsxStyle.Euro));
        if (yearEnd && subsidy.Set is { } set)
        {
            var realised = subsidy.RealisedHours is { } h && calculation?.HourlyRate is { } r
                ? $"{Dutch.Number(h)} gerealiseerde uren × {Dutch.EuroExact(r)}" : "";
            sheet.Row(Bold("Realisatie"), XlsxCell.Of(realised),
                subsidy.RealisedHours is { } hoursDone && calculation?.HourlyRate is { } rateDone
                    ? XlsxCell.Of(Money.RoundHalfAwayFromZero(hoursDone * rateDone * 100m).Euros, XlsxStyle.Euro) : XlsxCell.Empty);
            var setRow = sheet.RowNumber + 1;
            sheet.Row(Bold("Vastgesteld"), XlsxCell.Of("het laagste van verleend en realisatie"), XlsxCell.Formula($"MIN(C{granted}:C{setRow - 1})", set.Euros, XlsxStyle.Euro));
            var paidRow = sheet.RowNumber + 1;
            sheet.Row(Bold("Betaald aan voorschotten"), XlsxCell.Empty, XlsxCell.Of(subsidy.PaidBefore.Euros, XlsxStyle.Euro));
            sheet.Row(Bold(subsidy.IsReclaim ? "Terugvordering" : "Nog te betalen"), XlsxCell.Of(subsidy.IsReclaim ? "betaald − vastgesteld" : "vastgesteld − betaald"),
                XlsxCell.Formula(subsidy.IsReclaim ? $"C{paidRow}-C{setRow}" : $"C{setRow}-C{paidRow}", Math.Abs(subsidy.Amount.Euros), XlsxStyle.EuroBold));
        }
        else
        {
            sheet.Row(Bold("Eerder betaald dit jaar"), XlsxCell.Empty, XlsxCell.Of(subsidy.PaidBefore.Euros, XlsxStyle.Euro));
            sheet.Note($"Voorschot: maand {run.Period.Month} van het maandschema van het verleende bedrag V, ⌊V × {run.Period.Month} ÷ 12⌋ − ⌊V × {run.Period.Month - 1} ÷ 12⌋, "
                + "plus wat een gewijzigde inschatting toevoegt aan de eerder afgerekende maanden van het jaar, min wat eerder dit jaar betaald is bovenop die maanden.", 3);
        }
        Cashier.PaymentOrderWorkbook.SignatureRows(sheet);
    }

    private static XlsxCell Bold(string text) => XlsxCell.Of(text, XlsxStyle.Bold);
}
