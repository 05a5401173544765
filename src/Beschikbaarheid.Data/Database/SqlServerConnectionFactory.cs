using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Beschikbaarheid.Data.Database;

/// <summary>The production database: SQL Server, by connection string (see <see cref="ServerConnectionFactory"/>).</summary>
public sealed class SqlServerConnectionFactory : ServerConnectionFactory
{
    /// <exception cref="ArgumentException">The connection string is empty or malformed; the message names the problem, never the password.</exception>
    public SqlServerConnectionFactory(string connectionString) : this(WithDefaults(connectionString)) { }

    private SqlServerConnectionFactory(SqlConnectionStringBuilder builder)
        : base(builder.ConnectionString, $"SQL Server {builder.DataSource}, database {(string.IsNullOrEmpty(builder.InitialCatalog) ? "(default)" : builder.InitialCatalog)}") { }

    /// <summary>
    /// The connection string checked and completed: a short connect timeout unless it names one, and no
    /// driver retries (whole units of work are retried by the engine instead).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no server.</exception>
    public static SqlConnectionStringBuilder WithDefaults(string connectionString)
    {
        var builder = Checked(connectionString, "SQL Server", cs => new SqlConnectionStringBuilder(cs), b => b.DataSource, "Server",
            b => b.ConnectTimeout = DefaultConnectTimeoutSeconds);
        builder.ConnectRetryCount = 0;
        return builder;
    }

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    protected override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    protected override bool IsOpenFailure(Exception exception) => exception is SqlException;
}
