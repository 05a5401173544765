using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Inventory;

/// <summary>
/// Reads what the care-hours inventory of a year needs in one set-based query, read only (no lock, nothing
/// written): the Jeugdwet beschikkingen active at any day of the year, at every school location or at a given
/// list (a scheme's schools, one JSON parameter joined as settlement does), of every resident or of the given
/// municipalities of residence.
/// </summary>
public sealed class InventoryReader(IConnectionFactory connections)
{
    public async Task<IReadOnlyList<Beschikking>> LoadAsync(
        int year, IReadOnlyCollection<SchoolLocationId>? schools, IReadOnlyCollection<MunicipalityCode>? residences, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        var provider = connections.Provider;
        var from = schools is null ? "beschikkingen b" : $"{SqlDialect.SchoolList(provider)} s CROSS JOIN beschikkingen b";
        var sql = $"""
            SELECT b.number, b.client, b.municipality_code, b.brin, b.vestiging, b.provider, b.category, b.law,
                   b.hours_per_week, b.start_date, b.end_date
            FROM {from}
            WHERE b.law = 'JW' AND b.start_date <= @Through AND (b.end_date IS NULL OR b.end_date >= @From)
            {(schools is null ? "" : "AND b.brin = s.brin AND b.vestiging = s.vestiging")}
            {(residences is null ? "" : "AND " + SqlDialect.InList(provider, "b.municipality_code", "Residences"))}
            """;
        var parameters = new DynamicParameters(new { From = new DateOnly(year, 1, 1), Through = new DateOnly(year, 12, 31) });
        if (schools is not null)
        {
            parameters.Add("Schools", SqlDialect.SchoolsParameter(schools));
        }
        if (residences is not null)
        {
            var codes = residences.Select(r => r.Value).ToArray();
            parameters.Add("Residences", provider == DatabaseProvider.PostgreSql ? codes : codes.ToList());
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await connection.ExecuteReaderAsync(sql, parameters).ConfigureAwait(false);
        var result = new List<Beschikking>();
        while (reader.Read())
        {
            result.Add(new Beschikking(
                reader.GetString(0), reader.GetString(1), MunicipalityCode.Parse(reader.GetString(2)), StoredCodes.School(reader.GetString(3), reader.GetString(4)),
                reader.GetString(5), reader.GetString(6), Enum.Parse<Law>(reader.GetString(7)),
                DbValues.Decimal(reader.GetValue(8)),
                new ActivePeriod(DbValues.Date(reader.GetValue(9)), reader.IsDBNull(10) ? null : DbValues.Date(reader.GetValue(10)))));
        }
        return result;
    }
}
