using System.CommandLine;
using System.Globalization;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class JaaroverzichtVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var scheme = new Option<string>("--scheme") { Description = "The scheme id (its file <id>.json); a scheme with the funder flow.", Required = true, HelpName = "ID" };
        var year = ValueOptions.FundingYear("The funding year of the overview.");
        var command = new Command("jaaroverzicht",
            "Write the year overview of a scheme with one funder: per school location the pupils reached and the funder's cost as the "
            + "year's runs recorded it, the contributions in kind per school board with their value, totals as live formulas. "
            + "Written to <out>/<scheme>/jaaroverzicht-<year>.xlsx; stores nothing.")
        {
            scheme, year, common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var service = ActivatorUtilities.CreateInstance<YearOverviewService>(host.Services);
            var outcome = await service.WriteAsync(parse.GetValue(scheme)!, parse.GetValue(year), ct).ConfigureAwait(false);
            var dutch = CultureInfo.GetCultureInfo("nl-NL");
            var o = outcome.Overview;
            Console.WriteLine(
                $"Jaaroverzicht {o.Year} {o.SchemeId}: kosten financier € {o.Locations.Sum(l => l.FunderCost.Euros).ToString("N2", dutch)}, "
                + $"in natura € {o.InKind.Sum(b => b.Value.Euros).ToString("N2", dutch)} ({o.InKind.Count} bestuur/besturen), "
                + $"{o.Locations.Sum(l => l.Pupils).ToString("N0", dutch)} leerling(en); {outcome.File}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
