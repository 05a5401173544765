using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Settlement;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Data.Inventory;

/// <summary>
/// Reads what the care-hours inventory of a year needs in one set-based query, read only (no lock, nothing
/// written): the Jeugdwet beschikkingen active at any day of the year at the given school locations (one JSON
/// parameter joined as settlement does) of residents of the given municipalities.
/// </summary>
public sealed class InventoryReader(IConnectionFactory connections)
{
    /// <param name="schools">The school locations (all the registry's, or a scheme's).</param>
    /// <param name="residences">The municipalities of residence (all the registry's, or those asked for).</param>
    public async Task<IReadOnlyList<Beschikking>> LoadAsync(
        int year, IReadOnlyCollection<SchoolLocationId> schools, IReadOnlyCollection<MunicipalityCode> residences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schools);
        ArgumentNullException.ThrowIfNull(residences);
        DapperSetup.EnsureRegistered();
        var provider = connections.Provider;
        var from = new DateOnly(year, 1, 1);
        var through = new DateOnly(year, 12, 31);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (connection is SqliteConnection sqlite)
        {
            // As settlement reads them, in the same order; the law and the residences are then kept here.
            var residing = residences.ToHashSet();
            return [.. SqliteBeschikkingScan.Read(sqlite, schools, from, through).Where(b => b.Law == Law.JW && residing.Contains(b.Residence))];
        }
        // The school list first, as settlement's reader: a server looks each school up in ix_beschikkingen_school.
        var sql = $"""
            SELECT b.number, b.client, b.municipality_code, b.brin, b.vestiging, b.provider, b.category, b.law,
                   b.hours_per_week, b.start_date, b.end_date
            FROM {SqlDialect.SchoolList(provider)} s
            CROSS JOIN beschikkingen b
            WHERE b.brin = s.brin AND b.vestiging = s.vestiging AND b.law = 'JW'
              AND b.start_date <= @Through AND (b.end_date IS NULL OR b.end_date >= @From)
              AND {SqlDialect.InList(provider, "b.municipality_code", "Residences")}
            """;
        var codes = residences.Select(r => r.Value).ToArray();
        var schoolList = SqlDialect.SchoolsParameter(schools);
        // Npgsql takes the codes as one text[]; Dapper expands a list into one parameter per code for the others.
        object parameters = provider == DatabaseProvider.PostgreSql
            ? new { From = from, Through = through, Schools = schoolList, Residences = codes }
            : new { From = from, Through = through, Schools = schoolList, Residences = codes.ToList() };
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
