using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>
/// The allocation sheet's block of funders that are not municipalities, above the municipalities' split, so that the
/// arithmetic can be redone: the pool of the year, each funder's share (amount, or percentage of the pool rounded once)
/// with its month and invoice, the funders together and what is left for the key, the last two as live formulas.
/// </summary>
internal static class AllocationFunders
{
    /// <summary>The rows the block takes (none without funders), so that the sheet can freeze the header below it.</summary>
    public static int RowCount(IssuedSettlement settlement) =>
        settlement.Run.Calculation?.Funders is { Funders.Count: > 0 } funders ? funders.Funders.Count + 6 : 0;

    private static string ShortKind(string kind) => kind switch
    {
        "swv" => "SWV",
        "board" => "bestuur",
        _ => "overig",
    };

    public static void Write(XlsxSheet sheet, IssuedSettlement settlement)
    {
        if (settlement.Run.Calculation?.Funders is not { Funders.Count: > 0 } funders)
        {
            return;
        }
        var run = settlement.Run;
        var advance = run.Kind == SettlementKind.Voorschot;
        var invoices = settlement.Invoices.Where(i => i.Debtor.IsFunder).ToDictionary(i => i.Debtor.Value);
        sheet.Row(XlsxCell.Of($"Pot {run.Period.Year} en financiers (gaan eraf vóór de verdeling over de gemeenten)", XlsxStyle.Bold));
        sheet.Row(
            XlsxCell.Of("Financier", XlsxStyle.Header), XlsxCell.Of("Naam", XlsxStyle.Header), XlsxCell.Of("Soort", XlsxStyle.Header),
            XlsxCell.Of("Aandeel", XlsxStyle.HeaderRight), XlsxCell.Of("Jaarbedrag", XlsxStyle.HeaderRight),
            XlsxCell.Of(advance ? "Deze maand" : "Eindafrekening", XlsxStyle.HeaderRight), XlsxCell.Of("Factuurnr.", XlsxStyle.Header));
        var pool = sheet.Row(
            XlsxCell.Of("Pot"), XlsxCell.Of(InvoiceComputation.PoolText(run.Calculation)), XlsxCell.Empty, XlsxCell.Empty,
            XlsxCell.Of(new Money(funders.PoolCents).Euros, XlsxStyle.Euro));
        var first = pool + 1;
        foreach (var funder in funders.Funders)
        {
            var invoice = invoices.GetValueOrDefault(funder.Id);
            var month = invoice is null ? Money.Zero
                : Money.Sum(invoice.Lines.Where(l => !advance || (l.Kind == SettlementKind.Voorschot && (l.Period is null || l.Period == SettledPeriod.Of(run.Period)))).Select(l => l.Amount));
            sheet.Row(
                XlsxCell.Of(funder.Id), XlsxCell.Of(funder.Name, XlsxStyle.Wrap), XlsxCell.Of(ShortKind(funder.Kind)),
                // A percentage of the pool above; its annual amount is pool × percentage, rounded once to the cent.
                funder.Percent is { } percent ? XlsxCell.Of(percent / 100m, XlsxStyle.Percent) : XlsxCell.Of("bedrag", XlsxStyle.TextRight),
                XlsxCell.Of(new Money(funder.AnnualCents).Euros, XlsxStyle.Euro),
                XlsxCell.Of(month.Euros, XlsxStyle.Euro),
                XlsxCell.Of(invoice?.Number));
        }
        var last = sheet.RowNumber;
        var shares = new Money(funders.PoolCents - funders.RestCents);
        var together = sheet.Row(
            XlsxCell.Of("Financiers samen", XlsxStyle.Bold), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
            XlsxCell.Formula($"SUM(E{first}:E{last})", shares.Euros, XlsxStyle.EuroBold));
        sheet.Row(
            XlsxCell.Of("Rest", XlsxStyle.Bold), XlsxCell.Of("pot − financiers: voor de gemeenten, verdeeld hieronder"), XlsxCell.Empty, XlsxCell.Empty,
            XlsxCell.Formula($"E{pool}-E{together}", new Money(funders.RestCents).Euros, XlsxStyle.EuroBold));
        sheet.Skip();
    }
}
