using System.Data.Common;
using Npgsql;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// PostgreSQL, by connection string (<c>Host=...;Port=5432;Database=...;Username=...;Password=...</c>). The
/// database must exist: the program creates tables in it, never the database itself. A connection string that
/// does not say how long to wait for the server gets a short timeout, so an unreachable server is reported
/// within seconds, not after the driver's default of 15.
/// </summary>
public sealed class PostgreSqlConnectionFactory : IConnectionFactory
{
    /// <summary>Seconds to wait for the server when the connection string does not say.</summary>
    public const int DefaultConnectTimeoutSeconds = 3;

    private readonly string _connectionString;
    private readonly string _describe;

    /// <exception cref="ArgumentException">The connection string is empty or malformed; the message names the problem, never the password.</exception>
    public PostgreSqlConnectionFactory(string connectionString)
    {
        var builder = WithDefaults(connectionString);
        _connectionString = builder.ConnectionString;
        _describe = $"PostgreSQL {builder.Host}:{builder.Port}, database {(string.IsNullOrEmpty(builder.Database) ? "(default)" : builder.Database)}";
    }

    /// <summary>The connection string checked and completed: a short connect timeout unless it names one.</summary>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no host.</exception>
    public static NpgsqlConnectionStringBuilder WithDefaults(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The PostgreSQL connection string is empty: set ConnectionStrings:Beschikbaarheid.", (Exception?)null);
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            // Npgsql's own messages name the offending keyword, never a value.
            throw new ArgumentException($"The PostgreSQL connection string is malformed: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The PostgreSQL connection string names no server (Host=...).", (Exception?)null);
        }
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }
        return builder;
    }

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public string Describe() => _describe;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DatabaseUnavailableException($"Cannot reach {_describe}: {ex.Message}", ex);
        }
    }
}
