using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>Writes every file of a settled period into <c>&lt;out&gt;/&lt;scheme&gt;/&lt;yyyy-MM&gt;/</c>.</summary>
public static class SettlementReports
{
    public static IReadOnlyList<string> WriteAll(IssuedSettlement settlement, string outputRoot)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var folder = FolderOf(outputRoot, settlement.Run);
        Directory.CreateDirectory(folder);
        // One workbook per debtor, independent of each other: written on all cores.
        var written = settlement.Invoices.Select(i => Path.Combine(folder, $"factuur-{i.Number}.xlsx")).ToList();
        Parallel.For(0, written.Count, i => InvoiceWorkbook.Write(settlement, settlement.Invoices[i], written[i]));
        var allocation = Path.Combine(folder, $"verdeelstaat-{settlement.Run.SchemeId}-{settlement.Run.Period}.xlsx");
        AllocationWorkbook.Write(settlement, allocation);
        written.Add(allocation);
        var journal = Path.Combine(folder, "boekingen.csv");
        Journal.Write(settlement, journal);
        written.Add(journal);
        return written;
    }

    public static string FolderOf(string outputRoot, SettlementRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(outputRoot, run.SchemeId, run.Period.ToString());
    }
}
