using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>
/// Loads what a scheme's computation for a funding year needs in a few set-based queries, inside the unit of
/// work's transaction: the scheme's school list travels with each query as one JSON parameter, so
/// beschikkingen and pupil counts load as one join each, never a query per school or per child.
/// </summary>
public static class SettlementInputReader
{
    /// <summary>The beschikkingen at the scheme's schools active at any day of the funding year.</summary>
    public static Task<IReadOnlyList<Beschikking>> LoadBeschikkingenAsync(SchemeTransaction session, Scheme scheme, int fundingYear, CancellationToken cancellationToken = default) =>
        LoadBeschikkingenAsync(session, scheme, fundingYear, new DateOnly(fundingYear, 1, 1), new DateOnly(fundingYear, 12, 31), cancellationToken);

    /// <summary>The beschikkingen at the schools of the scheme's terms for <paramref name="termsYear"/>, active at any day from <paramref name="from"/> through <paramref name="through"/>.</summary>
    public static async Task<IReadOnlyList<Beschikking>> LoadBeschikkingenAsync(
        SchemeTransaction session, Scheme scheme, int termsYear, DateOnly from, DateOnly through, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scheme);
        var schoolSet = scheme.TermsFor(termsYear).Schools;
        if (session.Connection is SqliteConnection sqlite)
        {
            return SqliteBeschikkingScan.Read(sqlite, schoolSet, from, through);
        }
        DapperSetup.EnsureRegistered();
        // The school list first: a server looks each school up in ix_beschikkingen_school.
        var sql = $"""
            SELECT b.number, b.client, b.municipality_code, b.brin, b.vestiging, b.provider, b.category, b.law,
                   b.hours_per_week, b.start_date, b.end_date
            FROM {SqlDialect.SchoolList(session.Provider)} s
            CROSS JOIN beschikkingen b
            WHERE b.brin = s.brin AND b.vestiging = s.vestiging
              AND b.start_date <= @Through AND (b.end_date IS NULL OR b.end_date >= @From)
            """;
        var schools = SqlDialect.SchoolsParameter(schoolSet);
        var rows = new BeschikkingRows();
        await using var reader = await session.Connection.ExecuteReaderAsync(
            sql, new { Schools = schools, From = from, Through = through }, session.Transaction).ConfigureAwait(false);
        while (reader.Read())
        {
            rows.Add(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                DbValues.Decimal(reader.GetValue(8)), DbValues.Date(reader.GetValue(9)), reader.IsDBNull(10) ? null : DbValues.Date(reader.GetValue(10)));
        }
        return rows.Found;
    }

    /// <summary>
    /// The pupil counts at the scheme's schools on the given Peildata, summed over grades in the query: per location and
    /// residence the known counts as one count, and beside it a masked count for each masked grade (see <see cref="PupilCount"/>).
    /// Counts without grade are one row per location and residence, so they come back as stored.
    /// </summary>
    public static async Task<IReadOnlyList<PupilCount>> LoadPupilCountsAsync(
        SchemeTransaction session, Scheme scheme, int termsYear, IReadOnlyCollection<DateOnly> peildata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scheme);
        DapperSetup.EnsureRegistered();
        var provider = session.Provider;
        var schools = SqlDialect.SchoolsParameter(scheme.TermsFor(termsYear).Schools);
        // Npgsql takes the dates as one date[]; the others get one parameter per value.
        object parameters = provider == DatabaseProvider.PostgreSql
            ? new { Schools = schools, Peildata = peildata.ToArray() }
            : new { Schools = schools, Peildata = peildata.Select(d => SqlDialect.ParameterValue(provider, d)).ToList() };
        var rows = await session.Connection.QueryAsync<(object Peildatum, string Brin, string Vestiging, string Municipality, long? Pupils, long Masked)>(
            $"""
            SELECT p.peildatum, p.brin, p.vestiging, p.municipality_code, SUM(p.pupils) AS pupils, COUNT(*) - COUNT(p.pupils) AS masked
            FROM {SqlDialect.SchoolList(provider)} s
            CROSS JOIN pupil_counts p
            WHERE p.brin = s.brin AND p.vestiging = s.vestiging AND {SqlDialect.InList(provider, "p.peildatum", "Peildata")}
            GROUP BY p.peildatum, p.brin, p.vestiging, p.municipality_code
            """,
            parameters, session.Transaction).ConfigureAwait(false);
        var counts = new List<PupilCount>();
        foreach (var r in rows)
        {
            var peildatum = DbValues.Date(r.Peildatum);
            var school = StoredCodes.School(r.Brin, r.Vestiging);
            var residence = MunicipalityCode.Parse(r.Municipality);
            if (r.Pupils is { } known)
            {
                counts.Add(new PupilCount(peildatum, school, residence, (int)known));
            }
            for (var masked = 0; masked < r.Masked; masked++)
            {
                counts.Add(new PupilCount(peildatum, school, residence, null));
            }
        }
        return counts;
    }

    /// <summary>The pupil counts at the scheme's schools on one Peildatum as stored, each with its grade (null for a count without).</summary>
    public static async Task<IReadOnlyList<GradedPupilCount>> LoadGradedPupilCountsAsync(
        SchemeTransaction session, Scheme scheme, int termsYear, DateOnly peildatum, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scheme);
        DapperSetup.EnsureRegistered();
        var provider = session.Provider;
        var rows = await session.Connection.QueryAsync<(string Brin, string Vestiging, string Municipality, long Grade, long? Pupils)>(
            $"""
            SELECT p.brin, p.vestiging, p.municipality_code, p.grade, p.pupils
            FROM {SqlDialect.SchoolList(provider)} s
            CROSS JOIN pupil_counts p
            WHERE p.brin = s.brin AND p.vestiging = s.vestiging AND p.peildatum = @Peildatum
            """,
            new { Schools = SqlDialect.SchoolsParameter(scheme.TermsFor(termsYear).Schools), Peildatum = peildatum },
            session.Transaction).ConfigureAwait(false);
        return rows.Select(r => new GradedPupilCount(
                peildatum,
                StoredCodes.School(r.Brin, r.Vestiging),
                MunicipalityCode.Parse(r.Municipality),
                r.Grade == 0 ? null : (int)r.Grade,
                r.Pupils is { } n ? (int)n : null))
            .ToList();
    }
}
