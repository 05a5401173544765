using System.Net;
using System.Net.Sockets;
using Beschikbaarheid.Data.Database;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Data.Tests.Database;

/// <summary>
/// Real SqlClient failures, made by connecting to loopback addresses only: a closed port (refused) and a listener
/// that accepts the socket and never answers. Each is bounded by a one-second connect timeout.
/// </summary>
public sealed class TransientFaultsTests
{
    private const int Bound = 20_000;

    [Fact(Timeout = Bound)]
    public async Task ARefusedPort_IsTransient_BareAndAsTheFactoryThrowsIt()
    {
        var port = ClosedLoopbackPort();
        var unavailable = await OpenFailureAsync(port);
        var sql = Assert.IsType<SqlException>(unavailable.InnerException);
        // What SqlClient 7 on Linux says: number 0, class 20, the refusal as an inner SocketException.
        Assert.Equal(0, sql.Number);
        Assert.True(TransientFaults.IsTransient(sql), Describe(sql));
        Assert.True(TransientFaults.IsTransient(unavailable), Describe(sql));
    }

    [Fact(Timeout = Bound)]
    public async Task AServerThatAcceptsButNeverAnswers_IsTransient_AsTheFactoryThrowsIt()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptSocketAsync(TestContext.Current.CancellationToken).AsTask();
        var unavailable = await OpenFailureAsync(((IPEndPoint)listener.LocalEndpoint).Port);
        using (await accepted)
        {
            var sql = Assert.IsType<SqlException>(unavailable.InnerException);
            Assert.Equal(-2, sql.Number);
            Assert.True(TransientFaults.IsTransient(unavailable), Describe(sql));
            // Bare, the same −2 is indistinguishable from a command timeout (class 11, an inner Win32Exception 258,
            // no socket fault), which is not worth running the whole unit again for.
            Assert.False(TransientFaults.IsTransient(sql), Describe(sql));
        }
    }

    [Fact]
    public void FaultsInWhatIsAsked_AreNotTransient()
    {
        Assert.False(TransientFaults.IsTransient(new InvalidOperationException("no such table")));
        Assert.False(TransientFaults.IsTransient(new ArgumentException("bad parameter")));
        Assert.False(TransientFaults.IsTransient(new DatabaseUnavailableException("newer than this program")));
        Assert.False(TransientFaults.IsTransient(new DatabaseUnavailableException("cannot open", new InvalidOperationException())));
        Assert.False(TransientFaults.IsTransient(new SqliteException("no such table: invoices", 1)));
    }

    [Fact]
    public void SqliteBusyOrLocked_AndOurOwnTimeout_AreTransient()
    {
        Assert.True(TransientFaults.IsTransient(new SqliteException("database is locked", 5)));
        Assert.True(TransientFaults.IsTransient(new SqliteException("database table is locked", 6)));
        Assert.True(TransientFaults.IsTransient(new DatabaseUnavailableException("cannot open", new SqliteException("database is locked", 5))));
        Assert.True(TransientFaults.IsTransient(new TimeoutException()));
    }

    /// <summary>Opens through the engine's own factory, with a one-second connect timeout.</summary>
    private static async Task<DatabaseUnavailableException> OpenFailureAsync(int port)
    {
        var factory = new SqlServerConnectionFactory($"Server=tcp:127.0.0.1,{port};Database=beschikbaarheid;User Id=sa;Password=x;Connect Timeout=1");
        return await Assert.ThrowsAsync<DatabaseUnavailableException>(() => factory.OpenAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A loopback port nobody listens on: one the system just handed out and that was closed again.</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Describe(SqlException sql) =>
        $"number {sql.Number}, class {sql.Class}: {sql.Message} (causes: {string.Join(" <- ", Causes(sql))})";

    private static IEnumerable<string> Causes(Exception exception)
    {
        for (var cause = exception.InnerException; cause is not null; cause = cause.InnerException)
        {
            yield return cause.GetType().Name;
        }
    }
}
