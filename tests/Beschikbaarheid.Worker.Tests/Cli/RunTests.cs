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

        // Started twice on one file: the stored triggers were kept and replaced, not duplicated.
        await using var connection = new SqliteConnection($"Data Source={_workspace.Database};Pooling=False");
        var triggers = (await connection.QueryAsync<(string Name, string Zone)>("SELECT t.TRIGGER_NAME, c.TIME_ZONE_ID FROM QRTZ_TRIGGERS t JOIN QRTZ_CRON_TRIGGERS c ON c.TRIGGER_NAME = t.TRIGGER_NAME ORDER BY 1")).ToList();
        Assert.Equal([("drawing-rights-cron", "Europe/Amsterdam"), ("monthly-settlement-cron", "Europe/Amsterdam")], triggers);
    }
}
