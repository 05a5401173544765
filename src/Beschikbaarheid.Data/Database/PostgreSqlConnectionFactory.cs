using System.Data.Common;
using Npgsql;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// PostgreSQL, by connection string (<c>Host=...;Port=5432;Database=...;Username=...;Password=...</c>; see
/// <see cref="ServerConnectionFactory"/>). The database must exist: the program creates tables in it, never the
/// database itself (a missing one is reported as unavailable, SQLSTATE 3D000).
/// </summary>
public sealed class PostgreSqlConnectionFactory : ServerConnectionFactory
{
    /// <exception cref="ArgumentException">The connection string is empty or malformed; the message names the problem, never the password.</exception>
    public PostgreSqlConnectionFactory(string connectionString) : this(WithDefaults(connectionString)) { }

    private PostgreSqlConnectionFactory(NpgsqlConnectionStringBuilder builder)
        : base(builder.ConnectionString, $"PostgreSQL {builder.Host}:{builder.Port}, database {(string.IsNullOrEmpty(builder.Database) ? "(default)" : builder.Database)}") { }

    /// <summary>The connection string checked and completed: a short connect timeout unless it names one.</summary>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no server.</exception>
    public static NpgsqlConnectionStringBuilder WithDefaults(string connectionString) =>
        Checked(connectionString, "PostgreSQL", cs => new NpgsqlConnectionStringBuilder(cs), b => b.Host, "Host",
            b => b.Timeout = DefaultConnectTimeoutSeconds);

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    /// <remarks>Npgsql reports a refused or lost socket, a failed login and a server error alike as NpgsqlException; a connect timeout as TimeoutException.</remarks>
    protected override bool IsOpenFailure(Exception exception) => exception is NpgsqlException or TimeoutException;
}
