using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Beschikbaarheid.Worker.Application;

/// <summary>One line of the status: what was checked, whether it is healthy, and what was found.</summary>
public sealed record StatusCheck(string Name, bool Healthy, string Detail);

/// <summary>What the operator and the container's health check see: healthy only when every check is.</summary>
/// <param name="Warnings">Worth a look but not unhealthy: schemes behind with their unsettled complete months.</param>
public sealed record StatusReport(IReadOnlyList<StatusCheck> Checks, IReadOnlyList<string> LastRuns, IReadOnlyList<string> Warnings)
{
    /// <summary>Concepts prepared for four-eyes approval and not yet approved, one line each with the command that approves it.</summary>
    public IReadOnlyList<string> WaitingForApproval { get; init; } = [];

    public bool Healthy => Checks.All(c => c.Healthy);
}

/// <summary>
/// The <c>status</c> verb: is the database reachable, are its migrations those of this program, when do the
/// jobs fire next, what were the last runs, and which schemes are behind: complete months of the catch-up
/// window without a run, which the next firing of the monthly settlement will try. Being behind is a warning
/// (printed and logged), not unhealthy. Reads only: it never creates or migrates a database.
/// </summary>
public sealed class StatusService(
    IConnectionFactory connections,
    Migrator migrator,
    SettlementHistory history,
    SettledMonths settledMonths,
    SettlementConcepts concepts,
    SchemeFileLoader schemes,
    LocalCalendar calendar,
    IOptions<DatabaseOptions> database,
    IOptions<ScheduleOptions> schedule,
    TimeProvider clock,
    ILogger<StatusService> logger)
{
    public async Task<StatusReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var checks = new List<StatusCheck>();
        var lastRuns = new List<string>();
        var warnings = new List<string>();
        var waiting = new List<string>();
        if (connections.Provider == DatabaseProvider.Sqlite && !File.Exists(connections.Describe()))
        {
            checks.Add(new StatusCheck("database", false, $"{connections.Describe()} does not exist; run 'beschikbaarheid db migrate' or 'demo' first."));
        }
        else
        {
            try
            {
                await using (await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
                {
                    checks.Add(new StatusCheck("database", true, $"{connections.Describe()} reachable ({database.Value.Provider})"));
                }
                var pending = await migrator.PendingAsync(cancellationToken).ConfigureAwait(false);
                checks.Add(pending.Count == 0
                    ? new StatusCheck("migrations", true, $"current ({migrator.Known.Count} of {migrator.Known.Count})")
                    : new StatusCheck("migrations", false, $"{pending.Count} pending: {string.Join(", ", pending.Select(m => m.Name))}; run 'beschikbaarheid db migrate'."));
                if (pending.Count == 0)
                {
                    lastRuns.AddRange((await history.LatestAsync(5, cancellationToken).ConfigureAwait(false))
                        .Select(r => $"run {r.Run.Id} {r.SchemeId} {r.Run.Period} {r.Run.Kind}, {r.Run.CreatedAt:yyyy-MM-dd HH:mm} UTC by {r.Run.StartedBy}"));
                    warnings.AddRange(await BehindAsync(cancellationToken).ConfigureAwait(false));
                    waiting.AddRange((await concepts.WaitingAsync(cancellationToken).ConfigureAwait(false)).Select(c =>
                        $"{c.SchemeId} {c.Period} ({c.Kind}): {c.Invoices} invoice(s), € {c.Total.Euros.ToString("#,##0.00", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"))}, "
                        + $"prepared by {c.PreparedBy} on {c.PreparedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; approve --scheme {c.SchemeId} {(c.Kind == SettlementKind.Voorschot.Dutch() ? "--period " + c.Period : "--year " + c.Period[..4])} --by NAME"));
                }
            }
            catch (DatabaseUnavailableException ex)
            {
                checks.Add(new StatusCheck("database", false, ex.Message));
            }
        }
        checks.Add(NextFire("monthly settlement", schedule.Value.MonthlySettlementCron));
        checks.Add(NextFire("drawing rights", schedule.Value.DrawingRightsCron));
        foreach (var warning in warnings)
        {
            logger.LogWarning("{Warning}", warning);
        }
        return new StatusReport(checks, lastRuns, warnings) { WaitingForApproval = waiting };
    }

    /// <summary>Per scheme of the scheme folder, its unsettled complete months within the catch-up window (<see cref="CatchUp"/>).</summary>
    private async Task<IReadOnlyList<string>> BehindAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Scheme> all;
        int limit;
        try
        {
            limit = schedule.Value.CheckedCatchUpMonths();
            all = schemes.LoadAll();
        }
        catch (Exception ex) when (ex is SchemeFileException or ConfigurationException)
        {
            return [$"unsettled months not checked: {ex.Message}"];
        }
        var settled = await settledMonths.LoadAsync(cancellationToken).ConfigureAwait(false);
        return SchemeProgress.Of(all, settled, calendar.LatestCompleteMonth, limit)
            .Where(p => p.Unsettled.Count > 0)
            .Select(p => $"{p.Scheme.Id} behind: {p.Unsettled.Count} complete month(s) not settled: {string.Join(", ", p.Unsettled)} (the next monthly settlement tries them)")
            .ToList();
    }

    private StatusCheck NextFire(string job, string cron)
    {
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.Value.TimeZone);
            var trigger = TriggerBuilder.Create().WithCronSchedule(cron, c => c.InTimeZone(zone)).StartAt(clock.GetUtcNow()).Build();
            var next = trigger.GetFireTimeAfter(clock.GetUtcNow());
            return next is { } at
                ? new StatusCheck($"next {job}", true, $"{TimeZoneInfo.ConvertTime(at, zone):yyyy-MM-dd HH:mm} {schedule.Value.TimeZone} ({cron})")
                : new StatusCheck($"next {job}", false, $"'{cron}' never fires again");
        }
        catch (Exception ex) when (ex is FormatException or TimeZoneNotFoundException)
        {
            return new StatusCheck($"next {job}", false, ex.Message);
        }
    }
}
