using Dapper;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>A settlement killed halfway, with SIGKILL, by a real process: nothing of it may remain.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task SettlementKilledHalfway_LeavesNoInvoiceAndNoUsedNumber_AndTheNextRunIssuesTheSameNumbers()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion("""
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            B2;cl-b;GM1945;30AB;00;Aanbieder;JZ;JW;6;2026-01-01;
            """);
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            Assert.Equal(0, (await _workspace.RunAsync("import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), "--db", _workspace.Database)).ExitCode);
        }

        // The test-only host holds its transaction open after the first of two invoices; we kill it there.
        using (var child = await _workspace.StartAsync("Beschikbaarheid.FaultHost.dll", "paused after 1 invoice",
            "1", _workspace.Database, _workspace.Schemes, _workspace.Output, Workspace.SchemeId, "2026-03", "2026-04-01"))
        {
            child.Kill(entireProcessTree: true); // SIGKILL on Linux: no cleanup runs
            await child.WaitForExitAsync();
        }

        await using (var connection = new SqliteConnection($"Data Source={_workspace.Database};Pooling=False"))
        {
            foreach (var table in new[] { "settlement_runs", "invoices", "invoice_lines", "invoice_sequences", "settlement_entries" })
            {
                Assert.Equal(0L, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
            }
        }

        var again = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03", "--invoice-date", "2026-04-01"));
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("GM0268-2026-00001", again.Out, StringComparison.Ordinal);
        Assert.Contains("GM0268-2026-00002", again.Out, StringComparison.Ordinal);
    }
}
