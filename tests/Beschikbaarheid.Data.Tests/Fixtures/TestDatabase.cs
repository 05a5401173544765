using System.Data.Common;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Tests.Fixtures;

/// <summary>
/// A fresh, migrated database per test, on one provider. Test bodies are written once against this
/// type and run once per provider by a subclass per provider (the shape of Dapper's own tests).
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract IConnectionFactory Connections { get; }

    /// <summary>Makes the empty database a test starts from; a provider that is not available here skips the test, saying why.</summary>
    public virtual Task CreateAsync() => Task.CompletedTask;

    /// <summary>A folder for this test's input files, removed afterwards.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("beschikbaarheid-test-").FullName;

    public async Task MigrateAsync() => await new Migrator(Connections).MigrateAsync(TimeProvider.System);

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Connections.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<DbConnection> OpenAsync() => await Connections.OpenAsync();

    public virtual ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The embedded default: a real SQLite file in a temporary folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    public SqliteTestDatabase() => Connections = new SqliteConnectionFactory(Path.Combine(Folder, "test.db"));

    public override IConnectionFactory Connections { get; }
}

/// <summary>
/// The production database: a fresh database per test on the SQL Server named by the connection string in
/// <c>BESCHIKBAARHEID_TEST_SQLSERVER</c>, dropped afterwards. Without it the test is skipped, with that reason.
/// </summary>
public sealed class SqlServerTestDatabase : TestDatabase
{
    public const string Variable = "BESCHIKBAARHEID_TEST_SQLSERVER";

    private readonly string _name = $"beschikbaarheid_test_{Guid.NewGuid():N}";
    private string? _server;
    private IConnectionFactory? _connections;

    public override IConnectionFactory Connections => _connections ?? throw new InvalidOperationException("CreateAsync first.");

    public override async Task CreateAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(_server),
            $"No SQL Server here: set {Variable} to a connection string (a login that may create databases) to run this test on SQL Server.");
        await using (var master = new Microsoft.Data.SqlClient.SqlConnection(_server))
        {
            await master.OpenAsync();
            await master.ExecuteAsync($"CREATE DATABASE [{_name}]");
        }
        _connections = new SqlServerConnectionFactory(new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(_server) { InitialCatalog = _name }.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_connections is not null)
        {
            Microsoft.Data.SqlClient.SqlConnection.ClearAllPools();
            await using var master = new Microsoft.Data.SqlClient.SqlConnection(_server);
            await master.OpenAsync();
            await master.ExecuteAsync($"ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]");
        }
        await base.DisposeAsync();
    }
}

/// <summary>
/// The same bodies on PostgreSQL: a fresh database per test on the server in <c>BESCHIKBAARHEID_TEST_POSTGRESQL</c>,
/// dropped afterwards (see <see cref="Beschikbaarheid.Tests.PostgreSqlScratchDatabase"/>). Without it the test is
/// skipped with that reason, except in CI (<c>CI=true</c>), where it fails.
/// </summary>
public sealed class PostgreSqlTestDatabase : TestDatabase
{
    private Beschikbaarheid.Tests.PostgreSqlScratchDatabase? _database;
    private IConnectionFactory? _connections;

    public override IConnectionFactory Connections => _connections ?? throw new InvalidOperationException("CreateAsync first.");

    public override async Task CreateAsync()
    {
        _database = await Beschikbaarheid.Tests.PostgreSqlScratchDatabase.CreateAsync();
        _connections = new PostgreSqlConnectionFactory(_database.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
