using System.CommandLine;
using Beschikbaarheid.Worker.Application;
using Beschikbaarheid.Worker.Options;
using Beschikbaarheid.Worker.Sample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class DemoVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var sample = new Option<string?>("--sample") { Description = "Folder with the demo region's four CSV files (default config/sample).", HelpName = "DIR" };
        var command = new Command("demo", $"Migrate, import the demo region, settle the latest complete month for every scheme (the region's last month, {RegionGenerator.DemoLastMonth}, once its data has ended) and print a summary.")
        {
            sample, common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var overrides = common.Overrides(parse);
            CommonOptions.Add(parse, sample, "Paths:Sample", overrides);
            return VerbRunner.RunAsync(overrides, async (host, ct) =>
            {
                var services = host.Services;
                var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Beschikbaarheid.Demo");
                await services.GetRequiredService<DatabaseSetup>().MigrateAsync(ct).ConfigureAwait(false);
                var folder = services.GetRequiredService<IOptions<PathOptions>>().Value.Sample;
                var imported = await Terminal.WithProgressAsync("Importing the demo region", logger, async progress =>
                    await services.GetRequiredService<ImportService>().ImportFolderAsync(folder, kind => new Relay(progress, kind.ToString()), "cli demo", ct).ConfigureAwait(false))
                    .ConfigureAwait(false);
                foreach (var result in imported)
                {
                    ImportVerb.Print(result.Figures);
                }
                // The latest complete month, unless the demo region's data has ended before it (then its last month).
                var (month, reason) = RegionGenerator.DemoMonth(services.GetRequiredService<LocalCalendar>().LatestCompleteMonth);
                Console.WriteLine(reason);
                logger.LogInformation("{Reason}", reason);
                // Drawing rights first: the month's settlement of a drawing-rights scheme is drawn from them.
                var year = month.Year;
                var rights = await Terminal.WithProgressAsync($"Drawing rights {year}", logger, _ =>
                    services.GetRequiredService<DrawingRightsService>().ComputeForAllAsync(year, ct)).ConfigureAwait(false);
                foreach (var outcome in rights)
                {
                    TrekkingsrechtVerb.PrintSummary(outcome);
                }
                var outcomes = await Terminal.WithProgressAsync($"Settling {month}", logger, _ =>
                    services.GetRequiredService<SettlementService>().SettleMonthForAllAsync(month, "cli demo", ct)).ConfigureAwait(false);
                foreach (var outcome in outcomes)
                {
                    Summary.Print(outcome);
                }
                return ExitCodes.Ok;
            }, cancellationToken);
        });
        return command;
    }

    private sealed class Relay(IProgress<string> inner, string what) : IProgress<int>
    {
        public void Report(int value) => inner.Report($"{what}: {value} rows written");
    }
}
