using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>
/// Loads what a scheme's computation for a funding year needs in a few set-based queries: the scheme's
/// school list is written to <c>scheme_schools</c> so beschikkingen and pupil counts load as one join each,
/// never a query per school or per child.
/// </summary>
public sealed class SettlementInputReader(IConnectionFactory connections)
{
    /// <summary>The beschikkingen at the scheme's schools active at any day of the funding year.</summary>
    public Task<IReadOnlyList<Beschikking>> LoadBeschikkingenAsync(Scheme scheme, int fundingYear, CancellationToken cancellationToken = default) =>
        LoadBeschikkingenAsync(scheme, fundingYear, new DateOnly(fundingYear, 1, 1), new DateOnly(fundingYear, 12, 31), cancellationToken);

    /// <summary>The beschikkingen at the schools of the scheme's terms for <paramref name="termsYear"/>, active at any day from <paramref name="from"/> through <paramref name="through"/>.</summary>
    public async Task<IReadOnlyList<Beschikking>> LoadBeschikkingenAsync(
        Scheme scheme, int termsYear, DateOnly from, DateOnly through, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        await using var connection = await OpenWithSchoolsAsync(scheme, termsYear, cancellationToken).ConfigureAwait(false);

        const string sql = """
            SELECT b.number, b.client, b.municipality_code, b.brin, b.vestiging, b.provider, b.category, b.law,
                   b.hours_per_week, b.start_date, b.end_date
            FROM beschikkingen b
            JOIN scheme_schools s ON s.scheme_id = @Id AND s.brin = b.brin AND s.vestiging = b.vestiging
            WHERE b.start_date <= @Through AND (b.end_date IS NULL OR b.end_date >= @From)
            """;
        // A plain typed reader instead of Dapper's mapping: this is the one query that returns a whole
        // region's beschikkingen, and codes repeat, so each distinct code string is parsed once.
        await using var reader = await connection.ExecuteReaderAsync(sql, new { scheme.Id, From = from, Through = through }).ConfigureAwait(false);
        var municipalities = new Dictionary<string, MunicipalityCode>(StringComparer.Ordinal);
        var schools = new Dictionary<(string, string), SchoolLocationId>();
        var laws = new Dictionary<string, Law>(StringComparer.Ordinal);
        var result = new List<Beschikking>();
        // Synchronous reads: the rows are already flowing, and a task per row costs more than it saves.
        while (reader.Read())
        {
            var municipality = reader.GetString(2);
            if (!municipalities.TryGetValue(municipality, out var residence))
            {
                municipalities[municipality] = residence = MunicipalityCode.Parse(municipality);
            }
            var location = (reader.GetString(3), reader.GetString(4));
            if (!schools.TryGetValue(location, out var school))
            {
                schools[location] = school = StoredCodes.School(location.Item1, location.Item2);
            }
            var lawText = reader.GetString(7);
            if (!laws.TryGetValue(lawText, out var law))
            {
                laws[lawText] = law = Enum.Parse<Law>(lawText);
            }
            result.Add(new Beschikking(
                reader.GetString(0), reader.GetString(1), residence, school, reader.GetString(5), reader.GetString(6), law,
                DbValues.Decimal(reader.GetValue(8)),
                new ActivePeriod(DbValues.Date(reader.GetValue(9)), reader.IsDBNull(10) ? null : DbValues.Date(reader.GetValue(10)))));
        }
        return result;
    }

    /// <summary>The pupil counts at the scheme's schools on the given Peildata.</summary>
    public async Task<IReadOnlyList<PupilCount>> LoadPupilCountsAsync(
        Scheme scheme, int termsYear, IReadOnlyCollection<DateOnly> peildata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        await using var connection = await OpenWithSchoolsAsync(scheme, termsYear, cancellationToken).ConfigureAwait(false);
        var provider = connections.Provider;
        // Npgsql takes the dates as one date[]; the others get one parameter per value.
        object parameters = provider == DatabaseProvider.PostgreSql
            ? new { scheme.Id, Peildata = peildata.ToArray() }
            : new { scheme.Id, Peildata = peildata.Select(d => SqlDialect.ParameterValue(provider, d)).ToList() };
        var rows = await connection.QueryAsync<(object Peildatum, string Brin, string Vestiging, string Municipality, long? Pupils)>(
            $"""
            SELECT p.peildatum, p.brin, p.vestiging, p.municipality_code, p.pupils
            FROM pupil_counts p
            JOIN scheme_schools s ON s.scheme_id = @Id AND s.brin = p.brin AND s.vestiging = p.vestiging
            WHERE {SqlDialect.InList(provider, "p.peildatum", "Peildata")}
            """,
            parameters).ConfigureAwait(false);
        return rows.Select(r => new PupilCount(
                DbValues.Date(r.Peildatum),
                StoredCodes.School(r.Brin, r.Vestiging),
                MunicipalityCode.Parse(r.Municipality),
                r.Pupils is { } n ? (int)n : null))
            .ToList();
    }

    /// <summary>Opens a connection after writing the scheme's schools of that year to <c>scheme_schools</c>.</summary>
    private async Task<System.Data.Common.DbConnection> OpenWithSchoolsAsync(Scheme scheme, int termsYear, CancellationToken cancellationToken)
    {
        DapperSetup.EnsureRegistered();
        var terms = scheme.TermsFor(termsYear);
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("DELETE FROM scheme_schools WHERE scheme_id = @Id", new { scheme.Id }, transaction).ConfigureAwait(false);
            using (var insert = new RepeatedCommand(connection, transaction, connections.Provider,
                "INSERT INTO scheme_schools (scheme_id, brin, vestiging) VALUES (@Id, @Brin, @Vestiging)", ["Id", "Brin", "Vestiging"]))
            {
                foreach (var school in terms.Schools)
                {
                    await insert.ExecuteAsync([scheme.Id, school.Brin, school.Vestiging], cancellationToken).ConfigureAwait(false);
                }
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
