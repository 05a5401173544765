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
            SELECT b.number, b.client, b.municipality_code AS municipality, b.brin, b.vestiging, b.provider, b.category, b.law,
                   b.hours_per_week AS hoursperweek, b.start_date AS startdate, b.end_date AS enddate
            FROM beschikkingen b
            JOIN scheme_schools s ON s.scheme_id = @Id AND s.brin = b.brin AND s.vestiging = b.vestiging
            WHERE b.start_date <= @YearEnd AND (b.end_date IS NULL OR b.end_date >= @YearStart)
            """;
        var rows = await connection.QueryAsync<BeschikkingRow>(sql, new
        {
            scheme.Id,
            YearStart = new DateOnly(fundingYear, 1, 1),
            YearEnd = new DateOnly(fundingYear, 12, 31),
        }).ConfigureAwait(false);
        return rows.Select(r => r.ToBeschikking()).ToList();
    }

    private sealed class BeschikkingRow
    {
        public string Number { get; set; } = "";
        public string Client { get; set; } = "";
        public string Municipality { get; set; } = "";
        public string Brin { get; set; } = "";
        public string Vestiging { get; set; } = "";
        public string Provider { get; set; } = "";
        public string Category { get; set; } = "";
        public string Law { get; set; } = "";
        public decimal HoursPerWeek { get; set; }
        public DateOnly StartDate { get; set; }
        public DateOnly? EndDate { get; set; }

        public Beschikking ToBeschikking() => new(
            Number,
            Client,
            MunicipalityCode.Parse(Municipality),
            SchoolLocationId.TryCreate(Brin, Vestiging, out var school) ? school : throw new InvalidOperationException($"Stored school {Brin}{Vestiging} is malformed."),
            Provider,
            Category,
            Enum.Parse<Law>(Law),
            HoursPerWeek,
            new ActivePeriod(StartDate, EndDate));
    }
}
