using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Beschikbaarheid.Data.Database;

/// <summary>A numbered script of sql/&lt;provider&gt;/, e.g. 0001_initial.sql.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies the numbered migrations of the configured provider, each in its own transaction together
/// with its row in <c>schema_migrations</c>, so it is safe to run any number of times and never leaves
/// half a migration behind.
/// </summary>
public sealed partial class Migrator(IConnectionFactory connections)
{
    private const string CreateHistory = """
        CREATE TABLE schema_migrations (
            version    INT           NOT NULL PRIMARY KEY,
            name       VARCHAR(200)  NOT NULL,
            applied_at VARCHAR(40)   NOT NULL
        )
        """;

    public IReadOnlyList<Migration> Known { get; } = LoadEmbedded(connections.Provider);

    /// <returns>The migrations applied by this call (none when the database was current).</returns>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Two nodes starting at once on a new database: the second waits for the first and then finds its work done.
        if (MigrationLock(take: true) is { } take)
        {
            await connection.ExecuteAsync(take, commandTimeout: SchemeLocks.LockWaitSeconds).ConfigureAwait(false);
        }
        try
        {
            return await MigrateUnderLockAsync(connection, clock, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (MigrationLock(take: false) is { } release)
            {
                await connection.ExecuteAsync(release).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<Migration>> MigrateUnderLockAsync(DbConnection connection, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await HistoryExistsAsync(connection, transaction).ConfigureAwait(false))
            {
                await connection.ExecuteAsync(CreateHistory, transaction: transaction).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        var applied = await AppliedVersionsAsync(connection, null).ConfigureAwait(false);
        EnsureNotNewerThanProgram(applied);

        var done = new List<Migration>();
        foreach (var migration in Known.Where(m => !applied.Contains(m.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // SQLite has no session lock, but its transaction holds the file's write lock: what it reads now is final.
            if ((await AppliedVersionsAsync(connection, transaction).ConfigureAwait(false)).Contains(migration.Version))
            {
                continue;
            }
            foreach (var batch in Batches(migration.Sql))
            {
                await connection.ExecuteAsync(batch, transaction: transaction).ConfigureAwait(false);
            }
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            done.Add(migration);
        }
        return done;
    }

    /// <summary>
    /// The session lock that makes migrating one process at a time on a server (released at the latest when the
    /// connection closes, also when the process dies); none for SQLite, whose write lock serialises each migration.
    /// </summary>
    private string? MigrationLock(bool take) => connections.Provider switch
    {
        DatabaseProvider.PostgreSql => take ? "SELECT pg_advisory_lock(727001)" : "SELECT pg_advisory_unlock(727001)",
        DatabaseProvider.SqlServer => take
            ? """
              DECLARE @granted INT;
              EXEC @granted = sp_getapplock @Resource = 'beschikbaarheid-migrations', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 600000;
              IF @granted < 0 THROW 50001, 'Another process holds the migration lock; nothing was migrated.', 1;
              """
            : "EXEC sp_releaseapplock @Resource = 'beschikbaarheid-migrations', @LockOwner = 'Session'",
        _ => null,
    };

    /// <summary>Versions not yet applied; empty when the database is current.</summary>
    public async Task<IReadOnlyList<Migration>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!await HistoryExistsAsync(connection).ConfigureAwait(false))
        {
            return Known;
        }
        var applied = await AppliedVersionsAsync(connection, null).ConfigureAwait(false);
        EnsureNotNewerThanProgram(applied);
        return Known.Where(m => !applied.Contains(m.Version)).ToList();
    }

    private void EnsureNotNewerThanProgram(HashSet<int> applied)
    {
        var newest = Known.Count == 0 ? 0 : Known.Max(m => m.Version);
        var unknown = applied.Where(v => v > newest).Order().ToList();
        if (unknown.Count > 0)
        {
            throw new DatabaseUnavailableException(
                $"The database {connections.Describe()} has migration {unknown[^1]}, newer than this program knows ({newest}). Upgrade the program; nothing was changed.");
        }
    }

    private async Task<bool> HistoryExistsAsync(DbConnection connection, DbTransaction? transaction = null)
    {
        var sql = connections.Provider switch
        {
            DatabaseProvider.Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            // The schema that unqualified names resolve to (search_path), not a same-named table elsewhere.
            DatabaseProvider.PostgreSql => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'",
            _ => "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'schema_migrations'",
        };
        return await connection.ExecuteScalarAsync<long>(sql, transaction: transaction).ConfigureAwait(false) > 0;
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(DbConnection connection, DbTransaction? transaction) =>
        (await connection.QueryAsync<int>("SELECT version FROM schema_migrations", transaction: transaction).ConfigureAwait(false)).ToHashSet();

    /// <summary>T-SQL scripts may separate batches with GO lines; SQLite and PostgreSQL scripts run whole.</summary>
    private IEnumerable<string> Batches(string sql) =>
        connections.Provider == DatabaseProvider.SqlServer
            ? GoLine().Split(sql).Where(b => !string.IsNullOrWhiteSpace(b))
            : [sql];

    private static List<Migration> LoadEmbedded(DatabaseProvider provider)
    {
        var folder = provider switch
        {
            DatabaseProvider.Sqlite => "sqlite",
            DatabaseProvider.SqlServer => "sqlserver",
            DatabaseProvider.PostgreSql => "postgresql",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
        var assembly = typeof(Migrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith($"sql/{folder}/", StringComparison.Ordinal)))
        {
            var name = resource[(resource.LastIndexOf('/') + 1)..];
            var match = ScriptName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration {resource} is not named NNNN_description.sql.");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, reader.ReadToEnd()));
        }
        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex ScriptName();

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}
