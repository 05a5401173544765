using System.Collections.Concurrent;
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
    /// <remarks>
    /// A concept (<see cref="IssuedSettlement.IsConcept"/>) goes to <c>&lt;yyyy-MM&gt;-concept</c> (<c>&lt;yyyy&gt;-vaststelling-concept</c>),
    /// emptied first so that it shows only this concept: its workbooks only, each titled and page-headed CONCEPT, its
    /// invoices named <c>factuur-concept-1.xlsx</c> after their markers; no e-invoice, no SEPA file and no journal, so
    /// that nothing of a concept can be booked, sent or paid.
    /// </remarks>
    public static IReadOnlyList<string> WriteAll(IssuedSettlement settlement, string outputRoot, TimeZoneInfo zone, int paymentDay = Core.Schemes.CashierFlow.DefaultPaymentDay)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var run = settlement.Run;
        var concept = settlement.IsConcept;
        var folder = FolderOf(outputRoot, settlement);
        if (concept && Directory.Exists(folder))
        {
            foreach (var old in Directory.EnumerateFiles(folder))
            {
                File.Delete(old);
            }
        }
        Directory.CreateDirectory(folder);
        StaleTemporaryFiles.Remove(folder);
        // One workbook per debtor, independent of each other and of the allocation sheet and the journal: all written on all
        // cores, the two long ones first, each taken by the next free core.
        // Beside each workbook its e-invoice (UBL 2.1, SI-UBL 2.0) under the same name with .xml; not for a concept.
        var workbooks = settlement.Invoices.Select(i => Path.Combine(folder, $"{(i.IsCreditNote ? "creditnota" : "factuur")}-{FileNameOf(i.Number, concept)}.xlsx")).ToList();
        var allocation = Path.Combine(folder, $"verdeelstaat-{run.SchemeId}-{run.Label}.xlsx");
        var journal = Path.Combine(folder, "boekingen.csv");
        List<Action> documents = [() => FileOutput.Publish(allocation, path => AllocationWorkbook.Write(settlement, path, zone))];
        if (!concept)
        {
            documents.Add(() => FileOutput.Publish(journal, path => Journal.Write(settlement, path)));
        }
        documents.AddRange(workbooks.Select((workbook, i) => (Action)(() =>
        {
            FileOutput.Publish(workbook, path => InvoiceWorkbook.Write(settlement, settlement.Invoices[i], path, zone));
            if (!concept)
            {
                FileOutput.Publish(Path.ChangeExtension(workbook, ".xml"), path => UblInvoice.Write(settlement, settlement.Invoices[i], path));
            }
        })));
        Parallel.ForEach(Partitioner.Create(documents, loadBalance: true), write => write());
        var written = workbooks.SelectMany(w => concept ? new[] { w } : new[] { w, Path.ChangeExtension(w, ".xml") }).ToList();
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
            if (payments.Transfers.Count > 0 && !concept)
            {
                var sepa = Path.Combine(folder, SepaCreditTransfer.FileName(payments));
                FileOutput.Publish(sepa, path => SepaCreditTransfer.Write(payments, path));
                written.Add(sepa);
            }
        }
        if (settlement.Subsidy is { } subsidy)
        {
            written.AddRange(Subsidy.SubsidyDocuments.WriteAll(settlement, subsidy, folder));
        }
        if (!concept)
        {
            written.Add(journal);
        }
        return written;
    }

    public static string FolderOf(string outputRoot, SettlementRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(outputRoot, run.SchemeId, run.Label);
    }

    /// <summary>Where a settlement's files go: its run's folder, with <c>-concept</c> for a concept.</summary>
    public static string FolderOf(string outputRoot, IssuedSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var folder = FolderOf(outputRoot, settlement.Run);
        return settlement.IsConcept ? folder + "-concept" : folder;
    }

    /// <summary>An invoice number as part of a file name: a concept's marker <c>CONCEPT 1</c> as <c>concept-1</c>.</summary>
    private static string FileNameOf(string number, bool concept) => concept ? number.Replace(' ', '-').ToLowerInvariant() : number;
}
