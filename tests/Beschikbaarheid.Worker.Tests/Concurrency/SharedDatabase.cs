using System.Data.Common;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Worker.Tests.Concurrency;

/// <summary>
/// The database several real processes of the executable share in a concurrency test: the options and
/// environment that point a process at it, and a connection for the test's own checks. One subclass per
/// provider, as the data tests do.
/// </summary>
public abstract class SharedDatabase : IAsyncDisposable
{
    /// <summary>Makes the empty database; a provider that is not available here skips the test, saying why (or fails it in CI).</summary>
    public abstract Task CreateAsync(Workspace workspace);

    /// <summary>The command-line options that point a process at this database.</summary>
    public abstract IReadOnlyList<string> Options { get; }

    public virtual IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    protected abstract IConnectionFactory Connections { get; }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql)
    {
        await using var connection = await Connections.OpenAsync();
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    public async Task<DbConnection> OpenAsync() => await Connections.OpenAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The embedded default: one SQLite file in the workspace.</summary>
public sealed class SqliteSharedDatabase : SharedDatabase
{
    private string _file = "";

    public override Task CreateAsync(Workspace workspace)
    {
        _file = workspace.Database;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<string> Options => ["--db", _file];

    protected override IConnectionFactory Connections => new SqliteConnectionFactory(_file);
}

/// <summary>A fresh database on the PostgreSQL server of <c>BESCHIKBAARHEID_TEST_POSTGRESQL</c>, dropped afterwards.</summary>
public sealed class PostgreSqlSharedDatabase : SharedDatabase
{
    private Beschikbaarheid.Tests.PostgreSqlScratchDatabase? _database;

    public override async Task CreateAsync(Workspace workspace) => _database = await Beschikbaarheid.Tests.PostgreSqlScratchDatabase.CreateAsync();

    public override IReadOnlyList<string> Options => ["--provider", "postgresql"];

    public override IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string> { ["ConnectionStrings__Beschikbaarheid"] = ConnectionString };

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("CreateAsync first.");

    protected override IConnectionFactory Connections => new PostgreSqlConnectionFactory(ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
