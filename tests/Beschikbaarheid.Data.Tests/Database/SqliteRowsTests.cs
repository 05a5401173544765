using Beschikbaarheid.Data.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Data.Tests.Database;

/// <summary>
/// On SQLite the large reads go through the SQLite library itself: every value must read as Microsoft.Data.Sqlite's
/// reader and the provider-neutral conversions (<see cref="DbValues"/>) read it, in every affinity the schema uses.
/// </summary>
public sealed class SqliteRowsTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteRowsTests()
    {
        _connection.Open();
        _connection.Execute("CREATE TABLE t (id INTEGER, text TEXT, number NUMERIC(9, 2), integer INTEGER, date TEXT)");
        // NUMERIC affinity keeps 4 as an integer and 4.5 as a real; a date is text; an empty end is NULL.
        _connection.Execute("""
            INSERT INTO t VALUES (1, 'Aanbieder é', 4, 123456789012, '2026-02-01');
            INSERT INTO t VALUES (2, 'GM0268', 4.5, -7, '2024-02-29');
            INSERT INTO t VALUES (3, 'x', 0.25, 0, NULL);
            """);
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void EveryValue_ReadsAsTheAdoNetReaderReadsIt()
    {
        const string sql = "SELECT text, number, integer, date FROM t WHERE id >= @From ORDER BY id";
        var expected = new List<(string, decimal, long, DateOnly?)>();
        using (var command = new SqliteCommand(sql, _connection))
        {
            command.Parameters.AddWithValue("@From", 1L);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                expected.Add((reader.GetString(0), DbValues.Decimal(reader.GetValue(1)), reader.GetInt64(2), reader.IsDBNull(3) ? null : DbValues.Date(reader.GetValue(3))));
            }
        }
        var read = new List<(string, decimal, long, DateOnly?)>();
        using (var rows = new SqliteRows(_connection, sql, [("From", 1L)]))
        {
            while (rows.Read())
            {
                read.Add((rows.String(0), rows.Decimal(1), rows.Int64(2), rows.IsNull(3) ? null : rows.Date(3)));
            }
        }
        Assert.Equal(3, expected.Count);
        Assert.Equal(expected, read);
        // Worked by hand from the rows above, so that both readers cannot agree on something wrong.
        Assert.Equal(("Aanbieder é", 4m, 123_456_789_012L, (DateOnly?)new DateOnly(2026, 2, 1)), read[0]);
        Assert.Equal(("GM0268", 4.5m, -7L, (DateOnly?)new DateOnly(2024, 2, 29)), read[1]);
        Assert.Equal(("x", 0.25m, 0L, (DateOnly?)null), read[2]);
    }

    [Fact]
    public void Value_IsWhatTheAdoNetReaderGives_ForEveryStorageClass()
    {
        // Stored rows are compared with a file's rows through these values (StoredRows): another value would count an
        // unchanged row as replaced.
        _connection.Execute("INSERT INTO t VALUES (4, '', 1e300, NULL, CAST(x'ff' AS TEXT))");
        const string sql = "SELECT id, text, number, integer, date, CASE WHEN id = 4 THEN x'' ELSE x'00ff' END FROM t ORDER BY id";
        var expected = new List<object?[]>();
        using (var command = new SqliteCommand(sql, _connection))
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                expected.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
            }
        }
        var read = new List<object?[]>();
        using (var rows = new SqliteRows(_connection, sql, []))
        {
            while (rows.Read())
            {
                read.Add([.. Enumerable.Range(0, rows.FieldCount).Select(rows.Value)]);
            }
        }
        Assert.Equal(expected, read);
        // By hand, from the rows above: 4 kept as an integer and 4.5 as a real by NUMERIC affinity, an empty date NULL, a blob its bytes.
        Assert.Equal([1L, "Aanbieder é", 4L, 123_456_789_012L, "2026-02-01", new byte[] { 0x00, 0xff }], read[0]);
        Assert.Equal([2L, "GM0268", 4.5, -7L, "2024-02-29", new byte[] { 0x00, 0xff }], read[1]);
        Assert.Equal([3L, "x", 0.25, 0L, null, new byte[] { 0x00, 0xff }], read[2]);
        // Empty text, a real too large for a decimal, text that is not UTF-8 (the replacement character) and an empty blob.
        Assert.Equal([4L, "", 1e300, null, "\uFFFD", Array.Empty<byte>()], read[3]);
    }

    [Fact]
    public void AParameterTheStatementDoesNotHave_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new SqliteRows(_connection, "SELECT id FROM t WHERE id = @Id", [("Other", 1L)]));

    [Fact]
    public void Interned_MakesAValueOncePerText_AndJoinsTwoColumns()
    {
        var made = 0;
        var joined = new Interned<string>(text => { made++; return text; });
        var first = joined.Of("30AB"u8, "00"u8);
        var again = joined.Of("30AB"u8, "00"u8);
        Assert.Same(first, again);
        Assert.Equal($"30AB{Interned<string>.Separator}00", first);
        Assert.Equal(1, made);
        Assert.Equal("GM0268", joined.Of("GM0268".AsSpan()));
        Assert.Equal(2, made);
    }
}
