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
        var dryRun = ValueOptions.DryRun("<out>/<scheme>/<yyyy>-vaststelling-concept/");
        var by = new Option<string>("--by")
        {
            Description = "For a scheme with \"approval\": true, who prepares the concept (default: the user logged in); another person approves it.",
            HelpName = "NAME",
        };
        var command = new Command(
            "finalize",
            "Year end (vaststelling): compute the year again with actual data; per municipality the difference with every advance and correction becomes one final invoice or credit note. Closes the year. Only a year that has ended by the invoice date. A scheme with \"approval\": true is prepared as a concept instead, issued by approve --year.")
        {
            scheme, year, invoiceDate, dryRun, by, common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var request = new SettleRequest("cli finalize")
            {
                InvoiceDate = parse.GetValue(invoiceDate),
                DryRun = parse.GetValue(dryRun),
                By = parse.GetValue(by) ?? Environment.UserName,
            };
            var outcome = await host.Services.GetRequiredService<YearEndService>()
                .FinalizeAsync(parse.GetValue(scheme)!, parse.GetValue(year), request, cancellationToken: ct).ConfigureAwait(false);
            return Print(outcome);
        }, cancellationToken));
        return command;
    }

    /// <summary>The year end's table and what was done: issued, already closed, a dry run or a concept waiting for approval.</summary>
    public static int Print(YearEndOutcome outcome)
    {
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
        if (settlement.Subsidy is { } subsidy)
        {
            Console.WriteLine(Summary.SubsidyLine(subsidy));
        }
        var documents = $"{settlement.Invoices.Count(i => !i.IsCreditNote)} final invoice(s) and {settlement.Invoices.Count(i => i.IsCreditNote)} credit note(s)";
        var approve = $"approve --scheme {outcome.SchemeId} --year {outcome.Year} --by NAME (another person than {outcome.PreparedBy})";
        Console.WriteLine(outcome.Status switch
        {
            SettleStatus.DryRun => $"DRY RUN {outcome.SchemeId} {outcome.Year}: a year end now would issue {documents}. Nothing stored, no invoice number used, the year stays open; the concept documents say CONCEPT.",
            SettleStatus.Prepared => $"{outcome.SchemeId} {outcome.Year}: concept of the year end ({documents}) prepared by {outcome.PreparedBy}; nothing issued. Waiting for approval: {approve}.",
            SettleStatus.AlreadyPrepared => $"{outcome.SchemeId} {outcome.Year}: the year end was already prepared by {outcome.PreparedBy} and is unchanged; nothing issued. Waiting for approval: {approve}.",
            _ => $"{outcome.SchemeId} {outcome.Year}: run {settlement.Run.Id} issued {documents}; the year is closed."
                + (outcome.ApprovedBy is { } approver ? $" Prepared by {outcome.PreparedBy}, approved by {approver}." : ""),
        } + $" Files: {Path.GetDirectoryName(outcome.Files[0])}");
        return ExitCodes.Ok;
    }
}
