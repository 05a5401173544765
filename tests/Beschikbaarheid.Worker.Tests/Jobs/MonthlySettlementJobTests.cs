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
    public async Task Job_FiredByARealScheduler_SettlesEveryCompleteUnsettledMonth_InOrder()
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
            await WaitForRunsAsync(provider, 3);
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }

        await using var connection = await provider.GetRequiredService<IConnectionFactory>().OpenAsync();
        // The window is 2025-04..2026-03 (12 months back; the scheme starts in 2019). The child starts in
        // January, so 2025's months have nothing eligible and store no run; January to March are settled in order.
        var runs = (await connection.QueryAsync<(string Period, string StartedBy, string Number, long Total)>(
            "SELECT r.period, r.started_by, i.number, i.total_cents FROM settlement_runs r JOIN invoices i ON i.run_id = r.id ORDER BY r.id")).ToList();
        Assert.Equal(["2026-01", "2026-02", "2026-03"], runs.Select(r => r.Period));
        Assert.All(runs, r => Assert.StartsWith("job", r.StartedBy, StringComparison.Ordinal));
        Assert.Equal(["GM0268-2026-00001", "GM0268-2026-00002", "GM0268-2026-00003"], runs.Select(r => r.Number));
        // Beuningen, 13,750.00 a year (5.5 h × 62.50 × 40 weeks) = 1,375,000 cents over 365 days:
        // January 31 × 1,375,000 / 365 = 116,780.82 → 116,781; February 28 × 1,375,000 / 365 = 105,479.45 → 105,479; March as January.
        Assert.Equal([116_781L, 105_479L, 116_781L], runs.Select(r => r.Total));
        Assert.True(File.Exists(Path.Combine(_workspace.Output, Workspace.SchemeId, "2026-03", "boekingen.csv")));
    }

    /// <summary>
    /// A scheme with approval: the job prepares its first unsettled month (January; 2025 has nothing eligible) as a concept prepared by
    /// the job, issues nothing and leaves February and March until January is approved; firing again keeps the unchanged concept.
    /// Once Bob approves January (GM0268-2026-00001, 31 × 1,375,000 / 365 = 116,780.82 → 116,781 cents), the next firing prepares February.
    /// </summary>
    [Fact]
    public async Task Job_ForASchemeWithApproval_PreparesTheFirstUnsettledMonthOnly_AndTheNextAfterItsApproval()
    {
        _workspace.WriteScheme();
        var scheme = Path.Combine(_workspace.Schemes, Workspace.SchemeId + ".json");
        File.WriteAllText(scheme, File.ReadAllText(scheme).Replace("\"startYear\": 2019,", "\"startYear\": 2019, \"approval\": true,", StringComparison.Ordinal));
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        await using var provider = Services(new FixedClock(FirstOfApril), _ => { });
        await provider.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        var settlements = provider.GetRequiredService<SettlementService>();

        var first = await settlements.SettleCompleteMonthsAsync("job monthly-settlement");
        var prepared = Assert.Single(first, o => o.Status != SettleStatus.NothingEligible);
        Assert.Equal((new Core.Periods.YearMonth(2026, 1), SettleStatus.Prepared, "job monthly-settlement"), (prepared.Period, prepared.Status, prepared.PreparedBy));
        var again = await settlements.SettleCompleteMonthsAsync("job monthly-settlement");
        Assert.Equal(SettleStatus.AlreadyPrepared, Assert.Single(again, o => o.Status != SettleStatus.NothingEligible).Status);

        await using var connection = await provider.GetRequiredService<IConnectionFactory>().OpenAsync();
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM settlement_runs"));
        var approved = await settlements.ApproveAsync(Workspace.SchemeId, new Core.Periods.YearMonth(2026, 1), "Bob", "test", new DateOnly(2026, 2, 2));
        Assert.Equal(("GM0268-2026-00001", 116_781L), (approved.Settlement!.Invoices.Single().Number, approved.Settlement.Invoices.Single().Total.Cents));

        var next = await settlements.SettleCompleteMonthsAsync("job monthly-settlement");
        var february = Assert.Single(next, o => o.Status != SettleStatus.NothingEligible);
        Assert.Equal((new Core.Periods.YearMonth(2026, 2), SettleStatus.Prepared), (february.Period, february.Status));
    }

    /// <summary>1 February 2026, 06:00 in Amsterdam (05:00 UTC, winter time): the latest complete month is January.</summary>
    private static readonly DateTimeOffset FirstOfFebruary = new(2026, 2, 1, 5, 0, 0, TimeSpan.Zero);

    /// <summary>1 March 2026, 06:00 in Amsterdam (05:00 UTC): the latest complete month is February.</summary>
    private static readonly DateTimeOffset FirstOfMarch = new(2026, 3, 1, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AMonthRefusedAtOneFiring_IsSettledAtTheNext_BeforeTheMonthAfter_WithGaplessNumbers()
    {
        // Two schemes with one issuer (lead Nijmegen): "beuningen-test" (Nijmegen and Beuningen) and the workspace's
        // scheme, which also names Berg en Dal (GM1945). Both start in 2026 and bill the one Beuningen child.
        _workspace.WriteScheme(startYear: 2026);
        _workspace.Write(Path.Combine("schemes", "beuningen-test.json"), """
            { "id": "beuningen-test", "name": "Beuningen test", "startYear": 2026,
              "schools": ["30AB00"], "participants": ["GM0268", "GM0209"],
              "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "hourlyRate": 62.50, "schoolWeeks": 40 },
              "key": { "type": "children" },
              "flow": { "type": "lead", "lead": "GM0268" },
              "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        // Berg en Dal is missing from the registry at the first firing: the workspace's scheme is refused.
        _workspace.Write("gemeenten.csv", "gemeentecode;naam\nGM0268;Nijmegen\nGM0209;Beuningen");
        var clock = new MovableClock(FirstOfFebruary);
        await using var provider = Services(clock, _ => { });
        var imports = provider.GetRequiredService<ImportService>();
        await imports.ImportFolderAsync(_workspace.Folder);
        var settlements = provider.GetRequiredService<SettlementService>();

        // First firing: January. The other scheme goes ahead; the refused one fails the job with its reason.
        var refused = await Assert.ThrowsAsync<SettlementRejectedException>(() => settlements.SettleCompleteMonthsAsync("job test"));
        Assert.Contains("participant GM1945", refused.Message, StringComparison.Ordinal);

        // The registry fixed, the next firing (1 March) settles the refused scheme's January, then its February.
        await imports.ImportAsync(Data.Import.ImportKind.Gemeenten, _workspace.Write("gemeenten.csv", "gemeentecode;naam\nGM0268;Nijmegen\nGM0209;Beuningen\nGM1945;Berg en Dal"));
        clock.Now = FirstOfMarch;
        var outcomes = await settlements.SettleCompleteMonthsAsync("job test");
        Assert.Equal(
            [("beuningen-test", "2026-02"), (Workspace.SchemeId, "2026-01"), (Workspace.SchemeId, "2026-02")],
            outcomes.Select(o => (o.SchemeId, o.Period.ToString())));
        Assert.All(outcomes, o => Assert.Equal(SettleStatus.Issued, o.Status));

        await using var connection = await provider.GetRequiredService<IConnectionFactory>().OpenAsync();
        var invoices = (await connection.QueryAsync<(string Scheme, string Period, string Number, long Total)>(
            "SELECT r.scheme_id, r.period, i.number, i.total_cents FROM settlement_runs r JOIN invoices i ON i.run_id = r.id ORDER BY i.number")).ToList();
        // One sequence for the issuer GM0268, in the order issued: beuningen-test January (first firing) 00001;
        // at the second firing beuningen-test February 00002 (its file sorts first), then the caught-up January 00003 and February 00004.
        // Beuningen's child: January 31 × 1,375,000 / 365 = 116,780.82 → 116,781; February 28 × 1,375,000 / 365 = 105,479.45 → 105,479.
        Assert.Equal(
            [
                ("beuningen-test", "2026-01", "GM0268-2026-00001", 116_781L),
                ("beuningen-test", "2026-02", "GM0268-2026-00002", 105_479L),
                (Workspace.SchemeId, "2026-01", "GM0268-2026-00003", 116_781L),
                (Workspace.SchemeId, "2026-02", "GM0268-2026-00004", 105_479L),
            ],
            invoices);
        Assert.Equal(4L, await connection.ExecuteScalarAsync<long>("SELECT last_number FROM invoice_sequences WHERE issuer = 'GM0268' AND year = 2026"));

        // A third firing in the same month finds nothing to settle and issues nothing.
        Assert.Empty(await settlements.SettleCompleteMonthsAsync("job test"));
    }

    [Fact]
    public async Task Job_NeverSettlesTheMonthNotYetEnded_EvenOnItsLastDay()
    {
        _workspace.WriteScheme(startYear: 2026);
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        // Tuesday 31 March 2026, 23:30 in Amsterdam (21:30 UTC, summer time): March's last day, so by the rule an invoice dated today
        // could settle March by hand; the schedule settles only months before today's month: January and February.
        var clock = new MovableClock(new DateTimeOffset(2026, 3, 31, 21, 30, 0, TimeSpan.Zero));
        await using var provider = Services(clock, _ => { });
        await provider.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        var settlements = provider.GetRequiredService<SettlementService>();

        var outcomes = await settlements.SettleCompleteMonthsAsync("job test");
        Assert.Equal(["2026-01", "2026-02"], outcomes.Select(o => o.Period.ToString()));

        // Half an hour later it is 1 April in Amsterdam (still 31 March in UTC): March has ended and is settled, April is not.
        clock.Now = new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero);
        Assert.Equal(["2026-03"], (await settlements.SettleCompleteMonthsAsync("job test")).Select(o => o.Period.ToString()));

        await using var connection = await provider.GetRequiredService<IConnectionFactory>().OpenAsync();
        Assert.Equal(["2026-01", "2026-02", "2026-03"], await connection.QueryAsync<string>("SELECT period FROM settlement_runs ORDER BY id"));
        // Every invoice is dated on or after the last day of the month it settles (today in Amsterdam: 31 March, then 1 April).
        var dated = (await connection.QueryAsync<(string Period, string Date)>(
            "SELECT r.period, i.invoice_date FROM settlement_runs r JOIN invoices i ON i.run_id = r.id ORDER BY r.id")).ToList();
        Assert.Equal([("2026-01", "2026-03-31"), ("2026-02", "2026-03-31"), ("2026-03", "2026-04-01")], dated);
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

    /// <summary>The clock between two firings: set forward by the test.</summary>
    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
