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
