using System.CommandLine;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class ReopenVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var scheme = new Option<string>("--scheme") { Description = "The scheme id.", Required = true, HelpName = "ID" };
        var year = ValueOptions.FundingYear("The closed funding year to open again.");
        var reason = new Option<string>("--reason") { Description = "Why the year is opened again; kept in the audit trail.", Required = true, HelpName = "TEXT" };
        var command = new Command("reopen", "Open a year closed by its year end again, with a reason, so late data can be settled by another year end.")
        {
            scheme, year, reason, common.Database, common.Provider, common.Schemes,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var id = parse.GetValue(scheme)!;
            var fundingYear = parse.GetValue(year);
            await host.Services.GetRequiredService<YearEndService>()
                .ReopenAsync(id, fundingYear, parse.GetValue(reason) ?? "", "cli reopen", ct).ConfigureAwait(false);
            Console.WriteLine($"{id} {fundingYear} is open again; finalize --scheme {id} --year {fundingYear} settles what changed.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
