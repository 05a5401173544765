using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// Which database errors are worth trying the whole unit of work again for: the ones that say "not now"
/// rather than "not this". Everything else fails at once.
/// </summary>
public static class TransientFaults
{
    /// <summary>
    /// SQL Server: 1205 deadlock victim, −2 timeout, and the connection failures 53, 233, 4060 (database not
    /// yet online), 10053, 10054, 10060, 40197, 40501, 40613, 49918–49920. SQLite: SQLITE_BUSY (5) and SQLITE_LOCKED (6).
    /// A <see cref="DatabaseUnavailableException"/> is judged by its cause; a timeout of our own is transient.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => e.Number is 1205 or -2 or 53 or 233 or 4060 or 10053 or 10054 or 10060 or 40197 or 40501 or 40613 or 49918 or 49919 or 49920),
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        DatabaseUnavailableException { InnerException: { } cause } => IsTransient(cause),
        TimeoutException => true,
        _ => false,
    };
}
