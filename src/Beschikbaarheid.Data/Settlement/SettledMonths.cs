using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>What a scheme has settled, as far as choosing the months to catch up goes.</summary>
/// <param name="Months">The months with an advance run.</param>
/// <param name="ClosedYears">The funding years closed by their year end and not reopened.</param>
public sealed record SchemeSettledMonths(IReadOnlySet<YearMonth> Months, IReadOnlySet<int> ClosedYears)
{
    public static readonly SchemeSettledMonths None = new(new HashSet<YearMonth>(), new HashSet<int>());
}

/// <summary>
/// The settled months and closed years of every scheme, in two queries, read outside any scheme's lock: only
/// to choose which months to try. Each month is then settled under its scheme's lock, which finds a month
/// settled in the meantime itself, so a stale answer here issues nothing twice.
/// </summary>
public sealed class SettledMonths(IConnectionFactory connections)
{
    /// <returns>Per scheme id; a scheme with no run and no year end is absent (see <see cref="SchemeSettledMonths.None"/>).</returns>
    public async Task<IReadOnlyDictionary<string, SchemeSettledMonths>> LoadAsync(CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var runs = (await connection.QueryAsync<(string SchemeId, string Period)>(
                """
                SELECT scheme_id, period FROM settlement_runs WHERE kind = @Kind
                """, new { Kind = SettlementKind.Voorschot.Dutch() }).ConfigureAwait(false))
            .ToLookup(r => r.SchemeId.Trim(), r => YearMonth.Parse(r.Period.Trim()));
        var closed = (await connection.QueryAsync<(string SchemeId, int Year, string Event)>(
                """
                SELECT scheme_id, year, event FROM year_events ORDER BY scheme_id, year, id
                """).ConfigureAwait(false))
            .GroupBy(e => (SchemeId: e.SchemeId.Trim(), e.Year))
            .Where(g => YearClosures.Closes(g.Last().Event))
            .ToLookup(g => g.Key.SchemeId, g => g.Key.Year);
        return runs.Select(r => r.Key).Union(closed.Select(c => c.Key))
            .ToDictionary(id => id, id => new SchemeSettledMonths(runs[id].ToHashSet(), closed[id].ToHashSet()));
    }
}
