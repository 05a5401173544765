namespace Beschikbaarheid.Worker.Tests.Concurrency;

/// <summary>Nodes starting at the same moment on a new database: each migrates, one at a time, and every migration is applied once.</summary>
public abstract class MigrationRaceTests<TDatabase> : IAsyncLifetime where TDatabase : SharedDatabase, new()
{
    private readonly Workspace _workspace = new();
    private readonly TDatabase _database = new();

    public async ValueTask InitializeAsync() => await _database.CreateAsync(_workspace);

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _workspace.Dispose();
    }

    [Fact]
    public async Task FourProcessesMigratingANewDatabaseAtOnce_AllSucceed_AndApplyEachMigrationOnce()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _workspace.RunAsync(_database.Environment, ["db", "migrate", .. _database.Options])));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Error));
        var versions = await _database.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version");
        // sql/<provider>/0001 .. 0005, each once.
        Assert.Equal([1, 2, 3, 4, 5], versions);
    }
}

public sealed class MigrationRaceTestsOnSqlite : MigrationRaceTests<SqliteSharedDatabase>;

public sealed class MigrationRaceTestsOnPostgreSql : MigrationRaceTests<PostgreSqlSharedDatabase>;
