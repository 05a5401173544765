using System.Diagnostics;
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
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _workspace.Folder, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "beschikbaarheid.dll") }.Concat(_workspace.With("run")))
            {
                info.ArgumentList.Add(arg);
            }
            using var worker = Process.Start(info)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                var line = await worker.StandardError.ReadLineAsync(timeout.Token);
                Assert.NotNull(line);
                if (line.Contains("Worker started", StringComparison.Ordinal))
                {
                    break;
                }
            }
            // What `docker stop` sends: the host stops the scheduler, waiting for a running job, and exits 0.
            using (var kill = Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(timeout.Token);
            }
            await worker.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, worker.ExitCode);
        }

        // Started twice on one file: the stored triggers were kept and replaced, not duplicated.
        await using var connection = new SqliteConnection($"Data Source={_workspace.Database};Pooling=False");
        var triggers = (await connection.QueryAsync<(string Name, string Zone)>("SELECT t.TRIGGER_NAME, c.TIME_ZONE_ID FROM QRTZ_TRIGGERS t JOIN QRTZ_CRON_TRIGGERS c ON c.TRIGGER_NAME = t.TRIGGER_NAME ORDER BY 1")).ToList();
        Assert.Equal([("drawing-rights-cron", "Europe/Amsterdam"), ("monthly-settlement-cron", "Europe/Amsterdam")], triggers);
    }
}
