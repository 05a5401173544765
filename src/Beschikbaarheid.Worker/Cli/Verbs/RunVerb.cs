using System.CommandLine;
using Beschikbaarheid.Worker.Application;
using Beschikbaarheid.Worker.Jobs;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
                schedule.CheckedCatchUpMonths(); // a catch-up limit that cannot work stops the worker at start, not at the first firing
                builder.Services.AddQuartz(q =>
                {
                    q.UseEngineStore(database, builder.Configuration.GetConnectionString(EngineServices.ConnectionStringName));
                    q.AddMonthlySettlement(schedule);
                    q.AddDrawingRights(schedule);
                });
                builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
                using var host = builder.Build();
                await host.Services.GetRequiredService<DatabaseSetup>().EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
                var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken).ConfigureAwait(false);
                await Scheduling.ApplyConfiguredScheduleAsync(
                    scheduler, schedule, host.Services.GetRequiredService<ILogger<MonthlySettlementJob>>(), cancellationToken).ConfigureAwait(false);
                var trigger = await scheduler.GetTrigger(Scheduling.MonthlyTrigger, cancellationToken).ConfigureAwait(false);
                host.Services.GetRequiredService<ILogger<MonthlySettlementJob>>()
                    .LogInformation("Worker started; next monthly settlement at {NextFire:yyyy-MM-dd HH:mm} UTC", trigger?.NextFireTimeUtc);
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
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
