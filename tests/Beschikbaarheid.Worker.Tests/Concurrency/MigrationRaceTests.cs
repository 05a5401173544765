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
        // Each numbered script of sql/sqlite (the same numbers for every provider), once.
        var scripts = Directory.GetFiles(Path.Combine(Workspace.RepositoryRoot, "sql", "sqlite"), "*.sql")
            .Select(f => int.Parse(Path.GetFileName(f)[..4], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.True(scripts.Count >= 6, "the migrations were not found");
        Assert.Equal(scripts, versions);
    }
}

public sealed class MigrationRaceTestsOnSqlite : MigrationRaceTests<SqliteSharedDatabase>;

public sealed class MigrationRaceTestsOnPostgreSql : MigrationRaceTests<PostgreSqlSharedDatabase>;
