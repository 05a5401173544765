using System.CommandLine;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class FinalizeVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var scheme = new Option<string>("--scheme") { Description = "The scheme id (its file config/schemes/<id>.json).", Required = true, HelpName = "ID" };
        var year = ValueOptions.FundingYear("The funding year to settle and close.");
        var invoiceDate = ValueOptions.InvoiceDate();
        var command = new Command(
            "finalize",
            "Year end (vaststelling): compute the year again with actual data; per municipality the difference with every advance and correction becomes one final invoice or credit note. Closes the year. Only a year that has ended by the invoice date.")
        {
            scheme, year, invoiceDate, common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var outcome = await host.Services.GetRequiredService<YearEndService>()
                .FinalizeAsync(parse.GetValue(scheme)!, parse.GetValue(year), "cli finalize", parse.GetValue(invoiceDate), ct).ConfigureAwait(false);
            var settlement = outcome.Settlement;
            if (outcome.AlreadyClosed)
            {
                Console.WriteLine(
                    $"{outcome.SchemeId} {outcome.Year} was already closed by its year end (run {settlement.Run.Id}); nothing issued. Files written again from the stored run. "
                    + $"To settle later data: reopen --scheme {outcome.SchemeId} --year {outcome.Year} --reason TEXT, then finalize.");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Gemeente", "Jaarbedrag", "Eindafrekening", "Document");
            var invoiceOf = settlement.Invoices.ToDictionary(i => i.Debtor);
            foreach (var row in settlement.Allocation)
            {
                table.AddRow(
                    Markup.Escape(settlement.Municipalities.TryGetValue(row.Municipality, out var m) ? $"{m.Name} ({row.Municipality})" : row.Municipality.Value),
                    Summary.Euro(row.AnnualProjection), Summary.Euro(row.Month),
                    invoiceOf.TryGetValue(row.Municipality, out var invoice) ? $"{(invoice.IsCreditNote ? "creditnota" : "factuur")} {invoice.Number}" : row.Invoiced ? "niets te verrekenen" : "eigen aandeel");
            }
            AnsiConsole.Write(table);
            Console.WriteLine(
                $"{outcome.SchemeId} {outcome.Year}: run {settlement.Run.Id} issued {settlement.Invoices.Count(i => !i.IsCreditNote)} final invoice(s) and "
                + $"{settlement.Invoices.Count(i => i.IsCreditNote)} credit note(s); the year is closed. Files: {Path.GetDirectoryName(outcome.Files[0])}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
