using System.Data.Common;
using System.Text.RegularExpressions;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// One statement executed for many rows with its parameters re-bound each time: SQLite keeps it prepared
/// between rows and no per-row mapping is built. For bulk writes inside a transaction (imports, invoice lines).
/// Values are bound by name, and every <c>@Name</c> of the statement must get exactly one, so a value can
/// never land in another column's parameter.
/// </summary>
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
    }

    public RepeatedCommand(SchemeTransaction transaction, string sql)
        : this(transaction.Connection, transaction.Transaction, transaction.Provider, sql)
    {
    }

    /// <param name="values">Each parameter of the statement with its value.</param>
    /// <exception cref="ArgumentException">A name the statement does not have, or a parameter left without a value.</exception>
    public async Task ExecuteAsync(IReadOnlyList<(string Name, object? Value)> values, CancellationToken cancellationToken = default)
    {
        if (values.Count != _parameters.Count)
        {
            throw new ArgumentException($"The statement has {_parameters.Count} parameter(s) ({string.Join(", ", _parameters.Keys)}); {values.Count} value(s) given.", nameof(values));
        }
        foreach (var (name, value) in values)
        {
            if (!_parameters.TryGetValue(name, out var parameter))
            {
                throw new ArgumentException($"The statement has no parameter @{name}.", nameof(values));
            }
            parameter.Value = SqlDialect.ParameterValue(_provider, value);
        }
        await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _command.Dispose();

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterName();
}
