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
                var paths = services.GetRequiredService<IOptions<PathOptions>>().Value;
                RefuseMissingFolders(paths);
                await services.GetRequiredService<DatabaseSetup>().MigrateAsync(ct).ConfigureAwait(false);
                var folder = paths.Sample;
                var imported = await Terminal.WithProgressAsync("Importing the demo region", logger, async progress =>
                    await services.GetRequiredService<ImportService>().ImportFolderAsync(folder, kind => new Relay(progress, kind.ToString()), "cli demo", ct).ConfigureAwait(false))
                    .ConfigureAwait(false);
                foreach (var result in imported)
                {
                    ImportVerb.Print(result.Figures);
                }
                // A scheme with an estimate pool takes its estimate from the region folder too (inschattingen-<scheme>.csv).
                foreach (var figures in await services.GetRequiredService<ImportService>().ImportSchemeFilesAsync(folder, "cli demo", ct).ConfigureAwait(false))
                {
                    ImportVerb.Print(figures);
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

    /// <summary>
    /// The demo reads the sample region and the scheme files, by default <c>config/sample</c> and <c>config/schemes</c> taken
    /// from the working directory (as every relative path is). Started elsewhere, it stops before it creates anything (no
    /// <c>data/</c>, no <c>out/</c>), naming the folder it looked for and how to run it.
    /// </summary>
    private static void RefuseMissingFolders(PathOptions paths)
    {
        var missing = new[] { ("sample region", paths.Sample, "--sample"), ("scheme folder", paths.Schemes, "--schemes") }
            .Where(f => !Directory.Exists(f.Item2))
            .Select(f => $"the {f.Item1} {Path.GetFullPath(f.Item2)} ({f.Item3} DIR)")
            .ToList();
        if (missing.Count > 0)
        {
            throw new ConfigurationException(
                $"The demo cannot find {string.Join(" or ", missing)}. Relative paths are taken from the working directory, "
                + $"{Directory.GetCurrentDirectory()}: run the demo from the repository's root, or pass the folders. Nothing was created.");
        }
    }

    private sealed class Relay(IProgress<string> inner, string what) : IProgress<int>
    {
        public void Report(int value) => inner.Report($"{what}: {value} rows checked");
    }
}
