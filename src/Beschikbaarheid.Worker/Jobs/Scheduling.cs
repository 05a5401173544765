using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Beschikbaarheid.Worker.Jobs;

public static class Scheduling
{
    public static readonly TriggerKey MonthlyTrigger = new("monthly-settlement-cron", "settlement");
    public static readonly TriggerKey DrawingRightsTrigger = new("drawing-rights-cron", "drawing-rights");

    /// <summary>A fire time as the operator reads it: ISO 8601 in the region's time zone with its offset, e.g. 2027-01-01T06:00:00+01:00.</summary>
    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The 1st of every month at 06:00 in the region's time zone: the previous month is settled, with any
    /// earlier month not yet settled (up to <c>Schedule:CatchUpMonths</c> back).
    /// </summary>
    public static void AddMonthlySettlement(this IQuartzBuilder quartz, ScheduleOptions schedule) =>
        quartz.AddCronJob<MonthlySettlementJob>(MonthlySettlementJob.Key, MonthlyTrigger, schedule.MonthlySettlementCron, schedule);

    /// <summary>Next year's drawing rights on a configured date (default 1 December, 06:00).</summary>
    public static void AddDrawingRights(this IQuartzBuilder quartz, ScheduleOptions schedule) =>
        quartz.AddCronJob<DrawingRightsJob>(DrawingRightsJob.Key, DrawingRightsTrigger, schedule.DrawingRightsCron, schedule);

    /// <summary>
    /// A durable job on a cron trigger with an explicit time zone (so the DST switch cannot move it) and
    /// fire-and-proceed after downtime: a missed fire runs once at start-up, which is safe because every
    /// job's work is idempotent.
    /// </summary>
    private static void AddCronJob<TJob>(this IQuartzBuilder quartz, JobKey job, TriggerKey trigger, string cron, ScheduleOptions schedule)
        where TJob : class, IJob
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        quartz.AddJob<TJob>(j => j.WithIdentity(job).StoreDurably());
        quartz.AddTrigger(t => t
            .ForJob(job)
            .WithIdentity(trigger)
            .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }

    /// <summary>
    /// A node joining a cluster keeps the triggers already stored (re-registering one another node has scheduled
    /// made both fire), so a cron or time zone changed in the configuration is applied here, after start: a stored
    /// trigger that differs from the configuration is rescheduled, and the change logged.
    /// </summary>
    public static async Task ApplyConfiguredScheduleAsync(IScheduler scheduler, ScheduleOptions schedule, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        foreach (var (job, trigger, cron) in new[]
        {
            (MonthlySettlementJob.Key, MonthlyTrigger, schedule.MonthlySettlementCron),
            (DrawingRightsJob.Key, DrawingRightsTrigger, schedule.DrawingRightsCron),
        })
        {
            if (await scheduler.GetTrigger(trigger, cancellationToken).ConfigureAwait(false) is ICronTrigger stored
                && (stored.CronExpressionString != cron || stored.TimeZone.Id != zone.Id))
            {
                var replacement = TriggerBuilder.Create()
                    .ForJob(job)
                    .WithIdentity(trigger)
                    .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                    .Build();
                await scheduler.RescheduleJob(trigger, replacement, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Schedule of {Trigger} changed from '{Stored}' ({StoredZone}) to '{Cron}' ({Zone})", trigger.Name, stored.CronExpressionString, stored.TimeZone.Id, cron, zone.Id);
            }
        }
    }
}
