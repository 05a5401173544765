using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Tests.Fixtures;
using Dapper;

namespace Beschikbaarheid.Data.Tests.Database;

public abstract class MigratorTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();

    public ValueTask InitializeAsync() => new(_database.CreateAsync());

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Migrate_AppliesEachScriptOnce_AndRecordsIt()
    {
        var migrator = new Migrator(_database.Connections);
        var first = await migrator.MigrateAsync(TimeProvider.System);
        var second = await migrator.MigrateAsync(TimeProvider.System);
        Assert.Equal(migrator.Known.Select(m => m.Version), first.Select(m => m.Version));
        Assert.Empty(second);
        Assert.Equal(migrator.Known.Count, await _database.CountAsync("schema_migrations"));
        Assert.Empty(await migrator.PendingAsync());
    }

    [Fact]
    public async Task Migrate_RefusesADatabaseNewerThanTheProgram()
    {
        await _database.MigrateAsync();
        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 'x')");
        }
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => new Migrator(_database.Connections).MigrateAsync(TimeProvider.System));
        Assert.Contains("newer than this program", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_ExistWithTheSameNumbersForEveryProvider()
    {
        var sqlite = new Migrator(new SqliteConnectionFactory(Path.Combine(_database.Folder, "a.db"))).Known.Select(m => m.Name);
        var sqlServer = new Migrator(new NamedProvider(DatabaseProvider.SqlServer)).Known.Select(m => m.Name);
        var postgreSql = new Migrator(new NamedProvider(DatabaseProvider.PostgreSql)).Known.Select(m => m.Name);
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, sqlServer);
        Assert.Equal(sqlite, postgreSql);
    }

    private sealed class NamedProvider(DatabaseProvider provider) : IConnectionFactory
    {
        public DatabaseProvider Provider => provider;
        public string Describe() => provider.ToString();
        public Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Only the embedded scripts are read.");
    }
}

public sealed class MigratorTestsOnSqlite : MigratorTests<SqliteTestDatabase>;

public sealed class MigratorTestsOnSqlServer : MigratorTests<SqlServerTestDatabase>;

public sealed class MigratorTestsOnPostgreSql : MigratorTests<PostgreSqlTestDatabase>;

public sealed class SqliteConnectionFactoryTests
{
    [Fact]
    public async Task UnwritableDatabasePath_GivesAClearError()
    {
        // A regular file where a folder should be: no process (not even root) can create the database there.
        var blocker = Path.GetTempFileName();
        try
        {
            var factory = new SqliteConnectionFactory(Path.Combine(blocker, "db", "test.db"));
            var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => factory.OpenAsync());
            Assert.Contains("Cannot open the database file", error.Message, StringComparison.Ordinal);
            Assert.Contains(blocker, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
