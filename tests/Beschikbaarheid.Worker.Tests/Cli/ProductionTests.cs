using Beschikbaarheid.Data.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>The production path's settings refused clearly, and two processes settling one month at the same moment.</summary>
public sealed class ProductionTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("oracle", null, "Database:Provider 'oracle' is not supported; use 'sqlite', 'sqlserver' or 'postgresql'.")]
    [InlineData("sqlserver", null, "ConnectionStrings:Beschikbaarheid is not set")]
    [InlineData("sqlserver", "Server=;;;=x", "ConnectionStrings:Beschikbaarheid: The SQL Server connection string is malformed")]
    [InlineData("sqlserver", "Database=beschikbaarheid", "names no server")]
    // Nothing listens on port 1: refused at once, reported as unreachable.
    [InlineData("sqlserver", "Server=tcp:127.0.0.1,1;Database=beschikbaarheid;User Id=sa;Password=x", "Cannot reach SQL Server tcp:127.0.0.1,1, database beschikbaarheid")]
    [InlineData("postgresql", null, "Database:Provider is postgresql but ConnectionStrings:Beschikbaarheid is not set")]
    [InlineData("postgresql", "Host=127.0.0.1;Bogus=1;Password=x", "ConnectionStrings:Beschikbaarheid: The PostgreSQL connection string is malformed")]
    [InlineData("postgresql", "Database=beschikbaarheid;Password=x", "names no server")]
    [InlineData("postgresql", "Host=127.0.0.1;Port=1;Database=beschikbaarheid;Username=app;Password=x", "Cannot reach PostgreSQL 127.0.0.1:1, database beschikbaarheid")]
    public async Task ABadDatabaseSetting_ExitsOne_WithAClearMessage_AndWritesNothing(string provider, string? connectionString, string message)
    {
        var environment = connectionString is null ? null : new Dictionary<string, string> { ["ConnectionStrings__Beschikbaarheid"] = connectionString };
        var (code, _, error) = await _workspace.RunAsync(environment, "db", "migrate", "--provider", provider, "--db", _workspace.Database);
        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=x", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.Database));
    }

    [Fact]
    public void AConnectionStringWithoutATimeout_WaitsThreeSecondsForTheServer_NotTheDriversFifteen()
    {
        Assert.Equal(3, ConnectTimeoutOf("Server=tcp:db.example,1433;Database=b;Integrated Security=true"));
        Assert.Equal(20, ConnectTimeoutOf("Server=tcp:db.example,1433;Database=b;Integrated Security=true;Connect Timeout=20"));
    }

    private static int ConnectTimeoutOf(string connectionString) => SqlServerConnectionFactory.WithDefaults(connectionString).ConnectTimeout;

    [Fact]
    public void APostgreSqlConnectionStringWithoutATimeout_WaitsThreeSecondsForTheServer_NotTheDriversFifteen()
    {
        Assert.Equal(3, PostgreSqlConnectionFactory.WithDefaults("Host=db.example;Database=b;Username=u").Timeout);
        Assert.Equal(20, PostgreSqlConnectionFactory.WithDefaults("Host=db.example;Database=b;Username=u;Timeout=20").Timeout);
    }

    [Fact]
    public async Task TwoProcesses_SettlingOneMonthAtTheSameMoment_IssueOneSetWithGaplessNumbers() =>
        await SettleOneMonthTwiceAtOnceAsync(_workspace, null, ["--db", _workspace.Database], [], new SqliteConnectionFactory(_workspace.Database));

    /// <summary>
    /// Imports a region with two debtors (a Beuningen child and a Berg en Dal child, each billed by the lead
    /// Nijmegen), then starts two processes settling March at the same moment: one issues both invoices, the other
    /// finds the month settled; one run, numbers 1 and 2, none lost.
    /// </summary>
    /// <param name="database">Where the imports write (settle uses the workspace's options).</param>
    /// <param name="provider">Options for every command: the provider when it is not the default.</param>
    internal static async Task SettleOneMonthTwiceAtOnceAsync(
        Workspace workspace, IReadOnlyDictionary<string, string>? environment, string[] database, string[] provider, IConnectionFactory connections)
    {
        workspace.WriteScheme();
        workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;\nB2;cl-b;GM1945;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            var imported = await workspace.RunAsync(environment, ["import", kind, Path.Combine(workspace.Folder, kind + ".csv"), .. database, .. provider]);
            Assert.True(imported.ExitCode == 0, imported.Error);
        }
        string[] settle = [.. workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03", "--invoice-date", "2026-04-01"), .. provider];
        var both = await Task.WhenAll(workspace.RunAsync(environment, settle), workspace.RunAsync(environment, settle));

        Assert.All(both, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Single(both, r => r.Out.Contains("issued 2 invoice(s)", StringComparison.Ordinal));
        Assert.Single(both, r => r.Out.Contains("already settled", StringComparison.Ordinal));
        await using var connection = await connections.OpenAsync();
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM settlement_runs"));
        Assert.Equal(["GM0268-2026-00001", "GM0268-2026-00002"], await connection.QueryAsync<string>("SELECT number FROM invoices ORDER BY number"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT last_number FROM invoice_sequences"));
    }

    [Fact]
    public async Task Status_OfACurrentDatabase_IsHealthy_WithNextFireTimes()
    {
        Assert.Equal(0, (await _workspace.RunAsync("db", "migrate", "--db", _workspace.Database)).ExitCode);
        var (code, output, _) = await _workspace.RunAsync("status", "--db", _workspace.Database);
        Assert.Equal(0, code);
        Assert.Contains("ok   migrations: current", output, StringComparison.Ordinal);
        Assert.Matches(@"ok   next monthly settlement: \d{4}-\d{2}-01 06:00 Europe/Amsterdam", output);
        Assert.EndsWith("healthy", output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ListsASchemesUnsettledCompleteMonths_AsAWarning_AndStaysHealthy()
    {
        Assert.SkipWhen(Workspace.FakeTime is null, "faketime is not installed (apt-get install faketime; .ci/run installs it): status's 'today' cannot be set.");
        _workspace.WriteScheme(startYear: 2026);
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            var imported = await _workspace.RunAsync("import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), "--db", _workspace.Database);
            Assert.True(imported.ExitCode == 0, imported.Error);
        }
        var settled = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-01", "--invoice-date", "2026-02-01"));
        Assert.True(settled.ExitCode == 0, settled.Error);

        // 10 April 2026: the latest complete month is March. The scheme starts in 2026, so the window is
        // 2026-01..2026-03 (within 12 months); January has a run, February and March have none.
        var (code, output, error) = await _workspace.RunAtAsync(
            new DateTimeOffset(2026, 4, 10, 8, 0, 0, TimeSpan.Zero), "status", "--db", _workspace.Database, "--schemes", _workspace.Schemes);

        Assert.True(code == 0, output + error);
        Assert.Contains($"warn {Workspace.SchemeId} behind: 2 complete month(s) not settled: 2026-02, 2026-03", output, StringComparison.Ordinal);
        Assert.Contains($"{Workspace.SchemeId} behind", error, StringComparison.Ordinal); // also logged
        Assert.Matches(@"ok   next monthly settlement: 2026-05-01 06:00 Europe/Amsterdam", output);
        Assert.EndsWith("healthy", output.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("unhealthy", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WithoutADatabase_IsUnhealthy_AndCreatesNone()
    {
        var (code, output, _) = await _workspace.RunAsync("status", "--db", _workspace.Database);
        Assert.Equal(1, code);
        Assert.Contains("FAIL database", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.Database));
    }

    [Fact]
    public async Task ADatabaseNewerThanTheProgram_IsUnhealthy_AndRefusedByEveryVerb()
    {
        Assert.Equal(0, (await _workspace.RunAsync("db", "migrate", "--db", _workspace.Database)).ExitCode);
        await using (var connection = new SqliteConnection($"Data Source={_workspace.Database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', '2030-01-01')";
            await command.ExecuteNonQueryAsync();
        }
        var status = await _workspace.RunAsync("status", "--db", _workspace.Database);
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("has migration 99, newer than this program knows", status.Output(), StringComparison.Ordinal);
        _workspace.WriteScheme();
        var settle = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03"));
        Assert.Equal(1, settle.ExitCode);
        Assert.Contains("newer than this program knows", settle.Error, StringComparison.Ordinal);
    }
}

internal static class RunResult
{
    public static string Output(this (int ExitCode, string Out, string Error) result) => result.Out + result.Error;
}
