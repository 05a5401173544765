using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>
/// The stored digests of what is settled per month and school location (<see cref="SettledDigest"/>), read and written
/// inside the unit of work's transaction under the scheme's lock, like the settled state they describe.
/// </summary>
public static class SettledDigests
{
    /// <summary>
    /// Per month of <paramref name="months"/> whose digests are complete: the digest per location. A month absent from the
    /// result has none yet (settled before digests existed): a run reviews it by reading it whole. One query each for the
    /// months and their digests.
    /// </summary>
    public static async Task<IReadOnlyDictionary<YearMonth, IReadOnlyDictionary<SchoolLocationId, string>>> LoadAsync(
        SchemeTransaction session, IReadOnlyCollection<YearMonth> months, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(months);
        var result = new Dictionary<YearMonth, IReadOnlyDictionary<SchoolLocationId, string>>();
        if (months.Count == 0)
        {
            return result;
        }
        var provider = session.Provider;
        var parameters = new { session.SchemeId, Months = months.Select(m => m.ToString()).ToArray() };
        var complete = await session.Connection.QueryAsync<string>(
            $"SELECT periode FROM settled_digest_months WHERE scheme_id = @SchemeId AND {SqlDialect.InList(provider, "periode", "Months")}",
            parameters, session.Transaction).ConfigureAwait(false);
        var byMonth = complete.ToDictionary(p => YearMonth.Parse(p.Trim()), _ => new Dictionary<SchoolLocationId, string>());
        if (byMonth.Count == 0)
        {
            return result;
        }
        var rows = await session.Connection.QueryAsync<(string Periode, string Brin, string Vestiging, string Digest)>(
            $"SELECT periode, brin, vestiging, digest FROM settled_digests WHERE scheme_id = @SchemeId AND {SqlDialect.InList(provider, "periode", "Months")}",
            parameters, session.Transaction).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (byMonth.TryGetValue(YearMonth.Parse(row.Periode.Trim()), out var schools))
            {
                schools[StoredCodes.School(row.Brin, row.Vestiging)] = row.Digest.Trim();
            }
        }
        foreach (var (month, schools) in byMonth)
        {
            result[month] = schools;
        }
        return result;
    }

    /// <summary>Stores what a run leaves: each month's new digests, replacing the month's digests when complete, else only the locations named.</summary>
    public static async Task WriteAsync(SchemeTransaction session, IReadOnlyList<MonthDigests> digests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(digests);
        using var deleteSchool = new RepeatedCommand(session,
            "DELETE FROM settled_digests WHERE scheme_id = @SchemeId AND periode = @Periode AND brin = @Brin AND vestiging = @Vestiging");
        using var insert = new RepeatedCommand(session,
            "INSERT INTO settled_digests (scheme_id, periode, brin, vestiging, digest) VALUES (@SchemeId, @Periode, @Brin, @Vestiging, @Digest)");
        foreach (var month in digests)
        {
            var periode = month.Month.ToString();
            if (month.Complete)
            {
                var parameters = new { session.SchemeId, Periode = periode };
                await session.Connection.ExecuteAsync(
                    "DELETE FROM settled_digests WHERE scheme_id = @SchemeId AND periode = @Periode", parameters, session.Transaction).ConfigureAwait(false);
                await session.Connection.ExecuteAsync(
                    "DELETE FROM settled_digest_months WHERE scheme_id = @SchemeId AND periode = @Periode", parameters, session.Transaction).ConfigureAwait(false);
                await session.Connection.ExecuteAsync(
                    "INSERT INTO settled_digest_months (scheme_id, periode) VALUES (@SchemeId, @Periode)", parameters, session.Transaction).ConfigureAwait(false);
            }
            foreach (var (school, digest) in month.Schools.OrderBy(s => s.Key))
            {
                if (!month.Complete)
                {
                    await deleteSchool.ExecuteAsync(
                        [("SchemeId", session.SchemeId), ("Periode", periode), ("Brin", school.Brin), ("Vestiging", school.Vestiging)], cancellationToken).ConfigureAwait(false);
                }
                if (digest is not null)
                {
                    await insert.ExecuteAsync(
                        [("SchemeId", session.SchemeId), ("Periode", periode), ("Brin", school.Brin), ("Vestiging", school.Vestiging), ("Digest", digest)],
                        cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
