using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// The production database: SQL Server, by connection string. A connection string that does not say how
/// long to wait for the server gets a short timeout, so an unreachable server is reported within seconds,
/// not after the driver's default of 15.
/// </summary>
public sealed class SqlServerConnectionFactory : IConnectionFactory
{
    /// <summary>Seconds to wait for the server when the connection string does not say.</summary>
    public const int DefaultConnectTimeoutSeconds = 3;

    private readonly string _connectionString;
    private readonly string _describe;

    /// <exception cref="ArgumentException">The connection string is empty or malformed; the message names the problem, never the password.</exception>
    public SqlServerConnectionFactory(string connectionString)
    {
        var builder = WithDefaults(connectionString);
        _connectionString = builder.ConnectionString;
        _describe = $"SQL Server {builder.DataSource}, database {(string.IsNullOrEmpty(builder.InitialCatalog) ? "(default)" : builder.InitialCatalog)}";
    }

    /// <summary>
    /// The connection string checked and completed: a short connect timeout unless it names one, and no
    /// driver retries (whole units of work are retried by the engine instead).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no server.</exception>
    public static SqlConnectionStringBuilder WithDefaults(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The SQL Server connection string is empty: set ConnectionStrings:Beschikbaarheid.", (Exception?)null);
        }
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The SQL Server connection string is malformed: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The SQL Server connection string names no server (Server=...).", (Exception?)null);
        }
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectTimeout = DefaultConnectTimeoutSeconds;
        }
        builder.ConnectRetryCount = 0;
        return builder;
    }

    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string Describe() => _describe;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqlException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DatabaseUnavailableException($"Cannot reach {_describe}: {ex.Message}", ex);
        }
    }
}
