using System.Globalization;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Dapper;

namespace Beschikbaarheid.Data.DrawingRights;

/// <summary>
/// Counts an overhevelingen file's rows as new, replaced or unchanged against the transfers stored for the years it
/// names (which the file replaces). A transfer is known by year, board, category and the two locations; it is
/// unchanged when its FTE is the same, replaced when only the FTE differs. One query for the scheme's stored
/// transfers, compared in memory.
/// </summary>
internal static class TransferTally
{
    public static async Task<(int New, int Replaced, int Unchanged)> CountAsync(SchemeTransaction session, string schemeId, IReadOnlyList<Transfer> transfers)
    {
        var years = transfers.Select(t => t.Year).ToHashSet();
        var stored = (await session.Connection.QueryAsync<(object Year, string Board, string Category, string FromBrin, string FromVestiging, string ToBrin, string ToVestiging, object Fte)>(
                """
                SELECT year, board_number, category, from_brin, from_vestiging, to_brin, to_vestiging, fte
                FROM board_transfers WHERE scheme_id = @schemeId
                """,
                new { schemeId }, session.Transaction).ConfigureAwait(false))
            .Where(s => years.Contains(Convert.ToInt32(s.Year, CultureInfo.InvariantCulture)))
            .ToLookup(s => Key(Convert.ToInt32(s.Year, CultureInfo.InvariantCulture), s.Board, s.Category, s.FromBrin + s.FromVestiging, s.ToBrin + s.ToVestiging), s => DbValues.Decimal(s.Fte))
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        int added = 0, replaced = 0, unchanged = 0;
        foreach (var t in transfers)
        {
            if (!stored.TryGetValue(Key(t.Year, t.BoardNumber, t.Category, t.From.ToString(), t.To.ToString()), out var ftes) || ftes.Count == 0)
            {
                added++;
                continue;
            }
            // decimal equality ignores scale: 0.14 equals the server's 0.1400.
            var same = ftes.IndexOf(t.Fte);
            if (same >= 0)
            {
                unchanged++;
                ftes.RemoveAt(same);
            }
            else
            {
                replaced++;
                ftes.RemoveAt(0);
            }
        }
        return (added, replaced, unchanged);
    }

    private static string Key(int year, string board, string category, string from, string to) =>
        string.Create(CultureInfo.InvariantCulture, $"{year} {board} {category} {from} {to}");
}
