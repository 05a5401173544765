using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>
/// Loads what a scheme's settlement of one funding year needs in a few set-based queries: the scheme's
/// school list is written to <c>scheme_schools</c> so the beschikkingen load as one join, never a query
/// per school or per child.
/// </summary>
public sealed class SettlementInputReader(IConnectionFactory connections)
{
    public async Task<IReadOnlyList<Beschikking>> LoadBeschikkingenAsync(Scheme scheme, int fundingYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        DapperSetup.EnsureRegistered();
        var terms = scheme.TermsFor(fundingYear);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await connection.ExecuteAsync("DELETE FROM scheme_schools WHERE scheme_id = @Id", new { scheme.Id }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO scheme_schools (scheme_id, brin, vestiging) VALUES (@Id, @Brin, @Vestiging)",
                terms.Schools.Select(s => new { scheme.Id, s.Brin, s.Vestiging }),
                transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        const string sql = """
            SELECT b.number, b.client, b.municipality_code, b.brin, b.vestiging, b.provider, b.category, b.law,
                   b.hours_per_week, b.start_date, b.end_date
            FROM beschikkingen b
            JOIN scheme_schools s ON s.scheme_id = @Id AND s.brin = b.brin AND s.vestiging = b.vestiging
            WHERE b.start_date <= @YearEnd AND (b.end_date IS NULL OR b.end_date >= @YearStart)
            """;
        // A plain typed reader instead of Dapper's mapping: this is the one query that returns a whole
        // region's beschikkingen, and codes repeat, so each distinct code string is parsed once.
        await using var reader = await connection.ExecuteReaderAsync(sql, new
        {
            scheme.Id,
            YearStart = new DateOnly(fundingYear, 1, 1),
            YearEnd = new DateOnly(fundingYear, 12, 31),
        }).ConfigureAwait(false);
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
                schools[location] = school = SchoolLocationId.TryCreate(location.Item1, location.Item2, out var id)
                    ? id : throw new InvalidOperationException($"Stored school {location.Item1}{location.Item2} is malformed.");
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
}
