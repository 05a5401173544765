using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Tests;
using Npgsql;

namespace Beschikbaarheid.Data.Tests.Database;

/// <summary>How PostgreSQL's failures are told apart: worth retrying the unit of work, or reported at once.</summary>
public sealed class PostgreSqlConnectionTests
{
    [Theory]
    [InlineData("40001", true)] // serialization_failure
    [InlineData("40P01", true)] // deadlock_detected
    [InlineData("55P03", true)] // lock_not_available
    [InlineData("57P01", true)] // admin_shutdown
    [InlineData("57P02", true)] // crash_shutdown
    [InlineData("57P03", true)] // cannot_connect_now
    [InlineData("53300", true)] // too_many_connections
    [InlineData("08006", true)] // connection_failure
    [InlineData("08001", true)] // sqlclient_unable_to_establish_sqlconnection
    [InlineData("23505", false)] // unique_violation: the settlement guard, never retried
    [InlineData("3D000", false)] // invalid_catalog_name: the database does not exist
    [InlineData("28P01", false)] // invalid_password
    [InlineData("42601", false)] // syntax_error
    public void ASqlState_IsTransientOnlyWhenItSaysNotNow(string sqlState, bool transient) =>
        Assert.Equal(transient, TransientFaults.IsTransient(new PostgresException("message", "ERROR", "ERROR", sqlState)));

    [Fact]
    public async Task AnUnreachableServer_IsUnavailable_Transient_AndNamedWithoutThePassword()
    {
        // Nothing listens on port 1: refused at once.
        var factory = new PostgreSqlConnectionFactory("Host=127.0.0.1;Port=1;Database=beschikbaarheid;Username=app;Password=secret");
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => factory.OpenAsync());
        Assert.StartsWith("Cannot reach PostgreSQL 127.0.0.1:1, database beschikbaarheid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.True(TransientFaults.IsTransient(error));
    }

    [Fact]
    public void AMalformedConnectionString_IsRefused_WithoutItsPassword()
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgreSqlConnectionFactory("Host=db;Password=secret;Nonsense=1"));
        Assert.Contains("The PostgreSQL connection string is malformed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingDatabase_IsUnavailable_NotCreated_AndNotRetried()
    {
        var server = Environment.GetEnvironmentVariable(PostgreSqlScratchDatabase.Variable);
        Prerequisite.Require(string.IsNullOrWhiteSpace(server),
            $"No PostgreSQL here: set {PostgreSqlScratchDatabase.Variable} to run this test on PostgreSQL.");
        var missing = $"beschikbaarheid_missing_{Guid.NewGuid():N}";
        var factory = new PostgreSqlConnectionFactory(new NpgsqlConnectionStringBuilder(server) { Database = missing }.ConnectionString);
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => new Migrator(factory).MigrateAsync(TimeProvider.System));
        Assert.Contains("3D000", error.Message, StringComparison.Ordinal);
        Assert.False(TransientFaults.IsTransient(error));
    }
}
