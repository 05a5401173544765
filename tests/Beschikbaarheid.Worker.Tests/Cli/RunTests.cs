using Dapper;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>The hosted worker as a real process: its schedule kept in the database, stopped by SIGTERM as a container stops it.</summary>
public sealed class RunTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Run_KeepsItsScheduleInTheDatabase_AndStopsGracefullyOnSigterm()
    {
        _workspace.WriteScheme();
        for (var start = 1; start <= 2; start++)
        {
            using var worker = await _workspace.StartAsync("beschikbaarheid.dll", "Worker started", _workspace.With("run"));
            // What `docker stop` sends: the host stops the scheduler, waiting for a running job, and exits 0.
            Assert.Equal(0, await Workspace.StopAsync(worker));
        }

        // Started twice on one file: the stored triggers were kept, not duplicated.
        await using var connection = new SqliteConnection($"Data Source={_workspace.Database};Pooling=False");
        var triggers = (await connection.QueryAsync<(string Name, string Zone, string Cron)>(
            "SELECT t.TRIGGER_NAME, c.TIME_ZONE_ID, c.CRON_EXPRESSION FROM QRTZ_TRIGGERS t JOIN QRTZ_CRON_TRIGGERS c ON c.TRIGGER_NAME = t.TRIGGER_NAME ORDER BY 1")).ToList();
        Assert.Equal([("drawing-rights-cron", "Europe/Amsterdam", "0 0 6 1 12 ?"), ("monthly-settlement-cron", "Europe/Amsterdam", "0 0 6 1 * ?")], triggers);

        // Restarted with another cron in the configuration: the stored trigger follows it, and the change is logged.
        var changed = new Dictionary<string, string> { ["Schedule__MonthlySettlementCron"] = "0 30 7 2 * ?" };
        using (var worker = await _workspace.StartAsync("beschikbaarheid.dll", changed, "Worker started", _workspace.With("run")))
        {
            Assert.Equal(0, await Workspace.StopAsync(worker));
        }
        Assert.Equal("0 30 7 2 * ?", await connection.ExecuteScalarAsync<string>(
            "SELECT CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = 'monthly-settlement-cron'"));
    }
}
