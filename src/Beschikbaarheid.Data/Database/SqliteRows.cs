using System.Buffers.Text;
using System.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// A query read straight through the SQLite library, its values seen as the UTF-8 bytes SQLite holds: for the one query
/// that returns a whole region's beschikkingen, where Microsoft.Data.Sqlite's reader made a string of every value (and
/// checked the row's shape on every call), most of them codes that repeat. The statement runs inside the connection's
/// transaction like any command on it.
/// </summary>
/// <remarks>
/// A value is read through <see cref="SqliteNative"/> with the statement's pointer (<see cref="SqliteStatement"/>):
/// SQLitePCL's counting of the safe handle around every call was a third of reading 200,000 rows of eleven columns.
/// </remarks>
internal sealed class SqliteRows : IDisposable
{
    private readonly sqlite3 _database;
    private readonly SqliteStatement _statement;

    /// <param name="parameters">Each <c>@Name</c> of the statement with its value, converted as <see cref="SqlDialect.ParameterValue"/> does for SQLite.</param>
    public SqliteRows(SqliteConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _statement = new SqliteStatement(_database, sql);
        var statement = _statement.Wrapped;
        foreach (var (name, value) in parameters)
        {
            var index = raw.sqlite3_bind_parameter_index(statement, "@" + name);
            if (index == 0)
            {
                throw new ArgumentException($"The statement has no parameter @{name}.", nameof(parameters));
            }
            var rc = SqlDialect.ParameterValue(DatabaseProvider.Sqlite, value) switch
            {
                string text => raw.sqlite3_bind_text(statement, index, text),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                var other => throw new NotSupportedException($"@{name}: a {other.GetType().Name} is not bound here."),
            };
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }
        }
        if (raw.sqlite3_bind_parameter_count(statement) != parameters.Count)
        {
            throw new ArgumentException($"The statement has {raw.sqlite3_bind_parameter_count(statement)} parameter(s); {parameters.Count} value(s) given.", nameof(parameters));
        }
    }

    /// <summary>Steps to the next row; false after the last.</summary>
    public bool Read()
    {
        var rc = SqliteNative.Step(_statement.Handle);
        if (rc is not raw.SQLITE_ROW and not raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
        return rc == raw.SQLITE_ROW;
    }

    public bool IsNull(int column) => SqliteNative.ColumnType(_statement.Handle, column) == raw.SQLITE_NULL;

    /// <summary>A text value's UTF-8 bytes, valid until the next <see cref="Read"/>.</summary>
    public unsafe ReadOnlySpan<byte> Utf8(int column)
    {
        // The pointer first, then the length: asking the length first could convert the value again (SQLite's own advice).
        var bytes = SqliteNative.ColumnBlob(_statement.Handle, column);
        return bytes == 0 ? [] : new ReadOnlySpan<byte>((void*)bytes, SqliteNative.ColumnBytes(_statement.Handle, column));
    }

    public long Int64(int column) => SqliteNative.ColumnInt64(_statement.Handle, column);

    public string String(int column) => System.Text.Encoding.UTF8.GetString(Utf8(column));

    /// <summary>A NUMERIC column's value as <see cref="DbValues.Decimal"/> reads it: SQLite hands back an integer or a double.</summary>
    public decimal Decimal(int column) => SqliteNative.ColumnType(_statement.Handle, column) switch
    {
        raw.SQLITE_INTEGER => SqliteNative.ColumnInt64(_statement.Handle, column),
        raw.SQLITE_FLOAT => (decimal)SqliteNative.ColumnDouble(_statement.Handle, column),
        _ => DbValues.Decimal(String(column)),
    };

    /// <summary>The number of columns of a row.</summary>
    public int FieldCount => SqliteNative.ColumnCount(_statement.Handle);

    /// <summary>A value as Microsoft.Data.Sqlite's reader gives it by its storage class: null, long, double, string or the bytes of a blob.</summary>
    public object? Value(int column) => SqliteNative.ColumnType(_statement.Handle, column) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_INTEGER => SqliteNative.ColumnInt64(_statement.Handle, column),
        raw.SQLITE_FLOAT => SqliteNative.ColumnDouble(_statement.Handle, column),
        raw.SQLITE_TEXT => String(column),
        _ => Utf8(column).ToArray(),
    };

    /// <summary>A date stored as yyyy-MM-dd text, read from its bytes.</summary>
    public DateOnly Date(int column)
    {
        var text = Utf8(column);
        return text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Utf8Parser.TryParse(text[..4], out int year, out var y) && y == 4
            && Utf8Parser.TryParse(text.Slice(5, 2), out int month, out var m) && m == 2
            && Utf8Parser.TryParse(text.Slice(8, 2), out int day, out var d) && d == 2
                ? new DateOnly(year, month, day)
                : throw new DataException($"'{System.Text.Encoding.UTF8.GetString(text)}' is not a stored date (yyyy-MM-dd).");
    }

    public void Dispose() => _statement.Dispose();
}
