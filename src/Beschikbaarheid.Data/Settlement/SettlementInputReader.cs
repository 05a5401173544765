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
        DapperSetup.EnsureRegistered();
        // The school list first: SQLite then takes it as the outer loop and looks each school up in ix_beschikkingen_school.
        var sql = $"""
            SELECT b.number, b.client, b.municipality_code, b.brin, b.vestiging, b.provider, b.category, b.law,
                   b.hours_per_week, b.start_date, b.end_date
            FROM {SqlDialect.SchoolList(session.Provider)} s
            CROSS JOIN beschikkingen b
            WHERE b.brin = s.brin AND b.vestiging = s.vestiging
              AND b.start_date <= @Through AND (b.end_date IS NULL OR b.end_date >= @From)
            """;
        var schools = SqlDialect.SchoolsParameter(scheme.TermsFor(termsYear).Schools);
        var rows = new BeschikkingRows();
        // The one query that returns a whole region's beschikkingen: on SQLite read through the library itself, elsewhere by a
        // plain typed reader instead of Dapper's mapping; synchronous reads, the rows are already flowing.
        if (session.Connection is SqliteConnection sqlite)
        {
            using var query = new SqliteRows(sqlite, sql, [("Schools", schools), ("From", from), ("Through", through)]);
            while (query.Read())
            {
                rows.Add(query);
            }
            return rows.Found;
        }
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

    /// <summary>The pupil counts at the scheme's schools on the given Peildata.</summary>
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
        var rows = await session.Connection.QueryAsync<(object Peildatum, string Brin, string Vestiging, string Municipality, long? Pupils)>(
            $"""
            SELECT p.peildatum, p.brin, p.vestiging, p.municipality_code, p.pupils
            FROM {SqlDialect.SchoolList(provider)} s
            CROSS JOIN pupil_counts p
            WHERE p.brin = s.brin AND p.vestiging = s.vestiging AND {SqlDialect.InList(provider, "p.peildatum", "Peildata")}
            """,
            parameters, session.Transaction).ConfigureAwait(false);
        return rows.Select(r => new PupilCount(
                DbValues.Date(r.Peildatum),
                StoredCodes.School(r.Brin, r.Vestiging),
                MunicipalityCode.Parse(r.Municipality),
                r.Pupils is { } n ? (int)n : null))
            .ToList();
    }
}
