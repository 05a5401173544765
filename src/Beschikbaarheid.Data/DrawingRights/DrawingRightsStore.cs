using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.DrawingRights;

/// <summary>
/// Stores a scheme's drawing rights of a funding year with their steps. Recomputing the year replaces its
/// rows in one transaction; board transfers are kept in their own table and never touch these figures.
/// </summary>
public sealed class DrawingRightsStore(IConnectionFactory connections)
{
    public async Task SaveAsync(string schemeId, int year, IReadOnlyList<DrawingRight> rights, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rights);
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM drawing_rights WHERE scheme_id = @schemeId AND year = @year", new { schemeId, year }, transaction).ConfigureAwait(false);
        using (var insert = new RepeatedCommand(connection, transaction, connections.Provider, Insert, Parameters))
        {
            foreach (var r in rights)
            {
                await insert.ExecuteAsync(
                    [
                        schemeId, year, r.School.Brin, r.School.Vestiging, r.Category, r.HistoricalHours, r.BaseFte, r.PupilsNow, r.PupilsThen,
                        r.PupilsEstimated, r.GrowthFactor, r.UpliftFactor, r.Fixed, r.CapFactor, r.Fte, r.Budget.Cents, computedAt,
                    ],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DrawingRight>> LoadAsync(string schemeId, int year, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(
            """
            SELECT brin, vestiging, category, historical_hours AS historicalhours, base_fte AS basefte, pupils_now AS pupilsnow,
                   pupils_then AS pupilsthen, pupils_estimated AS pupilsestimated, growth_factor AS growthfactor, uplift_factor AS upliftfactor,
                   fixed, cap_factor AS capfactor, fte, budget_cents AS budgetcents
            FROM drawing_rights WHERE scheme_id = @schemeId AND year = @year
            ORDER BY brin, vestiging, category
            """, new { schemeId, year }).ConfigureAwait(false);
        return rows.Select(r => r.ToRight()).ToList();
    }

    private const string Insert = """
        INSERT INTO drawing_rights (scheme_id, year, brin, vestiging, category, historical_hours, base_fte, pupils_now, pupils_then,
            pupils_estimated, growth_factor, uplift_factor, fixed, cap_factor, fte, budget_cents, computed_at)
        VALUES (@SchemeId, @Year, @Brin, @Vestiging, @Category, @Hours, @BaseFte, @PupilsNow, @PupilsThen,
            @Estimated, @Growth, @Uplift, @Fixed, @Cap, @Fte, @Budget, @ComputedAt)
        """;

    private static readonly string[] Parameters =
        ["SchemeId", "Year", "Brin", "Vestiging", "Category", "Hours", "BaseFte", "PupilsNow", "PupilsThen", "Estimated", "Growth", "Uplift", "Fixed", "Cap", "Fte", "Budget", "ComputedAt"];

    private sealed class Row
    {
        public string Brin { get; set; } = "";
        public string Vestiging { get; set; } = "";
        public string Category { get; set; } = "";
        public decimal HistoricalHours { get; set; }
        public decimal BaseFte { get; set; }
        public decimal? PupilsNow { get; set; }
        public decimal? PupilsThen { get; set; }
        public bool PupilsEstimated { get; set; }
        public decimal GrowthFactor { get; set; }
        public decimal UpliftFactor { get; set; }
        public bool Fixed { get; set; }
        public decimal CapFactor { get; set; }
        public decimal Fte { get; set; }
        public long BudgetCents { get; set; }

        public DrawingRight ToRight() => new(
            StoredCodes.School(Brin, Vestiging),
            Category, HistoricalHours, BaseFte, PupilsNow, PupilsThen, PupilsEstimated, GrowthFactor, UpliftFactor, Fixed, CapFactor,
            decimal.Round(Fte, 2), new Money(BudgetCents));
    }
}
