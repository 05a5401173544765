using Beschikbaarheid.Data.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Data.Tests.Database;

/// <summary>
/// On SQLite the repeated command binds through the SQLite library itself: what it stores must be exactly what an ordinary
/// Microsoft.Data.Sqlite command stores for the same values, in every column affinity the schema uses.
/// </summary>
public sealed class RepeatedCommandOnSqliteTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public RepeatedCommandOnSqliteTests()
    {
        _connection.Open();
        _connection.Execute("CREATE TABLE t (id INTEGER, text TEXT, number NUMERIC(18, 4), integer INTEGER, flag INTEGER, date TEXT)");
    }

    public void Dispose() => _connection.Dispose();

    public static TheoryData<decimal> Decimals => new() { 4m, 4.5m, 4.50m, 0.1234m, -12.3400m, 123456789012.3456m, 0m, 31.0000m, -3m, 9_223_372_036_854_775_807m, -0.0m };

    [Theory]
    [MemberData(nameof(Decimals))]
    public async Task EveryValue_IsStoredAsTheAdoNetCommandStoresIt(decimal number)
    {
        const string insert = "INSERT INTO t (id, text, number, integer, flag, date) VALUES (@Id, @Text, @Number, @Integer, @Flag, @Date)";
        using (var transaction = _connection.BeginTransaction())
        {
            using (var repeated = new RepeatedCommand(_connection, transaction, DatabaseProvider.Sqlite, insert))
            {
                await repeated.ExecuteAsync([("Id", 1), ("Text", "Aanbieder"), ("Number", number), ("Integer", 123_456_789_012L), ("Flag", true), ("Date", new DateOnly(2026, 2, 1))]);
                await repeated.ExecuteAsync([("Id", 3), ("Text", null), ("Number", null), ("Integer", null), ("Flag", false), ("Date", null)]);
            }
            _connection.Execute(insert, new { Id = 2, Text = "Aanbieder", Number = number, Integer = 123_456_789_012L, Flag = true, Date = "2026-02-01" }, transaction);
            _connection.Execute(insert, new { Id = 4, Text = (string?)null, Number = (decimal?)null, Integer = (long?)null, Flag = false, Date = (string?)null }, transaction);
            transaction.Commit();
        }
        var rows = _connection.Query<(long Id, string Stored)>(
            "SELECT id, typeof(text) || ':' || ifnull(text, '') || '|' || typeof(number) || ':' || ifnull(number, '') || '|' || typeof(integer) || ':' || ifnull(integer, '') || '|' || flag || '|' || ifnull(date, '') FROM t ORDER BY id")
            .ToDictionary(r => r.Id, r => r.Stored);
        Assert.Equal(rows[2], rows[1]);
        Assert.Equal(rows[4], rows[3]);
    }

    [Fact]
    public async Task AnEmptyText_IsStoredAsEmptyText_AsFromTheAdoNetCommand_NotAsNull()
    {
        const string insert = "INSERT INTO t (id, text) VALUES (@Id, @Text)";
        using (var transaction = _connection.BeginTransaction())
        {
            using (var repeated = new RepeatedCommand(_connection, transaction, DatabaseProvider.Sqlite, insert))
            {
                // After a longer text, so the buffer the text is written into is not empty itself.
                await repeated.ExecuteAsync([("Id", 1), ("Text", "Aanbieder")]);
                await repeated.ExecuteAsync([("Id", 2), ("Text", "")]);
            }
            _connection.Execute(insert, new { Id = 3, Text = "" }, transaction);
            transaction.Commit();
        }
        var stored = _connection.Query<string>("SELECT typeof(text) || ':' || ifnull(text, '') FROM t WHERE id IN (2, 3) ORDER BY id").ToList();
        Assert.Equal(["text:", "text:"], stored);
    }

    /// <summary>The parameters are taken by position once a row's names are known: a row naming them otherwise is bound by its own names.</summary>
    [Fact]
    public async Task EachValue_LandsInItsNamedColumn_WhateverOrderTheRowsNameThemIn()
    {
        const string insert = "INSERT INTO t (id, text) VALUES (@Id, @Text)";
        using (var transaction = _connection.BeginTransaction())
        {
            using (var repeated = new RepeatedCommand(_connection, transaction, DatabaseProvider.Sqlite, insert))
            {
                await repeated.ExecuteAsync([("Id", 1), ("Text", "een")]);
                await repeated.ExecuteAsync([("Text", "twee"), ("Id", 2)]);
                // Equal names that are other strings than the constants above.
                await repeated.ExecuteAsync([(new string("Text".AsSpan()), "drie"), (new string("Id".AsSpan()), 3)]);
                await repeated.ExecuteAsync([("Id", 4), ("Text", "vier")]);
                // The same names as the row before: taken by position.
                await repeated.ExecuteAsync([("Id", 5), ("Text", "vijf")]);
            }
            transaction.Commit();
        }
        Assert.Equal([(1L, "een"), (2L, "twee"), (3L, "drie"), (4L, "vier"), (5L, "vijf")], _connection.Query<(long, string)>("SELECT id, text FROM t ORDER BY id"));
    }

    [Fact]
    public async Task ANameGivenTwice_IsRefused_AndTheRowIsNotStoredWithTheRowBeforesValue()
    {
        using var transaction = _connection.BeginTransaction();
        using var repeated = new RepeatedCommand(_connection, transaction, DatabaseProvider.Sqlite, "INSERT INTO t (id, text) VALUES (@Id, @Text)");
        await repeated.ExecuteAsync([("Id", 1), ("Text", "een")]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => repeated.ExecuteAsync([("Id", 2), ("Id", 3)]));
        Assert.Contains("@Id is given twice", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => repeated.ExecuteAsync([("Id", 2), ("Tekst", "twee")]));
        Assert.Equal([1L], _connection.Query<long>("SELECT id FROM t", transaction: transaction));
    }

    [Fact]
    public async Task AConstraintViolation_IsASqliteException_AsFromTheAdoNetCommand()
    {
        _connection.Execute("CREATE TABLE u (key TEXT PRIMARY KEY)");
        using var transaction = _connection.BeginTransaction();
        using var repeated = new RepeatedCommand(_connection, transaction, DatabaseProvider.Sqlite, "INSERT INTO u (key) VALUES (@Key)");
        await repeated.ExecuteAsync([("Key", "GM0268-2026-00001")]);
        var error = await Assert.ThrowsAsync<SqliteException>(() => repeated.ExecuteAsync([("Key", "GM0268-2026-00001")]));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
    }
}
