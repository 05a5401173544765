using System.Net.Sockets;
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
    /// SQL Server, always transient: 1205 deadlock victim, and the server and transport failures 53, 233,
    /// 4060 (database not yet online), 10053, 10054, 10060, 40197, 40501, 40613, 49918–49920.
    /// <para>
    /// SQL Server, transient only when connection-level: 0, 258 and −2. On Linux, SqlClient 6.x/7.x reports an
    /// unreachable server as 0 (a refused port, after about 2 s) or 258 (a black hole, after the connect timeout),
    /// and a server that accepts the socket but never answers as −2; Windows numbers such as 53 or 10060 do not
    /// occur there. But these numbers also mean other things: 0 is SqlClient's number for many errors of its own,
    /// and −2 is just as much a command that ran past its command timeout (a slow query, or a lock held longer),
    /// which running the whole unit again would only repeat. So one of them counts as transient when the
    /// connection itself failed, which is the case when
    /// (1) a <see cref="SocketException"/> is somewhere in its <see cref="Exception.InnerException"/> chain
    /// (the network refused, reset or dropped the socket: how a refused port arrives), or
    /// (2) the error's class is 20 or higher (fatal severity: SQL Server and SqlClient close the connection), or
    /// (3) it arrives as the cause of a <see cref="DatabaseUnavailableException"/>, which
    /// <see cref="SqlServerConnectionFactory"/> throws only when opening a connection failed, before any
    /// statement was sent. Rule 3 is the only one that recognises a server that accepts but never answers:
    /// its −2 carries class 11 and an inner <see cref="System.ComponentModel.Win32Exception"/> (258, wait timed out),
    /// exactly like a command timeout, so a bare −2 (a command timeout as far as anyone can tell) fails at once.
    /// </para>
    /// PostgreSQL: see <see cref="IsTransientPostgres"/>.
    /// SQLite: SQLITE_BUSY (5) and SQLITE_LOCKED (6). Any other <see cref="DatabaseUnavailableException"/> is
    /// judged by its cause; a timeout of our own is transient.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SqlException sql => IsTransient(sql, whileOpening: false),
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        DatabaseUnavailableException { InnerException: SqlException sql } => IsTransient(sql, whileOpening: true),
        PostgresException postgres => IsTransientPostgres(postgres.SqlState),
        // Not an error the server sent: the driver could not reach it or lost it (socket errors, I/O, timeouts).
        NpgsqlException npgsql => npgsql.IsTransient,
        DatabaseUnavailableException { InnerException: { } cause } => IsTransient(cause),
        TimeoutException => true,
        _ => false,
    };

    private static bool IsTransient(SqlException exception, bool whileOpening) =>
        exception.Errors.Cast<SqlError>().Any(e =>
            e.Number is 1205 or 53 or 233 or 4060 or 10053 or 10054 or 10060 or 40197 or 40501 or 40613 or 49918 or 49919 or 49920
            || (e.Number is 0 or 258 or -2 && (whileOpening || e.Class >= 20 || HasSocketCause(exception))));

    private static bool HasSocketCause(Exception exception)
    {
        for (var cause = exception.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (cause is SocketException)
            {
                return true;
            }
        }
        return false;
    }

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
