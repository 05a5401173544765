using System.CommandLine;
using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class TrekkingsrechtVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var scheme = new Option<string>("--scheme") { Description = "The scheme id (its file config/schemes/<id>.json).", Required = true, HelpName = "ID" };
        var year = ValueOptions.FundingYear("The funding year.");
        var command = new Command("trekkingsrecht", "Compute and store a scheme's drawing rights (FTE per school location and care category) for a funding year, and write one workbook per school board.")
        {
            scheme, year, common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var service = host.Services.GetRequiredService<DrawingRightsService>();
            var logger = host.Services.GetRequiredService<ILogger<DrawingRightsService>>();
            var id = parse.GetValue(scheme)!;
            var fundingYear = parse.GetValue(year);
            var outcome = await Terminal.WithProgressAsync($"Drawing rights {id} {fundingYear}", logger, progress =>
                service.ComputeAsync(id, fundingYear, progress, ct)).ConfigureAwait(false);
            PrintSummary(outcome);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    public static void PrintSummary(DrawingRightsOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var dutch = CultureInfo.GetCultureInfo("nl-NL");
        Console.WriteLine(
            $"{outcome.SchemeId} {outcome.Year}: {outcome.Rights.Count} drawing rights, {outcome.Rights.Sum(r => r.Fte).ToString("N2", dutch)} FTE, "
            + $"€ {Money.Sum(outcome.Rights.Select(r => r.Budget)).Euros.ToString("N2", dutch)}; {outcome.Files.Count} workbook(s) in "
            + (outcome.Files.Count > 0 ? Path.GetDirectoryName(outcome.Files[0]) : "-"));
    }
}
