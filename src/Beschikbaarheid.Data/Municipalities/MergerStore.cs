using System.Data.Common;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Municipalities;

/// <summary>The stored municipal mergers (<c>import herindelingen</c>): a few rows, read whole in one query.</summary>
public static class MergerStore
{
    /// <summary>The mergers as the unit of work's transaction sees them.</summary>
    public static Task<Mergers> LoadAsync(SchemeTransaction session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return LoadAsync(session.Connection, session.Transaction);
    }

    public static async Task<Mergers> LoadAsync(IConnectionFactory connections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connections);
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync(connection, null).ConfigureAwait(false);
    }

    internal static async Task<Mergers> LoadAsync(DbConnection connection, DbTransaction? transaction) =>
        new(await LoadRowsAsync(connection, transaction).ConfigureAwait(false));

    internal static async Task<IReadOnlyList<Merger>> LoadRowsAsync(DbConnection connection, DbTransaction? transaction) =>
        (await connection.QueryAsync<(object Date, string Old, string New)>(
                "SELECT merged_on, old_code, new_code FROM mergers", transaction: transaction).ConfigureAwait(false))
            .Select(r => new Merger(DbValues.Date(r.Date), MunicipalityCode.Parse(r.Old), MunicipalityCode.Parse(r.New)))
            .ToList();
}
