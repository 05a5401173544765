using System.CommandLine;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beschikbaarheid.Worker.Cli.Verbs;

/// <summary>Four-eyes approval: issues a concept that <c>settle</c> (or the monthly job) prepared, by someone other than its preparer.</summary>
internal static class ApproveVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var scheme = new Option<string>("--scheme") { Description = "The scheme id (its file config/schemes/<id>.json); its file says \"approval\": true.", Required = true, HelpName = "ID" };
        var period = ValueOptions.Month("The month whose concept to approve, yyyy-MM.");
        period.Required = false;
        var year = new Option<int?>("--year") { Description = "Instead of --period: the funding year whose year end (finalize) to approve.", HelpName = "YYYY" };
        var by = new Option<string>("--by") { Description = "Who approves: not the one who prepared the concept (compared case-insensitively).", Required = true, HelpName = "NAME" };
        var invoiceDate = ValueOptions.InvoiceDate();
        var command = new Command(
            "approve",
            "Approve and issue a month's concept (or with --year a year end's) (schemes with \"approval\": true): the month is computed again under the scheme's lock and issued only when it bills exactly what the concept showed; otherwise refused, and a new concept is to be prepared with settle. The preparer cannot approve.")
        {
            scheme, period, year, by, invoiceDate, common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(period) is null) == (result.GetResult(year) is null))
            {
                result.AddError("approve needs either --period yyyy-MM (a month) or --year YYYY (a year end).");
            }
        });
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var service = host.Services.GetRequiredService<SettlementService>();
            var logger = host.Services.GetRequiredService<ILogger<SettlementService>>();
            var id = parse.GetValue(scheme)!;
            if (parse.GetValue(year) is { } fundingYear)
            {
                var final = await host.Services.GetRequiredService<YearEndService>()
                    .ApproveAsync(id, fundingYear, parse.GetValue(by)!, "cli approve", parse.GetValue(invoiceDate), ct).ConfigureAwait(false);
                return FinalizeVerb.Print(final);
            }
            var month = parse.GetValue(period);
            var outcome = await Terminal.WithProgressAsync($"Approving {id} {month}", logger, progress =>
                service.ApproveAsync(id, month, parse.GetValue(by)!, "cli approve", parse.GetValue(invoiceDate), progress, ct)).ConfigureAwait(false);
            Summary.Print(outcome);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
