using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Settlement;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Cashier;

/// <summary>
/// The cashier statement (<i>kasstaat</i>) of one run: collected per participant and kind, and apart from them per
/// funder that is not a municipality (so that a finance officer sees who paid what), the gap per non-participating
/// municipality, which fund covered how much, what is paid to each host location, and the balance, collected +
/// covered − paid out, as live formulas.
/// </summary>
public static class CashierStatementWorkbook
{
    public static void Write(IssuedSettlement settlement, CashierStatement statement, string path, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(statement);
        var run = settlement.Run;
        var names = settlement.Municipalities;
        var invoiceOf = settlement.Invoices.ToDictionary(i => i.Debtor, i => i.Number);
        using var workbook = XlsxWorkbook.Create(path, settlement.IsConcept ? Dutch.ConceptMark : null);
        // Amounts stand in the last column (E), so no text runs into them from the left; portrait A4 holds about 679 px at
        // 100%, these columns take 7 × 95 + 5 × 5 = 690 px (98%). Names and "eigen bijdrage kassier" fit on one line.
        using var sheet = workbook.AddSheet("Kasstaat", [14, 31, 13, 22, 15], frozenRows: 3);
        sheet.TallRow(22, XlsxCell.Of(Dutch.Title(settlement, $"Kasstaat {run.SchemeName}"), XlsxStyle.Title));
        sheet.Row(Bold("Periode"), XlsxCell.Of(Dutch.Period(run)), Bold("Kassier"), XlsxCell.Of($"{Dutch.Municipality(names, statement.Cashier)} ({statement.Cashier})"));
        sheet.Row(Bold("Afrekening"), XlsxCell.Of($"{run.Id}, {Dutch.Created(run.CreatedAt, zone)}, {run.StartedBy}; invoer {InvoiceWorkbook.Short(run.InputFingerprint)}"));
        sheet.Skip();

        // What the cashier pays out rests on what it invoiced this month, not on what has been received: payments
        // received are followed in the financial administration, not here.
        sheet.Row(Bold("Gefactureerd aan deelnemers (en eigen bijdrage kassier)"));
        sheet.Row(Header("Gemeentecode"), Header("Gemeente"), Header("Soort"), Header("Factuur"), HeaderRight("Bedrag"));
        var fromMunicipalities = statement.Collected.Where(c => !c.Party.IsFunder).ToList();
        var fromFunders = statement.Collected.Where(c => c.Party.IsFunder).ToList();
        var municipalities = Section(sheet, fromMunicipalities, c => [
            XlsxCell.Of(c.Party.Value), XlsxCell.Of(FunderDebtor.Name(settlement, c.Party), XlsxStyle.Wrap), XlsxCell.Of(Dutch.Kind(c.Kind)),
            c.Party == statement.Cashier ? XlsxCell.Of("eigen bijdrage kassier", XlsxStyle.Wrap) : XlsxCell.Of(invoiceOf.GetValueOrDefault(c.Party)),
            XlsxCell.Of(c.Amount.Euros, XlsxStyle.Euro)],
            fromFunders.Count == 0 ? "Totaal gefactureerd" : "Totaal gemeenten", 'E', statement.CollectedTotal - statement.FundersTotal);
        var collected = municipalities;
        if (fromFunders.Count > 0 || run.Calculation?.Funders is { Funders.Count: > 0 })
        {
            // Funders are not municipalities: their own block, each with its kind, and the total collected as the sum of both blocks.
            sheet.Skip();
            sheet.Row(Bold("Gefactureerd aan financiers (geen gemeente)"));
            sheet.Row(Header("Financier"), Header("Naam"), Header("Soort"), Header("Factuur"), HeaderRight("Bedrag"));
            var funders = Section(sheet, fromFunders, c => [
                XlsxCell.Of(c.Party.Value), XlsxCell.Of(FunderName(settlement, c.Party), XlsxStyle.Wrap), XlsxCell.Of(Dutch.Kind(c.Kind)),
                XlsxCell.Of(invoiceOf.GetValueOrDefault(c.Party)), XlsxCell.Of(c.Amount.Euros, XlsxStyle.Euro)],
                "Totaal financiers", 'E', statement.FundersTotal);
            sheet.Skip();
            // The label runs on into column B, so the explanation stands in C.
            collected = sheet.Row(Bold("Totaal gefactureerd"), XlsxCell.Empty, XlsxCell.Of("gemeenten + financiers"), XlsxCell.Empty,
                XlsxCell.Formula($"E{municipalities}+E{funders}", statement.CollectedTotal.Euros, XlsxStyle.EuroBold));
        }

        sheet.Skip();
        sheet.Row(Bold(statement.Spread ? "Aandeel niet-deelnemers (verdeeld over de deelnemers)" : "Tekort: aandeel niet-deelnemers"));
        sheet.Row(Header("Gemeentecode"), Header("Gemeente"), Header(""), Header(""), HeaderRight("Bedrag"));
        var gap = Section(sheet, statement.Gap.OrderBy(g => g.Key).ToList(), g => [
            XlsxCell.Of(g.Key.Value), XlsxCell.Of(Dutch.Municipality(names, g.Key), XlsxStyle.Wrap), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Of(g.Value.Euros, XlsxStyle.Euro)],
            "Totaal tekort", 'E', statement.GapTotal);

        sheet.Skip();
        sheet.Row(Bold("Dekking van het tekort"));
        sheet.Row(Header("Fonds"), Header(""), Header(""), Header(""), HeaderRight("Bedrag"));
        var covered = Section(sheet, statement.Covered, c => [XlsxCell.Of(c.Fund), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Of(c.Amount.Euros, XlsxStyle.Euro)],
            "Totaal gedekt", 'E', statement.CoveredTotal);
        sheet.Row(Bold("Ongedekt"), XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty,
            statement.Spread ? XlsxCell.Of(0m, XlsxStyle.EuroBold) : XlsxCell.Formula($"E{gap}-E{covered}", statement.Uncovered.Euros, XlsxStyle.EuroBold));

        sheet.Skip();
        sheet.Row(Bold("Uitbetaald aan gastgemeenten"));
        sheet.Row(Header("Schoollocatie"), Header("School"), Header("Gastgemeente"), Header(""), HeaderRight("Bedrag"));
        var paid = Section(sheet, statement.PaidOut.OrderBy(p => p.Key).ToList(), p => [
            XlsxCell.Of(p.Key.ToString()), XlsxCell.Of(Dutch.School(settlement.Schools, p.Key), XlsxStyle.Wrap),
            XlsxCell.Of(settlement.Schools.TryGetValue(p.Key, out var s) ? s.Municipality.Value : ""), XlsxCell.Empty, XlsxCell.Of(p.Value.Euros, XlsxStyle.Euro)],
            "Totaal uitbetaald", 'E', statement.PaidOutTotal);

        sheet.Skip();
        sheet.Row(Bold("Saldo kassier"), XlsxCell.Of("gefactureerd + gedekt − uitbetaald"), XlsxCell.Empty, XlsxCell.Empty,
            XlsxCell.Formula($"E{collected}+E{covered}-E{paid}", statement.Balance.Euros, XlsxStyle.EuroBold));
        sheet.Note("De uitbetaling rust op wat deze maand is gefactureerd; of de facturen zijn betaald, staat in de financiële administratie.", 5);
    }

    /// <summary>
    /// A funder's name and, on a line of its own, the kind of body it is, as the run stored them: a finance officer sees who
    /// paid. Its own line, so that a long name wraps where the row height expects it.
    /// </summary>
    private static string FunderName(IssuedSettlement settlement, Core.Registry.PartyCode code) =>
        FunderDebtor.Of(settlement, code) is { } funder ? $"{funder.Name}\n{FunderDebtor.Kind(funder.Kind)}" : FunderDebtor.Name(settlement, code);

    /// <summary>Writes the rows and a total formula under them; returns the total's row number.</summary>
    private static int Section<T>(XlsxSheet sheet, IReadOnlyList<T> rows, Func<T, XlsxCell[]> cells, string totalLabel, char column, Money total)
    {
        var first = sheet.RowNumber + 1;
        foreach (var row in rows)
        {
            sheet.Row(cells(row));
        }
        var last = sheet.RowNumber;
        var totalCells = new XlsxCell[column - 'A' + 1];
        totalCells[0] = Bold(totalLabel);
        totalCells[^1] = rows.Count == 0 ? XlsxCell.Of(0m, XlsxStyle.EuroBold) : XlsxCell.Formula($"SUM({column}{first}:{column}{last})", total.Euros, XlsxStyle.EuroBold);
        return sheet.Row(totalCells);
    }

    private static XlsxCell Bold(string text) => XlsxCell.Of(text, XlsxStyle.Bold);

    private static XlsxCell Header(string text) => XlsxCell.Of(text, XlsxStyle.Header);

    /// <summary>A header over amounts, right-aligned like them.</summary>
    private static XlsxCell HeaderRight(string text) => XlsxCell.Of(text, XlsxStyle.HeaderRight);
}
