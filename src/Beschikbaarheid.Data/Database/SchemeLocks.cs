using System.Data;
using Dapper;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// One writer per scheme. Every unit of work that issues or changes a scheme's settled state (a month, a
/// year end, a reopening, drawing rights, board transfers) starts here: a transaction that first takes the
/// scheme's row in <c>scheme_locks</c>, so a second process wanting the same scheme waits until the first
/// has committed or rolled back, and then reads what the first did. Different schemes do not wait for each
/// other on a server; SQLite has one writer per file, so there every writer waits for the one before.
/// </summary>
public sealed class SchemeLocks(IConnectionFactory connections)
{
    /// <summary>How long a unit of work waits for a scheme's lock: the default overall timeout of a unit of work (10 min).</summary>
    public const int LockWaitSeconds = 600;

    public async Task<SchemeTransaction> AcquireAsync(string schemeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemeId);
        DapperSetup.EnsureRegistered();
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The row is made once, in its own statement: two processes making it at once is harmless.
            await connection.ExecuteAsync(SqlDialect.EnsureSchemeLockRow(connections.Provider), new { schemeId }).ConfigureAwait(false);
            // SQLite: Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE, taking the file's write lock now, not at the first write.
            // A server: READ COMMITTED whatever the server's default, so every read after the lock sees what the
            // transaction before it committed (a snapshot from before the wait would not).
            var transaction = connections.Provider == DatabaseProvider.Sqlite
                ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
                : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            // Waiting for another process's unit of work is normal: as long as the whole unit of work may take, not a command's 30 s.
            await connection.ExecuteAsync(SqlDialect.LockScheme(connections.Provider), new { schemeId }, transaction, commandTimeout: LockWaitSeconds).ConfigureAwait(false);
            return new SchemeTransaction(schemeId, connections.Provider, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
