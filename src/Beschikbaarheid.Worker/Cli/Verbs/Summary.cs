using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Worker.Application;
using Spectre.Console;

namespace Beschikbaarheid.Worker.Cli.Verbs;

/// <summary>The short table a settlement prints: per municipality its children, basis, amount and invoice.</summary>
internal static class Summary
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static void Print(SettleOutcome outcome)
    {
        foreach (var note in outcome.Notes)
        {
            Console.WriteLine(note);
        }
        switch (outcome.Status)
        {
            case SettleStatus.NothingEligible:
                Console.WriteLine($"{outcome.SchemeId} {outcome.Period}: no eligible children in this month; nothing issued.");
                return;
            case SettleStatus.LaterMonthSettled:
                Console.WriteLine($"{outcome.SchemeId} {outcome.Period}: a later month is settled already; passed over (settle it by hand if it is due).");
                return;
            case SettleStatus.AlreadySettled:
                Console.WriteLine($"{outcome.SchemeId} {outcome.Period} was already settled (run {outcome.Settlement!.Run.Id}); nothing issued. Files written again from the stored run.");
                break;
            case SettleStatus.DryRun or SettleStatus.Prepared or SettleStatus.AlreadyPrepared:
                Console.WriteLine(Concept(outcome));
                break;
            default:
                var corrections = outcome.Settlement!.Invoices.SelectMany(i => i.Lines).Count(l => l.Kind == SettlementKind.Correctie);
                var creditNotes = outcome.Settlement.Invoices.Count(i => i.IsCreditNote);
                Console.WriteLine($"{outcome.SchemeId} {outcome.Period}: run {outcome.Settlement.Run.Id} issued {outcome.Settlement.Invoices.Count} invoice(s)"
                    + (creditNotes > 0 ? $", {creditNotes} of them credit note(s)," : "")
                    + (corrections > 0 ? $" with {corrections} correction line(s) for earlier months." : ".")
                    + (outcome.ApprovedBy is { } approver ? $" Prepared by {outcome.PreparedBy}, approved by {approver}." : ""));
                break;
        }

        var settlement = outcome.Settlement!;
        var invoices = settlement.Invoices.ToDictionary(i => i.Debtor);
        var pupils = settlement.Run.BasisUnit == BasisUnit.Pupils;
        // Per municipality: this month's share, the corrections of earlier months on its invoice, and what the invoice
        // (or credit note, negative) says; a debtor billed only corrections has a row even without a share this month.
        var hours = settlement.Run.BasisUnit == BasisUnit.HoursPerWeek;
        var table = new Table().AddColumns("Gemeente", pupils ? "Leerlingen" : "Kinderen", pupils ? "Grondslag" : hours ? "Uren per week" : "Kinddagen", "Deze maand", "Correcties", "Factuurbedrag", "Factuur");
        var rows = settlement.Allocation
            .Select(a => (Municipality: (PartyCode)a.Municipality, Row: (AllocationRow?)a))
            .Concat(settlement.Invoices.Where(i => settlement.Allocation.All(a => a.Municipality != i.Debtor)).Select(i => (Municipality: i.Debtor, Row: (AllocationRow?)null)));
        // A funder that is not a municipality has no allocation row: its month is its invoice's advance of the month.
        var funders = (settlement.Run.Calculation?.Funders?.Funders ?? []).ToDictionary(f => f.Id);
        Money? FunderMonth(IssuedInvoice? invoice) =>
            invoice is { Debtor.IsFunder: true } ? Money.Sum(invoice.Lines.Where(l => l.Kind == SettlementKind.Voorschot && (l.Period is null || l.Period == SettledPeriod.Of(settlement.Run.Period))).Select(l => l.Amount)) : null;
        foreach (var (municipality, row) in rows)
        {
            var invoice = invoices.GetValueOrDefault(municipality);
            table.AddRow(
                Markup.Escape(municipality.Municipality is { } code && settlement.Municipalities.TryGetValue(code, out var m) ? $"{m.Name} ({municipality})"
                    : funders.TryGetValue(municipality.Value, out var funder) ? $"{funder.Name} ({municipality})" : municipality.Value),
                row?.Children.ToString(Dutch) ?? "",
                row?.Basis.ToString(hours ? "#,##0.##" : "#,##0", Dutch) ?? "",
                row is not null ? Euro(row.Month) : FunderMonth(invoice) is { } funderMonth ? Euro(funderMonth) : "",
                invoice is null ? "" : CorrectionsOf(invoice) is { } corrected ? Euro(corrected) : "",
                invoice is null ? "" : Euro(invoice.Total),
                invoice is not null ? (invoice.IsCreditNote ? $"creditnota {invoice.Number}" : invoice.Number)
                    : row?.Invoiced == true ? "" : settlement.Statement is not null ? "kassier" : settlement.Invoices.Count > 0 ? "penvoerder" : "geen factuur");
        }
        var correctionTotal = settlement.Invoices.Select(CorrectionsOf).OfType<Money>().ToList();
        table.AddRow("[bold]Totaal[/]", settlement.Allocation.Sum(a => a.Children).ToString(Dutch), settlement.Allocation.Sum(a => a.Basis).ToString("#,##0", Dutch),
            $"[bold]{Euro(Money.Sum(settlement.Allocation.Select(a => a.Month)) + Money.Sum(settlement.Invoices.Select(FunderMonth).OfType<Money>()))}[/]",
            correctionTotal.Count == 0 ? "" : Euro(Money.Sum(correctionTotal)),
            $"[bold]{Euro(Money.Sum(settlement.Invoices.Select(i => i.Total)))}[/]",
            $"{settlement.Invoices.Count} facturen");
        AnsiConsole.Write(table);
        if (settlement.Statement is { } statement)
        {
            Console.WriteLine(
                $"Kasstaat: gefactureerd {Euro(statement.CollectedTotal)}{(statement.FundersTotal == Money.Zero ? "" : $" (waarvan financiers {Euro(statement.FundersTotal)})")}, tekort {Euro(statement.GapTotal)}, gedekt {Euro(statement.CoveredTotal)}, "
                + $"ongedekt {Euro(statement.Uncovered)}, uitbetaald {Euro(statement.PaidOutTotal)}, saldo {Euro(statement.Balance)}.");
        }
        if (settlement.Subsidy is { } subsidy)
        {
            Console.WriteLine(SubsidyLine(subsidy));
        }
        Console.WriteLine($"Files: {Path.GetDirectoryName(outcome.Files[0])}");
    }

    /// <summary>What a concept is and that nothing was issued: a dry run, or one waiting for approval.</summary>
    private static string Concept(SettleOutcome outcome)
    {
        var settlement = outcome.Settlement!;
        var what = $"{settlement.Invoices.Count} invoice(s) of {Euro(Money.Sum(settlement.Invoices.Select(i => i.Total)))}"
            + (settlement.Invoices.SelectMany(i => i.Lines).Count(l => l.Kind == SettlementKind.Correctie) is > 0 and var corrections ? $" with {corrections} correction line(s) for earlier months" : "");
        var approve = $"approve --scheme {outcome.SchemeId} --period {outcome.Period} --by NAME (another person than {outcome.PreparedBy})";
        return outcome.Status switch
        {
            SettleStatus.DryRun => $"DRY RUN {outcome.SchemeId} {outcome.Period}: a run now would issue {what}. Nothing stored, no invoice number used; the concept documents say CONCEPT.",
            SettleStatus.Prepared => $"{outcome.SchemeId} {outcome.Period}: concept of {what} prepared by {outcome.PreparedBy}; nothing issued. Waiting for approval: {approve}.",
            _ => $"{outcome.SchemeId} {outcome.Period}: already prepared by {outcome.PreparedBy} and unchanged; nothing issued. Waiting for approval: {approve}.",
        };
    }

    /// <summary>The sum of an invoice's correction lines (earlier months billed again); null when it has none.</summary>
    private static Money? CorrectionsOf(IssuedInvoice invoice) =>
        invoice.Lines.Where(l => l.Kind == SettlementKind.Correctie).Select(l => l.Amount).ToList() is { Count: > 0 } lines ? Money.Sum(lines) : null;

    /// <summary>An estimate pool's payment to the school board in one line: the month's advance, or the year end's setting and reclaim.</summary>
    public static string SubsidyLine(SubsidyPayment subsidy)
    {
        var board = $"{subsidy.Recipient.Name} (bestuur {subsidy.Recipient.Board})";
        return subsidy.Set is { } set
            ? $"Subsidie {board}: verleend {Euro(subsidy.Granted)}, vastgesteld {Euro(set)}, betaald {Euro(subsidy.PaidBefore)}, "
              + (subsidy.IsReclaim ? $"terugvordering {Euro(-subsidy.Amount)}." : subsidy.Amount == Money.Zero ? "niets terug te vorderen." : $"nog te betalen {Euro(subsidy.Amount)}.")
            : $"Subsidie {board}: voorschot {Euro(subsidy.Amount)} (verleend {Euro(subsidy.Granted)} per jaar).";
    }

    public static string Euro(Money amount) => "€ " + amount.Euros.ToString("#,##0.00", Dutch);
}
