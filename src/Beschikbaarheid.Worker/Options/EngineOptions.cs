using Quartz;
namespace Beschikbaarheid.Worker.Options;

/// <summary>Section <c>Database</c>. Also settable as <c>Database__File</c> in the environment or <c>--db</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public string Provider { get; set; } = "sqlite";
    public string File { get; set; } = "data/beschikbaarheid.db";

    /// <summary>Apply pending migrations before any verb that needs the database (the embedded default).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

/// <summary>Section <c>Paths</c>; relative paths are taken from the working directory.</summary>
public sealed class PathOptions
{
    public const string Section = "Paths";
    public string Schemes { get; set; } = "config/schemes";
    public string Output { get; set; } = "out";
    public string Sample { get; set; } = "config/sample";
}

/// <summary>Section <c>Schedule</c>: when the monthly settlement fires, in which time zone, how far back it catches up.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>Quartz cron: seconds minutes hours day-of-month month day-of-week. Default: the 1st at 06:00.</summary>
    public string MonthlySettlementCron { get; set; } = "0 0 6 1 * ?";

    /// <summary>Quartz cron of next year's drawing rights. Default: 1 December at 06:00.</summary>
    public string DrawingRightsCron { get; set; } = "0 0 6 1 12 ?";

    /// <summary>
    /// How many complete months back, at most, the monthly settlement settles a scheme's unsettled months
    /// (and <c>status</c> reports them). Default 12; at least 1 (1: only the latest complete month).
    /// </summary>
    public int CatchUpMonths { get; set; } = 12;

    /// <summary>
    /// The schedule as the worker uses it, refused at start with the key's name and value when it cannot work: a time zone
    /// the system does not know, a cron Quartz cannot read or one that never fires again, a catch-up limit below 1.
    /// </summary>
    /// <returns>The time zone of the schedule.</returns>
    public TimeZoneInfo Checked(DateTimeOffset now)
    {
        var zone = CheckedTimeZone();
        CheckCron("Schedule:MonthlySettlementCron", MonthlySettlementCron, zone, now);
        CheckCron("Schedule:DrawingRightsCron", DrawingRightsCron, zone, now);
        CheckedCatchUpMonths();
        return zone;
    }

    /// <summary><see cref="TimeZone"/> as the system knows it, refused with the key's name when it does not.</summary>
    public TimeZoneInfo CheckedTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new Application.ConfigurationException($"Schedule:TimeZone is '{TimeZone}', which is not a time zone this system knows (e.g. Europe/Amsterdam).");
        }
    }

    /// <summary>Refuses a cron Quartz cannot read, or one that never fires after <paramref name="now"/>, naming the key and its value.</summary>
    public static void CheckCron(string key, string cron, TimeZoneInfo zone, DateTimeOffset now)
    {
        Quartz.ITrigger trigger;
        try
        {
            trigger = Quartz.TriggerBuilder.Create().WithCronSchedule(cron ?? "", c => c.InTimeZone(zone)).StartAt(now).Build();
        }
        catch (FormatException ex)
        {
            throw new Application.ConfigurationException(
                $"{key} is '{cron}', which is not a Quartz cron expression ({ex.Message}); expected six or seven fields: seconds minutes hours day-of-month month day-of-week [year], e.g. '0 0 6 1 * ?'.");
        }
        if (trigger.GetFireTimeAfter(now) is null)
        {
            throw new Application.ConfigurationException($"{key} is '{cron}', which never fires again.");
        }
    }

    /// <summary><see cref="CatchUpMonths"/>, refused with the key's name when it cannot work.</summary>
    public int CheckedCatchUpMonths() => CatchUpMonths >= 1
        ? CatchUpMonths
        : throw new Application.ConfigurationException($"Schedule:CatchUpMonths is {CatchUpMonths}; it must be at least 1.");
}

/// <summary>Section <c>Resilience</c>: how a unit of work is retried on transient database faults.</summary>
public sealed class ResilienceOptions
{
    public const string Section = "Resilience";

    /// <summary>Attempts after the first one.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first retry's delay; each next one doubles, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The most a unit of work may take, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);
}
