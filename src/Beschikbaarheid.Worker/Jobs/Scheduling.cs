using Beschikbaarheid.Worker.Options;
using Quartz;

namespace Beschikbaarheid.Worker.Jobs;

public static class Scheduling
{
    public static readonly TriggerKey MonthlyTrigger = new("monthly-settlement-cron", "settlement");
    public static readonly TriggerKey DrawingRightsTrigger = new("drawing-rights-cron", "drawing-rights");

    /// <summary>
    /// The 1st of every month at 06:00 in the region's time zone (explicit, so the DST switch cannot move
    /// it). After downtime a missed fire runs once at start-up (fire-and-proceed), which is safe because
    /// the work is idempotent.
    /// </summary>
    public static void AddMonthlySettlement(this IQuartzBuilder quartz, ScheduleOptions schedule)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        quartz.AddJob<MonthlySettlementJob>(j => j.WithIdentity(MonthlySettlementJob.Key).StoreDurably());
        quartz.AddTrigger(t => t
            .ForJob(MonthlySettlementJob.Key)
            .WithIdentity(MonthlyTrigger)
            .WithCronSchedule(schedule.MonthlySettlementCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }

    /// <summary>Next year's drawing rights on a configured date (default 1 December, 06:00), with the same time-zone and misfire care.</summary>
    public static void AddDrawingRights(this IQuartzBuilder quartz, ScheduleOptions schedule)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        quartz.AddJob<DrawingRightsJob>(j => j.WithIdentity(DrawingRightsJob.Key).StoreDurably());
        quartz.AddTrigger(t => t
            .ForJob(DrawingRightsJob.Key)
            .WithIdentity(DrawingRightsTrigger)
            .WithCronSchedule(schedule.DrawingRightsCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
