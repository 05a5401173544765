using System.CommandLine;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Worker.Application;
using Beschikbaarheid.Worker.Jobs;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class RunVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var command = new Command("run", "Run the worker: Quartz jobs settle every complete unsettled month of every scheme (up to Schedule:CatchUpMonths back) on the 1st at 06:00 and compute next year's drawing rights on 1 December (Europe/Amsterdam). Stop with Ctrl+C.")
        {
            common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var builder = EngineHost.CreateBuilder(common.Overrides(parse));
                var schedule = builder.Configuration.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions();
                var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
                // A schedule that cannot work (time zone, either cron, catch-up limit) stops the worker at start, naming the setting,
                // not with Quartz's stack trace and not at the first firing.
                var zone = schedule.Checked(TimeProvider.System.GetUtcNow());
                builder.Services.AddQuartz(q =>
                {
                    q.UseEngineStore(database, builder.Configuration.GetConnectionString(EngineServices.ConnectionStringName));
                    q.AddMonthlySettlement(schedule);
                    q.AddDrawingRights(schedule);
                });
                builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
                using var host = builder.Build();
                var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Beschikbaarheid.Worker");
                await host.Services.GetRequiredService<DatabaseSetup>().EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
                var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken).ConfigureAwait(false);
                await Scheduling.ApplyConfiguredScheduleAsync(
                    scheduler, schedule, host.Services.GetRequiredService<ILogger<MonthlySettlementJob>>(), cancellationToken).ConfigureAwait(false);
                var connections = host.Services.GetRequiredService<IConnectionFactory>();
                var paths = host.Services.GetRequiredService<IOptions<PathOptions>>().Value;
                logger.LogInformation(
                    "Worker started: database {Provider} {Database}; schemes {Schemes}; output {Output}; time zone {TimeZone}",
                    connections.Provider.ToString().ToLowerInvariant(), connections.Describe(), Path.GetFullPath(paths.Schemes), Path.GetFullPath(paths.Output), zone.Id);
                foreach (var (job, key) in new[] { ("monthly settlement", Scheduling.MonthlyTrigger), ("drawing rights", Scheduling.DrawingRightsTrigger) })
                {
                    var trigger = await scheduler.GetTrigger(key, cancellationToken).ConfigureAwait(false);
                    // ISO 8601 with the offset, in the region's time zone: the same text in the simple and the JSON log.
                    var next = trigger?.NextFireTimeUtc is { } at ? Scheduling.Local(at, zone) : "never";
                    logger.LogInformation("Next {Job}: {NextFire} ({TimeZone}, cron '{Cron}')", job, next, zone.Id, (trigger as ICronTrigger)?.CronExpressionString);
                }
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Worker stopped");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"The worker stopped: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
