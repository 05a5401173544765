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
            default:
                var corrections = outcome.Settlement!.Invoices.SelectMany(i => i.Lines).Count(l => l.Kind == SettlementKind.Correctie);
                Console.WriteLine($"{outcome.SchemeId} {outcome.Period}: run {outcome.Settlement.Run.Id} issued {outcome.Settlement.Invoices.Count} invoice(s)"
                    + (corrections > 0 ? $" with {corrections} correction line(s) for earlier months." : "."));
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

    public static string Euro(Money amount) => "€ " + amount.Euros.ToString("#,##0.00", Dutch);
}
