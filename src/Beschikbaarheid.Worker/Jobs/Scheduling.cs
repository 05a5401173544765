using Beschikbaarheid.Worker.Options;
using Quartz;

namespace Beschikbaarheid.Worker.Jobs;

public static class Scheduling
{
    public static readonly TriggerKey MonthlyTrigger = new("monthly-settlement-cron", "settlement");

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
}
