using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.DrawingRights;

/// <summary>
/// Stores a scheme's drawing rights of a funding year with their steps, in the unit of work's transaction
/// under the scheme's lock. Recomputing the year replaces its rows; board transfers are kept in their own
/// table and never touch these figures.
/// </summary>
public static class DrawingRightsStore
{
    public static async Task SaveAsync(SchemeTransaction session, int year, IReadOnlyList<DrawingRight> rights, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rights);
        DapperSetup.EnsureRegistered();
        var schemeId = session.SchemeId;
        await session.Connection.ExecuteAsync("DELETE FROM drawing_rights WHERE scheme_id = @schemeId AND year = @year", new { schemeId, year }, session.Transaction).ConfigureAwait(false);
        using var insert = new RepeatedCommand(session, Insert);
        foreach (var r in rights)
        {
            await insert.ExecuteAsync(
                [
                    ("SchemeId", schemeId), ("Year", year), ("Brin", r.School.Brin), ("Vestiging", r.School.Vestiging), ("Category", r.Category),
                    ("Hours", r.HistoricalHours), ("BaseFte", r.BaseFte), ("PupilsNow", r.PupilsNow), ("PupilsThen", r.PupilsThen),
                    ("Estimated", r.PupilsEstimated), ("Growth", r.GrowthFactor), ("Uplift", r.UpliftFactor), ("Fixed", r.Fixed), ("Cap", r.CapFactor),
                    ("Fte", r.Fte), ("Budget", r.Budget.Cents), ("ComputedAt", computedAt),
                ],
                cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<IReadOnlyList<DrawingRight>> LoadAsync(SchemeTransaction session, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        DapperSetup.EnsureRegistered();
        var schemeId = session.SchemeId;
        var rows = await session.Connection.QueryAsync<Row>(
            """
            SELECT brin, vestiging, category, historical_hours AS historicalhours, base_fte AS basefte, pupils_now AS pupilsnow,
                   pupils_then AS pupilsthen, pupils_estimated AS pupilsestimated, growth_factor AS growthfactor, uplift_factor AS upliftfactor,
                   fixed, cap_factor AS capfactor, fte, budget_cents AS budgetcents
            FROM drawing_rights WHERE scheme_id = @schemeId AND year = @year
            ORDER BY brin, vestiging, category
            """, new { schemeId, year }, session.Transaction).ConfigureAwait(false);
        return rows.Select(r => r.ToRight()).ToList();
    }

    private const string Insert = """
        INSERT INTO drawing_rights (scheme_id, year, brin, vestiging, category, historical_hours, base_fte, pupils_now, pupils_then,
            pupils_estimated, growth_factor, uplift_factor, fixed, cap_factor, fte, budget_cents, computed_at)
        VALUES (@SchemeId, @Year, @Brin, @Vestiging, @Category, @Hours, @BaseFte, @PupilsNow, @PupilsThen,
            @Estimated, @Growth, @Uplift, @Fixed, @Cap, @Fte, @Budget, @ComputedAt)
        """;


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
