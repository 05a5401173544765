using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Cashier;
using Beschikbaarheid.Reports.EInvoice;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>
/// Writes every file of a run into <c>&lt;out&gt;/&lt;scheme&gt;/&lt;yyyy-MM&gt;/</c> (a year end into
/// <c>&lt;yyyy&gt;-vaststelling</c>): invoices with their e-invoices, allocation sheet, journal, and for the cashier flow the
/// cashier statement and a payment order per host municipality that is paid something. Temporary files that an
/// earlier, killed run left in that folder are removed first (<see cref="StaleTemporaryFiles"/>).
/// </summary>
public static class SettlementReports
{
    public static IReadOnlyList<string> WriteAll(IssuedSettlement settlement, string outputRoot)
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
            FileOutput.Publish(workbooks[i], path => InvoiceWorkbook.Write(settlement, settlement.Invoices[i], path));
            FileOutput.Publish(Path.ChangeExtension(workbooks[i], ".xml"), path => UblInvoice.Write(settlement, settlement.Invoices[i], path));
        });
        var written = workbooks.SelectMany(w => new[] { w, Path.ChangeExtension(w, ".xml") }).ToList();
        var allocation = Path.Combine(folder, $"verdeelstaat-{run.SchemeId}-{run.Label}.xlsx");
        FileOutput.Publish(allocation, path => AllocationWorkbook.Write(settlement, path));
        written.Add(allocation);
        if (settlement.Statement is { } statement)
        {
            var statementPath = Path.Combine(folder, $"kasstaat-{run.SchemeId}-{run.Label}.xlsx");
            FileOutput.Publish(statementPath, path => CashierStatementWorkbook.Write(settlement, statement, path));
            written.Add(statementPath);
            var hosts = statement.PaidOut.Where(p => p.Value != Core.Arithmetic.Money.Zero).Select(p => p.Key)
                .Select(s => settlement.Schools.TryGetValue(s, out var school) ? school.Municipality : (Core.Registry.MunicipalityCode?)null)
                .OfType<Core.Registry.MunicipalityCode>()
                .Where(h => h != statement.Cashier)
                .Distinct()
                .Order();
            foreach (var host in hosts)
            {
                var order = Path.Combine(folder, $"betaalopdracht-{PaymentOrderWorkbook.Reference(run, host)}.xlsx");
                FileOutput.Publish(order, path => PaymentOrderWorkbook.Write(settlement, statement, host, path));
                written.Add(order);
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
