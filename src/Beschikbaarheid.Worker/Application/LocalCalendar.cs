using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Application;

/// <summary>Today's date where the region is (Europe/Amsterdam by default), from the injected clock.</summary>
public sealed class LocalCalendar(TimeProvider clock, IOptions<ScheduleOptions> schedule)
{
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(schedule.Value.TimeZone);

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone).DateTime);

    /// <summary>The latest month that has fully ended: the month before today's (<see cref="FinishedPeriods.LatestComplete"/>).</summary>
    public YearMonth LatestCompleteMonth => FinishedPeriods.LatestComplete(Today);
}
