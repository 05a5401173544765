using System.Data.Common;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// One statement executed for many rows with its parameters re-bound each time: SQLite keeps it prepared
/// between rows and no per-row mapping is built. For bulk writes inside a transaction (imports, invoice lines).
/// </summary>
internal sealed class RepeatedCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly DatabaseProvider _provider;

    /// <param name="sql">A constant statement whose parameters are named <c>@Name</c> for each of <paramref name="parameters"/>.</param>
    public RepeatedCommand(DbConnection connection, DbTransaction transaction, DatabaseProvider provider, string sql, IReadOnlyList<string> parameters)
    {
        _provider = provider;
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
#pragma warning disable CA2100 // Callers pass constant SQL; every value travels as a parameter.
        _command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in parameters)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@" + name;
            _command.Parameters.Add(parameter);
        }
    }

    /// <param name="values">One value per parameter, in the order the parameters were named.</param>
    public async Task ExecuteAsync(IReadOnlyList<object?> values, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < values.Count; i++)
        {
            _command.Parameters[i].Value = SqlDialect.ParameterValue(_provider, values[i]);
        }
        await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _command.Dispose();
}
