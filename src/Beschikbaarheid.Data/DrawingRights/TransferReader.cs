using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.DrawingRights;

/// <summary>The board transfers recorded for a scheme and funding year, in the order they were recorded.</summary>
public sealed class TransferReader(IConnectionFactory connections)
{
    public async Task<IReadOnlyList<Transfer>> LoadAsync(string schemeId, int year, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Year, string Board, string Category, string FromBrin, string FromVestiging, string ToBrin, string ToVestiging, decimal Fte)>(
            """
            SELECT year, board_number, category, from_brin, from_vestiging, to_brin, to_vestiging, fte
            FROM board_transfers WHERE scheme_id = @schemeId AND year = @year ORDER BY id
            """, new { schemeId, year }).ConfigureAwait(false);
        return rows.Select(r => new Transfer((int)r.Year, r.Board, r.Category, StoredCodes.School(r.FromBrin, r.FromVestiging), StoredCodes.School(r.ToBrin, r.ToVestiging), decimal.Round(r.Fte, 2)))
            .ToList();
    }

}
