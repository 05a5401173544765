using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Tests;
using Dapper;
using Npgsql;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// The executable on PostgreSQL (<c>--provider postgresql</c>), each test in a fresh database on the server in
/// <c>BESCHIKBAARHEID_TEST_POSTGRESQL</c>: skipped without it, failed without it in CI (<c>CI=true</c>).
/// </summary>
public sealed class PostgreSqlTests : IAsyncLifetime
{
    private readonly Workspace _workspace = new();
    private PostgreSqlScratchDatabase? _database;

    private static readonly string[] Provider = ["--provider", "postgresql"];

    public async ValueTask InitializeAsync() => _database = await PostgreSqlScratchDatabase.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _workspace.Dispose();
    }

    private Dictionary<string, string> Environment => new() { ["ConnectionStrings__Beschikbaarheid"] = _database!.ConnectionString };

    [Fact]
    public async Task TwoProcesses_SettlingOneMonthAtTheSameMoment_IssueOneSetWithGaplessNumbers() =>
        await ProductionTests.SettleOneMonthTwiceAtOnceAsync(_workspace, Environment, [], Provider, new PostgreSqlConnectionFactory(_database!.ConnectionString));

    [Fact]
    public async Task DryRunThenRealRun_UsesTheNumbersOfARealRunAlone_AndTheDryRunStoresNothing() =>
        await DryRunTests.DryRunThenRealRunAsync(_workspace, Environment, [], Provider, new PostgreSqlConnectionFactory(_database!.ConnectionString));

    [Fact]
    public async Task Status_OfACurrentDatabase_IsHealthy()
    {
        Assert.Equal(0, (await _workspace.RunAsync(Environment, ["db", "migrate", .. Provider])).ExitCode);
        var (code, output, _) = await _workspace.RunAsync(Environment, ["status", .. Provider]);
        Assert.True(code == 0, output);
        Assert.Contains("ok   database: PostgreSQL ", output, StringComparison.Ordinal);
        Assert.Contains("ok   migrations: current", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoWorkers_FormOneCluster_WithTheScheduleStoredOnce_AndStopOnSigterm()
    {
        _workspace.WriteScheme();
        string[] run = [.. _workspace.With("run"), .. Provider];
        using var first = await _workspace.StartAsync("beschikbaarheid.dll", Environment, "Worker started", run);
        using var second = await _workspace.StartAsync("beschikbaarheid.dll", Environment, "Worker started", run);

        await using (var connection = new NpgsqlConnection(_database!.ConnectionString))
        {
            // Quartz's own tables, provisioned on first start: two nodes checked in with instance ids of their own
            // (the scheduler may check in just after the host reports started), one set of triggers.
            var nodes = 0L;
            for (var wait = 0; wait < 100 && nodes < 2; wait++)
            {
                await Task.Delay(wait == 0 ? 0 : 200);
                nodes = await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT instance_name) FROM qrtz_scheduler_state");
            }
            Assert.Equal(2L, nodes);
            var triggers = (await connection.QueryAsync<(string Name, string Zone)>(
                "SELECT t.trigger_name, c.time_zone_id FROM qrtz_triggers t JOIN qrtz_cron_triggers c ON c.trigger_name = t.trigger_name ORDER BY 1")).ToList();
            Assert.Equal([("drawing-rights-cron", "Europe/Amsterdam"), ("monthly-settlement-cron", "Europe/Amsterdam")], triggers);
        }

        foreach (var worker in new[] { first, second })
        {
            Assert.Equal(0, await Workspace.StopAsync(worker));
        }
    }
}
