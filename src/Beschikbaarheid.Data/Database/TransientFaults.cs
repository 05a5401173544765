using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

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
    /// PostgreSQL: see <see cref="IsTransientPostgres"/>.
    /// A <see cref="DatabaseUnavailableException"/> is judged by its cause; a timeout of our own is transient.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => e.Number is 1205 or -2 or 53 or 233 or 4060 or 10053 or 10054 or 10060 or 40197 or 40501 or 40613 or 49918 or 49919 or 49920),
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        PostgresException postgres => IsTransientPostgres(postgres.SqlState),
        // Not an error the server sent: the driver could not reach it or lost it (socket errors, I/O, timeouts).
        NpgsqlException npgsql => npgsql.IsTransient,
        DatabaseUnavailableException { InnerException: { } cause } => IsTransient(cause),
        TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// The PostgreSQL SQLSTATEs that say "not now" (https://www.postgresql.org/docs/current/errcodes-appendix.html):
    /// <list type="bullet">
    /// <item>40001 serialization_failure: a concurrent transaction changed what this one read; the transaction is to be run again.</item>
    /// <item>40P01 deadlock_detected: this transaction was chosen as the deadlock victim.</item>
    /// <item>55P03 lock_not_available: a lock could not be taken within lock_timeout or with NOWAIT.</item>
    /// <item>57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now: the server is stopping, recovering or starting.</item>
    /// <item>53300 too_many_connections: every connection slot is in use.</item>
    /// <item>class 08, connection_exception (08000, 08003, 08006, 08001, 08004, ...): the connection failed or was lost.</item>
    /// </list>
    /// Everything else (a constraint, a syntax error, a missing database 3D000, a refused login 28P01) is not transient.
    /// </summary>
    public static bool IsTransientPostgres(string sqlState) =>
        sqlState is "40001" or "40P01" or "55P03" or "57P01" or "57P02" or "57P03" or "53300"
        || sqlState.StartsWith("08", StringComparison.Ordinal);
}
