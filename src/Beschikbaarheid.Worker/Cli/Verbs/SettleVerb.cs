using System.CommandLine;
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
        var period = ValueOptions.Month("The month to settle, yyyy-MM.");
        var dryRun = ValueOptions.DryRun("<out>/<scheme>/<yyyy-MM>-concept/");
        var by = new Option<string>("--by")
        {
            Description = "For a scheme with \"approval\": true, who prepares the concept (default: the user logged in); another person approves it.",
            HelpName = "NAME",
        };
        var invoiceDate = ValueOptions.InvoiceDate();
        var command = new Command("settle", "Settle one scheme for one month: advance invoices with corrections to earlier months whose data changed, allocation sheet, journal (and for a cashier: statement and payment orders). Only a month that has ended by the invoice date; a settled month is never issued again. A scheme with \"approval\": true is prepared as a concept instead, issued by approve.")
        {
            scheme, period, invoiceDate, dryRun, by, common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var service = host.Services.GetRequiredService<SettlementService>();
            var logger = host.Services.GetRequiredService<ILogger<SettlementService>>();
            var id = parse.GetValue(scheme)!;
            var month = parse.GetValue(period);
            var request = new SettleRequest("cli settle")
            {
                InvoiceDate = parse.GetValue(invoiceDate),
                DryRun = parse.GetValue(dryRun),
                By = parse.GetValue(by) ?? Environment.UserName,
            };
            var outcome = await Terminal.WithProgressAsync($"{(request.DryRun ? "Dry run of" : "Settling")} {id} {month}", logger, progress =>
                service.SettleAsync(id, month, request, progress, ct)).ConfigureAwait(false);
            Summary.Print(outcome);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
