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
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(SqlDialect.LockScheme(connections.Provider), new { schemeId }, transaction).ConfigureAwait(false);
            return new SchemeTransaction(schemeId, connections.Provider, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
