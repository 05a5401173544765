using System.Data.Common;
using Dapper;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// One unit of work on a scheme: a connection with an open transaction that holds the scheme's lock. Whatever
/// decides what is issued is read through it, after the lock was taken, and written through it; nothing is
/// kept unless <see cref="CommitAsync"/> is called, so a failure or a kill anywhere leaves nothing behind.
/// </summary>
public sealed class SchemeTransaction : IAsyncDisposable
{
    internal SchemeTransaction(string schemeId, DatabaseProvider provider, DbConnection connection, DbTransaction transaction)
    {
        SchemeId = schemeId;
        Provider = provider;
        Connection = connection;
        Transaction = transaction;
    }

    public string SchemeId { get; }

    public DatabaseProvider Provider { get; }

    internal DbConnection Connection { get; }

    internal DbTransaction Transaction { get; }

    /// <summary>Keeps everything written and releases the lock.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => Transaction.CommitAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> and then undoes everything it wrote, inside this transaction and under its lock
    /// (a savepoint): what it read back through this transaction is returned, nothing of it is kept, and the
    /// transaction goes on. A concept is made so: the real issuing path, read back, undone, with no number used.
    /// On a failure the savepoint is left to the transaction's own rollback.
    /// </summary>
    public async Task<T> UndoneAsync<T>(Func<SchemeTransaction, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        const string name = "concept";
        await Connection.ExecuteAsync(SqlDialect.Savepoint(Provider, name), transaction: Transaction).ConfigureAwait(false);
        var result = await work(this).ConfigureAwait(false);
        await Connection.ExecuteAsync(SqlDialect.RollbackToSavepoint(Provider, name), transaction: Transaction).ConfigureAwait(false);
        return result;
    }

    /// <summary>Rolls back what was not committed and releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}
