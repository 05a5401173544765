using System.CommandLine;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class SettleVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var scheme = new Option<string>("--scheme") { Description = "The scheme id (its file config/schemes/<id>.json).", Required = true, HelpName = "ID" };
        var period = new Option<YearMonth>("--period")
        {
            Description = "The month to settle, yyyy-MM.",
            Required = true,
            HelpName = "yyyy-MM",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (YearMonth.TryParse(text, out var value))
                {
                    return value;
                }
                result.AddError($"--period '{text}' is not a month in the form yyyy-MM.");
                return default;
            },
        };
        var invoiceDate = ValueOptions.InvoiceDate();
        var command = new Command("settle", "Settle one scheme for one month: advance invoices with corrections to earlier months whose data changed, allocation sheet, journal (and for a cashier: statement and payment orders). Only a month that has ended by the invoice date; a settled month is never issued again.")
        {
            scheme, period, invoiceDate, common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var service = host.Services.GetRequiredService<SettlementService>();
            var logger = host.Services.GetRequiredService<ILogger<SettlementService>>();
            var id = parse.GetValue(scheme)!;
            var month = parse.GetValue(period);
            var outcome = await Terminal.WithProgressAsync($"Settling {id} {month}", logger, progress =>
                service.SettleAsync(id, month, "cli settle", parse.GetValue(invoiceDate), progress, ct)).ConfigureAwait(false);
            Summary.Print(outcome);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
