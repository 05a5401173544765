using System.Data.Common;

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

    /// <summary>Rolls back what was not committed and releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}
