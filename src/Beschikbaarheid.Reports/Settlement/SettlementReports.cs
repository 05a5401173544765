using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Cashier;
using Beschikbaarheid.Reports.EInvoice;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>
/// Writes every file of a run into <c>&lt;out&gt;/&lt;scheme&gt;/&lt;yyyy-MM&gt;/</c> (a year end into
/// <c>&lt;yyyy&gt;-vaststelling</c>): invoices with their e-invoices, allocation sheet, journal, and for the cashier flow the
/// cashier statement, a payment order per host municipality that is paid something and the SEPA payment file
/// (<c>betaalbestand-…xml</c>, pain.001.001.09) for those paid a positive amount. Temporary files that an
/// earlier, killed run left in that folder are removed first (<see cref="StaleTemporaryFiles"/>).
/// </summary>
public static class SettlementReports
{
    /// <param name="zone">The region's time zone (<c>Schedule:TimeZone</c>): when a run was made is printed in it, with its name.</param>
    /// <param name="paymentDay">The cashier flow's <c>flow.paymentDay</c>: the payments are executed on that day of the month after the period.</param>
    public static IReadOnlyList<string> WriteAll(IssuedSettlement settlement, string outputRoot, TimeZoneInfo zone, int paymentDay = Core.Schemes.CashierFlow.DefaultPaymentDay)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var run = settlement.Run;
        var folder = FolderOf(outputRoot, run);
        Directory.CreateDirectory(folder);
        StaleTemporaryFiles.Remove(folder);
        // One workbook per debtor, independent of each other: written on all cores.
        // Beside each workbook its e-invoice (UBL 2.1, SI-UBL 2.0) under the same name with .xml.
        var workbooks = settlement.Invoices.Select(i => Path.Combine(folder, $"{(i.IsCreditNote ? "creditnota" : "factuur")}-{i.Number}.xlsx")).ToList();
        Parallel.For(0, workbooks.Count, i =>
        {
            FileOutput.Publish(workbooks[i], path => InvoiceWorkbook.Write(settlement, settlement.Invoices[i], path, zone));
            FileOutput.Publish(Path.ChangeExtension(workbooks[i], ".xml"), path => UblInvoice.Write(settlement, settlement.Invoices[i], path));
        });
        var written = workbooks.SelectMany(w => new[] { w, Path.ChangeExtension(w, ".xml") }).ToList();
        var allocation = Path.Combine(folder, $"verdeelstaat-{run.SchemeId}-{run.Label}.xlsx");
        FileOutput.Publish(allocation, path => AllocationWorkbook.Write(settlement, path, zone));
        written.Add(allocation);
        if (settlement.Statement is { } statement)
        {
            var statementPath = Path.Combine(folder, $"kasstaat-{run.SchemeId}-{run.Label}.xlsx");
            FileOutput.Publish(statementPath, path => CashierStatementWorkbook.Write(settlement, statement, path, zone));
            written.Add(statementPath);
            var payments = new CashierPayments(settlement, statement, zone, paymentDay);
            foreach (var host in payments.PerHost.Keys)
            {
                var order = Path.Combine(folder, $"betaalopdracht-{PaymentOrderWorkbook.Reference(run, host)}.xlsx");
                FileOutput.Publish(order, path => PaymentOrderWorkbook.Write(payments, host, path));
                written.Add(order);
            }
            // The SEPA credit transfers of the same payments, when another municipality is paid something.
            if (payments.Transfers.Count > 0)
            {
                var sepa = Path.Combine(folder, SepaCreditTransfer.FileName(payments));
                FileOutput.Publish(sepa, path => SepaCreditTransfer.Write(payments, path));
                written.Add(sepa);
            }
        }
        var journal = Path.Combine(folder, "boekingen.csv");
        FileOutput.Publish(journal, path => Journal.Write(settlement, path));
        written.Add(journal);
        return written;
    }

    public static string FolderOf(string outputRoot, SettlementRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(outputRoot, run.SchemeId, run.Label);
    }
}
