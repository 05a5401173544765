using Npgsql;

namespace Beschikbaarheid.Tests;

/// <summary>
/// A fresh, empty database <c>beschikbaarheid_test_&lt;guid&gt;</c> on the PostgreSQL server named by the connection
/// string in <c>BESCHIKBAARHEID_TEST_POSTGRESQL</c> (a login that may create databases), dropped afterwards.
/// Without the variable the test is skipped with that reason, except in CI (<c>CI=true</c>), where .ci/run starts a
/// server and a missing variable fails the test.
/// </summary>
internal sealed class PostgreSqlScratchDatabase : IAsyncDisposable
{
    public const string Variable = "BESCHIKBAARHEID_TEST_POSTGRESQL";

    private readonly string _server;

    private PostgreSqlScratchDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The server's connection string with this database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgreSqlScratchDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        Prerequisite.Require(string.IsNullOrWhiteSpace(server),
            $"No PostgreSQL here: set {Variable} to a connection string (a login that may create databases) to run this test on PostgreSQL.");
        var database = new PostgreSqlScratchDatabase(server!, $"beschikbaarheid_test_{Guid.NewGuid():N}");
        await database.ExecuteOnServerAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections to the database would keep it in use; FORCE ends any that remain (another process's too).
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The only value is the generated database name.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}
