using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
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
                Console.WriteLine($"{outcome.SchemeId} {outcome.Period}: run {outcome.Settlement.Run.Id} issued {outcome.Settlement.Invoices.Count} invoice(s)"
                    + (corrections > 0 ? $" with {corrections} correction line(s) for earlier months." : ".")
                    + (outcome.ApprovedBy is { } approver ? $" Prepared by {outcome.PreparedBy}, approved by {approver}." : ""));
                break;
        }

        var settlement = outcome.Settlement!;
        var invoices = settlement.Invoices.ToDictionary(i => i.Debtor, i => i.Number);
        var pupils = settlement.Run.BasisUnit == BasisUnit.Pupils;
        var table = new Table().AddColumns("Gemeente", pupils ? "Leerlingen" : "Kinderen", pupils ? "Grondslag" : "Kinddagen", "Deze maand", "Factuur");
        foreach (var row in settlement.Allocation)
        {
            table.AddRow(
                Markup.Escape(settlement.Municipalities.TryGetValue(row.Municipality, out var m) ? $"{m.Name} ({row.Municipality})" : row.Municipality.Value),
                row.Children.ToString(Dutch),
                row.Basis.ToString("#,##0", Dutch),
                Euro(row.Month),
                invoices.TryGetValue(row.Municipality, out var number) ? number : row.Invoiced ? "" : settlement.Statement is not null ? "kassier" : settlement.Invoices.Count > 0 ? "penvoerder" : "geen factuur");
        }
        table.AddRow("[bold]Totaal[/]", settlement.Allocation.Sum(a => a.Children).ToString(Dutch), settlement.Allocation.Sum(a => a.Basis).ToString("#,##0", Dutch),
            $"[bold]{Euro(Money.Sum(settlement.Allocation.Select(a => a.Month)))}[/]", $"{settlement.Invoices.Count} facturen");
        AnsiConsole.Write(table);
        if (settlement.Statement is { } statement)
        {
            Console.WriteLine(
                $"Kasstaat: gefactureerd {Euro(statement.CollectedTotal)}, tekort {Euro(statement.GapTotal)}, gedekt {Euro(statement.CoveredTotal)}, "
                + $"ongedekt {Euro(statement.Uncovered)}, uitbetaald {Euro(statement.PaidOutTotal)}, saldo {Euro(statement.Balance)}.");
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

    public static string Euro(Money amount) => "€ " + amount.Euros.ToString("#,##0.00", Dutch);
}
