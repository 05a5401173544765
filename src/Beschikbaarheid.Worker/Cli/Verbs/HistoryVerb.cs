using System.CommandLine;
using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Municipalities;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class HistoryVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var scheme = new Option<string>("--scheme") { Description = "The scheme id.", Required = true, HelpName = "ID" };
        var year = ValueOptions.OptionalYear("Only this funding year.");
        var command = new Command("history", "List a scheme's settlement runs (when, started by, input fingerprint) and the invoices each issued, with amounts; and every year end and reopening with its reason.")
        {
            scheme, year, common.Database, common.Provider, common.Schemes,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            await host.Services.GetRequiredService<DatabaseSetup>().EnsureReadyAsync(ct).ConfigureAwait(false);
            var runs = await host.Services.GetRequiredService<SettlementHistory>().LoadAsync(parse.GetValue(scheme)!, parse.GetValue(year), ct).ConfigureAwait(false);
            var events = await host.Services.GetRequiredService<YearClosures>().EventsAsync(parse.GetValue(scheme)!, parse.GetValue(year), ct).ConfigureAwait(false);
            var mergers = await MergerStore.LoadAsync(host.Services.GetRequiredService<IConnectionFactory>(), ct).ConfigureAwait(false);
            if (runs.Count == 0 && events.Count == 0 && UnknownScheme(host, parse.GetValue(scheme)!) is { } unknown)
            {
                // A scheme neither stored nor in the scheme folder is a typo, not an empty history.
                await Console.Error.WriteLineAsync(unknown).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
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
                        invoice?.Number ?? "-", invoice is null ? "" : Debtor(invoice, mergers), invoice is null ? "" : "€ " + invoice.Total.Euros.ToString("#,##0.00", dutch));
                    first = false;
                }
            }
            AnsiConsole.Write(table);
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

    /// <summary>The debtor, and for a legal successor on the invoice date the mergers that made it one: <c>GM0209 → GM9001</c>.</summary>
    private static string Debtor(HistoryInvoice invoice, Mergers mergers)
    {
        var debtor = MunicipalityCode.Parse(invoice.Debtor);
        var chains = mergers.ChainsInto(debtor, invoice.InvoiceDate);
        return chains.Count == 0
            ? invoice.Debtor
            : string.Join(", ", chains.Select(chain => string.Join(" → ", chain.Select(m => m.Old.Value).Append(debtor.Value))));
    }

    /// <summary>The message for a scheme id that has no file in the scheme folder (a retired scheme with stored runs still has a history).</summary>
    private static string? UnknownScheme(IHost host, string id)
    {
        var folder = Path.GetFullPath(host.Services.GetRequiredService<SchemeFileLoader>().Directory);
        return File.Exists(Path.Combine(folder, id + ".json"))
            ? null
            : $"Unknown scheme '{id}': nothing stored for it and no file {id}.json in the scheme folder {folder}. 'beschikbaarheid schemes' lists the schemes.";
    }
}
