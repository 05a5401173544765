using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// One statement executed for many rows with its parameters re-bound each time: SQLite keeps it prepared
/// between rows and no per-row mapping is built. For bulk writes inside a transaction (imports, invoice lines).
/// Values are bound by name, and every <c>@Name</c> of the statement must get exactly one, so a value can
/// never land in another column's parameter, nor a parameter keep the row before's value.
/// </summary>
/// <remarks>
/// On SQLite the statement is prepared once through the SQLite library itself and each value is bound by its index: the
/// ADO.NET command looks every parameter up by name and goes through a data reader for each row, which was most of the
/// cost of importing 200,000 beschikkingen. Values are bound as Microsoft.Data.Sqlite binds them (a test compares the two),
/// through <see cref="SqliteNative"/> with the statement's pointer (<see cref="SqliteStatement"/>).
/// </remarks>
internal sealed partial class RepeatedCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly DatabaseProvider _provider;
    private readonly Dictionary<string, DbParameter> _parameters = new(StringComparer.Ordinal);

    /// <param name="sql">A constant statement; its parameters are the <c>@Name</c>s it contains.</param>
    public RepeatedCommand(DbConnection connection, DbTransaction transaction, DatabaseProvider provider, string sql)
    {
        _provider = provider;
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
#pragma warning disable CA2100 // Callers pass constant SQL; every value travels as a parameter.
        _command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@" + name;
            _command.Parameters.Add(parameter);
            _parameters.Add(name, parameter);
        }
        _names = new string?[_parameters.Count];
        _byPosition = new DbParameter[_parameters.Count];
        _indexByPosition = new int[_parameters.Count];
        if (connection is SqliteConnection sqlite)
        {
            _database = sqlite.Handle!;
            _statement = new SqliteStatement(_database, sql);
            var statement = _statement.Wrapped;
            _indexes = _parameters.Keys.ToDictionary(name => name, name => raw.sqlite3_bind_parameter_index(statement, "@" + name), StringComparer.Ordinal);
            _timeout = TimeSpan.FromSeconds(_command.CommandTimeout);
        }
    }

    private readonly sqlite3? _database;
    private readonly SqliteStatement? _statement;
    private readonly Dictionary<string, int>? _indexes;
    private readonly TimeSpan _timeout;
    private byte[] _utf8 = new byte[256];
    // Per position of a row's values: the name given there in the rows before, its parameter, and (SQLite) its index.
    private readonly string?[] _names;
    private readonly DbParameter[] _byPosition;
    private readonly int[] _indexByPosition;

    public RepeatedCommand(SchemeTransaction transaction, string sql)
        : this(transaction.Connection, transaction.Transaction, transaction.Provider, sql)
    {
    }

    /// <param name="values">Each parameter of the statement with its value.</param>
    /// <exception cref="ArgumentException">A name the statement does not have, a name given twice, or a parameter left without a value.</exception>
    public async Task ExecuteAsync(IReadOnlyList<(string Name, object? Value)> values, CancellationToken cancellationToken = default)
    {
        if (values.Count != _parameters.Count)
        {
            throw new ArgumentException($"The statement has {_parameters.Count} parameter(s) ({string.Join(", ", _parameters.Keys)}); {values.Count} value(s) given.", nameof(values));
        }
        TakeNames(values);
        if (_statement is not null)
        {
            ExecuteOnSqlite(values);
            return;
        }
        for (var i = 0; i < values.Count; i++)
        {
            _byPosition[i].Value = SqlDialect.ParameterValue(_provider, values[i].Value);
        }
        await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Which parameter each value is for. A caller passes the same names in the same order row after row (constant strings),
    /// so they are compared by reference with the names of the row before; only a row whose names differ is checked (each a
    /// parameter of the statement, none twice) and looked up. A national month stores 70,000 lines of twelve values, and
    /// looking each name up was a tenth of storing them.
    /// </summary>
    private void TakeNames(IReadOnlyList<(string Name, object? Value)> values)
    {
        var same = true;
        for (var i = 0; i < values.Count && same; i++)
        {
            same = values[i].Name is { } name && ReferenceEquals(_names[i], name);
        }
        if (same)
        {
            return;
        }
        Array.Clear(_names);
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            var name = values[i].Name;
            if (!_parameters.TryGetValue(name, out var parameter))
            {
                throw new ArgumentException($"The statement has no parameter @{name}.", nameof(values));
            }
            if (!given.Add(name))
            {
                // As many values as parameters, one named twice: another parameter would keep the row before's value.
                throw new ArgumentException($"@{name} is given twice; the statement's parameters are {string.Join(", ", _parameters.Keys)}.", nameof(values));
            }
            _byPosition[i] = parameter;
            _indexByPosition[i] = _indexes?[name] ?? 0;
        }
        for (var i = 0; i < values.Count; i++)
        {
            _names[i] = values[i].Name;
        }
    }

    private void ExecuteOnSqlite(IReadOnlyList<(string Name, object? Value)> values)
    {
        var statement = _statement!.Handle;
        // Reset answers with the previous step's error, which that step has already raised.
        _ = SqliteNative.Reset(statement);
        for (var i = 0; i < values.Count; i++)
        {
            var (name, value) = values[i];
            var index = _indexByPosition[i];
            var rc = SqlDialect.ParameterValue(_provider, value) switch
            {
                DBNull => SqliteNative.BindNull(statement, index),
                string text => BindText(statement, index, text),
                bool flag => SqliteNative.BindInt64(statement, index, flag ? 1 : 0),
                int number => SqliteNative.BindInt64(statement, index, number),
                long number => SqliteNative.BindInt64(statement, index, number),
                double number => SqliteNative.BindDouble(statement, index, number),
                decimal number => BindDecimal(statement, index, number),
                var other => throw new NotSupportedException($"@{name}: a {other.GetType().Name} is not bound here; convert it in SqlDialect.ParameterValue."),
            };
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }
        }
        // Waits for another connection's lock as the ADO.NET command does: retried until the command timeout.
        var started = Stopwatch.GetTimestamp();
        int step;
        while ((step = SqliteNative.Step(statement)) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && Stopwatch.GetElapsedTime(started) < _timeout)
        {
            _ = SqliteNative.Reset(statement);
            Thread.Sleep(150);
        }
        if (step != raw.SQLITE_DONE)
        {
            _ = SqliteNative.Reset(statement);
            SqliteException.ThrowExceptionForRC(step, _database);
        }
    }

    /// <summary>
    /// A string as UTF-8 through one buffer reused for every value: the library's own string overload allocates an array
    /// per value, 2 million of them for a national file. SQLite copies the bytes before the call returns.
    /// </summary>
    private int BindText(nint statement, int index, string text)
    {
        var longest = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (longest > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(longest, _utf8.Length * 2)];
        }
        var length = Encoding.UTF8.GetBytes(text, _utf8);
        return SqliteNative.BindText(statement, index, _utf8.AsSpan(0, length));
    }

    /// <summary>As Microsoft.Data.Sqlite writes a decimal: text, which the column's NUMERIC affinity stores as a number.</summary>
    private static int BindDecimal(nint statement, int index, decimal number)
    {
        Span<byte> text = stackalloc byte[64];
        // A whole number (child-days, pupils) as its digits and ".0", as the format below writes it: the custom format is
        // slow, and a month stores 70,000 of them. Zero takes the format, which knows how a negative zero is written.
        if (number != 0 && decimal.IsInteger(number) && number is >= long.MinValue and <= long.MaxValue)
        {
            ((long)number).TryFormat(text, out var digits, default, CultureInfo.InvariantCulture);
            ".0"u8.CopyTo(text[digits..]);
            return SqliteNative.BindText(statement, index, text[..(digits + 2)]);
        }
        if (!number.TryFormat(text, out var length, "0.0###########################", CultureInfo.InvariantCulture))
        {
            throw new UnreachableException("A decimal has at most 29 digits, a sign and a point.");
        }
        return SqliteNative.BindText(statement, index, text[..length]);
    }

    public void Dispose()
    {
        _statement?.Dispose();
        _command.Dispose();
    }

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterName();
}
