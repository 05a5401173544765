using System.CommandLine;
using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class HistoryVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var scheme = new Option<string>("--scheme") { Description = "The scheme id.", Required = true, HelpName = "ID" };
        var year = new Option<int?>("--year") { Description = "Only this funding year.", HelpName = "YYYY" };
        var command = new Command("history", "List a scheme's settlement runs (when, started by, input fingerprint) and the invoices each issued, with amounts; and every year end and reopening with its reason.")
        {
            scheme, year, common.Database, common.Provider,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            await host.Services.GetRequiredService<DatabaseSetup>().EnsureReadyAsync(ct).ConfigureAwait(false);
            var runs = await host.Services.GetRequiredService<SettlementHistory>().LoadAsync(parse.GetValue(scheme)!, parse.GetValue(year), ct).ConfigureAwait(false);
            var dutch = CultureInfo.GetCultureInfo("nl-NL");
            var table = new Table().AddColumns("Run", "Periode", "Soort", "Aangemaakt (UTC)", "Door", "Invoer", "Factuur", "Debiteur", "Bedrag");
            foreach (var run in runs)
            {
                var first = true;
                foreach (var invoice in run.Invoices.DefaultIfEmpty())
                {
                    table.AddRow(
                        first ? run.Id.ToString(CultureInfo.InvariantCulture) : "", first ? run.Period : "", first ? run.Kind : "",
                        first ? run.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "", first ? Markup.Escape(run.Who) : "",
                        first && run.InputFingerprint.Length >= 12 ? run.InputFingerprint[..12] : "",
                        invoice?.Number ?? "-", invoice?.Debtor ?? "", invoice is null ? "" : "€ " + invoice.Total.Euros.ToString("#,##0.00", dutch));
                    first = false;
                }
            }
            AnsiConsole.Write(table);
            var events = await host.Services.GetRequiredService<YearClosures>().EventsAsync(parse.GetValue(scheme)!, parse.GetValue(year), ct).ConfigureAwait(false);
            foreach (var e in events)
            {
                Console.WriteLine(
                    $"{e.Year} {e.Event} {e.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} (UTC) door {e.StartedBy}"
                    + (e.RunId is { } runId ? $", run {runId}" : "") + (e.Reason is { } reason ? $": {reason}" : ""));
            }
            Console.WriteLine($"{runs.Count} run(s), {runs.Sum(r => r.Invoices.Count)} invoice(s), € {Money.Sum(runs.SelectMany(r => r.Invoices).Select(i => i.Total)).Euros.ToString("#,##0.00", dutch)}.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
