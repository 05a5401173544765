using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Worker.Application;
using Beschikbaarheid.Worker.Jobs;
using Beschikbaarheid.Worker.Options;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Beschikbaarheid.Worker.Tests.Jobs;

/// <summary>The monthly job run by a real Quartz scheduler against a real SQLite file.</summary>
public sealed class MonthlySettlementJobTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>Wednesday 1 April 2026, 06:00 in Amsterdam (04:00 UTC, summer time): the previous month is March.</summary>
    private static readonly DateTimeOffset FirstOfApril = new(2026, 4, 1, 4, 0, 0, TimeSpan.Zero);

    private ServiceProvider Services(TimeProvider clock, Action<IQuartzBuilder> quartz)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:File"] = _workspace.Database,
            ["Paths:Schemes"] = _workspace.Schemes,
            ["Paths:Output"] = _workspace.Output,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(clock);
        services.AddEngine(configuration);
        services.AddQuartz(q =>
        {
            q.UseTimeProvider(clock);
            quartz(q);
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Job_FiredByARealScheduler_SettlesThePreviousMonth()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        var clock = new FixedClock(FirstOfApril);
        await using var provider = Services(clock, q =>
        {
            q.AddJob<MonthlySettlementJob>(j => j.WithIdentity(MonthlySettlementJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(MonthlySettlementJob.Key).WithIdentity("now").StartNow());
        });
        await provider.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);

        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        try
        {
            await WaitForRunsAsync(provider, 1);
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }

        await using var connection = await provider.GetRequiredService<IConnectionFactory>().OpenAsync();
        var runs = (await connection.QueryAsync<(string Period, string StartedBy)>("SELECT period, started_by FROM settlement_runs")).ToList();
        var run = Assert.Single(runs);
        Assert.Equal("2026-03", run.Period);
        Assert.StartsWith("job", run.StartedBy, StringComparison.Ordinal);
        // Beuningen, all of March: 31 × 1,375,000 / 365 = 116,780.82 → 116,781 cents, one invoice.
        Assert.Equal(116_781L, await connection.ExecuteScalarAsync<long>("SELECT total_cents FROM invoices"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invoices"));
        Assert.True(File.Exists(Path.Combine(_workspace.Output, Workspace.SchemeId, "2026-03", "boekingen.csv")));
    }

    [Theory]
    [InlineData("2026-03-15T12:00:00Z", "2026-04-01T04:00:00Z")] // summer time: 06:00 CEST is 04:00 UTC
    [InlineData("2026-10-15T12:00:00Z", "2026-11-01T05:00:00Z")] // after the autumn switch: 06:00 CET is 05:00 UTC
    [InlineData("2026-12-01T04:59:00Z", "2026-12-01T05:00:00Z")]
    public async Task Trigger_FiresOnTheFirstAtSixInAmsterdam(string now, string expected)
    {
        var clock = new FixedClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        await using var provider = Services(clock, q => q.AddMonthlySettlement(new ScheduleOptions()));
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(Scheduling.MonthlyTrigger);
        Assert.NotNull(trigger);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), trigger.GetFireTimeAfter(clock.GetUtcNow()));
        Assert.Equal((int)CronTriggerMisfireInstruction.FireAndProceed, trigger.MisfireInstructionCode);
        await scheduler.Shutdown();
    }

    [Theory]
    [InlineData("2026-11-15T12:00:00Z", "2026-12-01T05:00:00Z")] // 1 December 06:00 CET
    [InlineData("2026-12-01T05:00:01Z", "2027-12-01T05:00:00Z")] // just after: a year later
    public async Task DrawingRightsTrigger_FiresOnTheFirstOfDecemberAtSixInAmsterdam(string now, string expected)
    {
        var clock = new FixedClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        await using var provider = Services(clock, q => q.AddDrawingRights(new ScheduleOptions()));
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(Scheduling.DrawingRightsTrigger);
        Assert.NotNull(trigger);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), trigger.GetFireTimeAfter(clock.GetUtcNow()));
        await scheduler.Shutdown();
    }

    [Theory]
    [InlineData(typeof(MonthlySettlementJob))]
    [InlineData(typeof(DrawingRightsJob))]
    public void Jobs_DisallowConcurrentExecution(Type job) =>
        Assert.NotNull(Attribute.GetCustomAttribute(job, typeof(DisallowConcurrentExecutionAttribute)));

    private static async Task WaitForRunsAsync(ServiceProvider provider, int count)
    {
        var connections = provider.GetRequiredService<IConnectionFactory>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            await using (var connection = await connections.OpenAsync())
            {
                var exists = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'settlement_runs'") > 0;
                if (exists && await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM settlement_runs") >= count)
                {
                    return;
                }
            }
            await Task.Delay(100, timeout.Token);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
