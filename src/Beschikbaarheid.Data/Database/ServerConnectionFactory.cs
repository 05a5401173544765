using System.Data.Common;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// A database server reached by connection string (SQL Server, PostgreSQL). A connection string that does not say
/// how long to wait for the server gets a short timeout, so an unreachable server is reported within seconds, not
/// after the driver's default of 15; a failure to open is a <see cref="DatabaseUnavailableException"/> naming the
/// server and database, never the password.
/// </summary>
public abstract class ServerConnectionFactory : IConnectionFactory
{
    /// <summary>Seconds to wait for the server when the connection string does not say.</summary>
    public const int DefaultConnectTimeoutSeconds = 3;

    private readonly string _connectionString;
    private readonly string _describe;

    /// <param name="connectionString">The checked connection string (see <see cref="Checked"/>).</param>
    /// <param name="describe">The server and database for messages, e.g. "PostgreSQL db01:5432, database beschikbaarheid".</param>
    protected ServerConnectionFactory(string connectionString, string describe)
    {
        _connectionString = connectionString;
        _describe = describe;
    }

    public abstract DatabaseProvider Provider { get; }

    public string Describe() => _describe;

    protected abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Whether an exception from opening a connection is the driver's report that the server could not be used.</summary>
    protected abstract bool IsOpenFailure(Exception exception);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (IsOpenFailure(ex))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DatabaseUnavailableException($"Cannot reach {_describe}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// A connection string parsed by the driver's builder, checked to name a server, with the short connect timeout
    /// unless it names one. The messages name the problem (the drivers' messages name a keyword), never a value.
    /// </summary>
    /// <param name="product">The server's name in messages.</param>
    /// <param name="serverKeyword">The keyword that names the server, for the message when it is missing.</param>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no server.</exception>
    protected static TBuilder Checked<TBuilder>(
        string connectionString, string product, Func<string, TBuilder> parse, Func<TBuilder, string?> server, string serverKeyword, Action<TBuilder> shortTimeout)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(shortTimeout);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"The {product} connection string is empty: set ConnectionStrings:Beschikbaarheid.", (Exception?)null);
        }
        TBuilder builder;
        try
        {
            builder = parse(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            throw new ArgumentException($"The {product} connection string is malformed: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(server(builder)))
        {
            throw new ArgumentException($"The {product} connection string names no server ({serverKeyword}=...).", (Exception?)null);
        }
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            shortTimeout(builder);
        }
        return builder;
    }
}
