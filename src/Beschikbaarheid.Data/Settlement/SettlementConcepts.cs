using System.Data.Common;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>A run prepared for approval: what it would bill (its plan's fingerprint, invoices and total) and who prepared it when.</summary>
/// <param name="Period">As a run's: <c>yyyy-MM</c>, or <c>yyyy</c> (<c>yyyy-rN</c>) for a year end.</param>
public sealed record SettlementConcept(
    long Id, string SchemeId, string Period, string Kind, string PlanFingerprint, string InputFingerprint, int Invoices, Money Total,
    string PreparedBy, DateTimeOffset PreparedAt, string Status)
{
    public string? ApprovedBy { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public long? RunId { get; init; }
}

/// <summary>
/// Four-eyes approval's concepts (<c>settlement_concepts</c>), written only in a scheme's locked transaction. A period
/// has at most one open concept; preparing it again with another plan keeps the old one as replaced, an approval keeps
/// it as approved with the approver and the run it issued. Rows are never deleted: they are the audit trail of who
/// prepared and who approved.
/// </summary>
public sealed class SettlementConcepts(IConnectionFactory connections)
{
    public const string Open = "open";
    public const string Replaced = "vervangen";
    public const string Approved = "goedgekeurd";

    /// <summary>The period a concept of <paramref name="plan"/> is kept under: its run's.</summary>
    public static string PeriodOf(SettlementPlan plan) => RunPeriod.Text(plan);

    /// <summary>The open concept of a month (<see cref="SettlementKind.Voorschot"/>) or of a year's end (any revision), read under the lock.</summary>
    public static async Task<SettlementConcept?> FindOpenAsync(SchemeTransaction session, YearMonth month, SettlementKind kind)
    {
        ArgumentNullException.ThrowIfNull(session);
        DapperSetup.EnsureRegistered();
        var year = month.Year.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        var found = await QueryAsync(session.Connection, session.Transaction,
            $"""
            {Select}
            WHERE scheme_id = @SchemeId AND kind = @Kind AND status = @Open
              AND (period = @Month OR (@Kind <> @Voorschot AND (period = @Year OR period LIKE @Revisions)))
            ORDER BY id
            """,
            new
            {
                session.SchemeId, Kind = kind.Dutch(), Open, Month = month.ToString(), Voorschot = SettlementKind.Voorschot.Dutch(),
                Year = year, Revisions = year + "-r%",
            }).ConfigureAwait(false);
        return found.Count == 0 ? null : found[^1];
    }

    /// <summary>
    /// Keeps <paramref name="plan"/> as its period's open concept, prepared by <paramref name="preparedBy"/>: an open concept
    /// of the period is kept as replaced. Inside the locked transaction; kept only when the caller commits.
    /// </summary>
    public static async Task PrepareAsync(
        SchemeTransaction session, SettlementPlan plan, string planFingerprint, string inputFingerprint, string preparedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(plan);
        DapperSetup.EnsureRegistered();
        var period = PeriodOf(plan);
        await session.Connection.ExecuteAsync(
            "UPDATE settlement_concepts SET status = @Replaced WHERE scheme_id = @SchemeId AND period = @Period AND kind = @Kind AND status = @Open",
            new { Replaced, session.SchemeId, Period = period, Kind = plan.Kind.Dutch(), Open }, session.Transaction).ConfigureAwait(false);
        await session.Connection.ExecuteAsync(
            """
            INSERT INTO settlement_concepts (scheme_id, period, kind, plan_fingerprint, input_fingerprint, invoices, total_cents, prepared_by, prepared_at, status)
            VALUES (@SchemeId, @Period, @Kind, @PlanFingerprint, @InputFingerprint, @Invoices, @Total, @PreparedBy, @PreparedAt, @Open)
            """,
            new
            {
                session.SchemeId, Period = period, Kind = plan.Kind.Dutch(), PlanFingerprint = planFingerprint, InputFingerprint = inputFingerprint,
                Invoices = plan.Invoices.Count, Total = Money.Sum(plan.Invoices.Select(i => i.Total)).Cents, PreparedBy = preparedBy, PreparedAt = now, Open,
            },
            session.Transaction).ConfigureAwait(false);
    }

    /// <summary>Records the approval of an open concept and the run it issued, in the transaction that issued the run.</summary>
    public static async Task ApproveAsync(SchemeTransaction session, long conceptId, string approvedBy, DateTimeOffset now, long runId)
    {
        ArgumentNullException.ThrowIfNull(session);
        DapperSetup.EnsureRegistered();
        var changed = await session.Connection.ExecuteAsync(
            """
            UPDATE settlement_concepts SET status = @Approved, approved_by = @ApprovedBy, approved_at = @ApprovedAt, run_id = @RunId
            WHERE id = @Id AND scheme_id = @SchemeId AND status = @Open
            """,
            new { Approved, ApprovedBy = approvedBy, ApprovedAt = now, RunId = runId, Id = conceptId, session.SchemeId, Open }, session.Transaction).ConfigureAwait(false);
        if (changed != 1)
        {
            throw new InvalidOperationException($"Concept {conceptId} of {session.SchemeId} is not open; nothing issued.");
        }
    }

    /// <summary>Every open concept, waiting for approval, oldest first (for <c>status</c>).</summary>
    public async Task<IReadOnlyList<SettlementConcept>> WaitingAsync(CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"{Select} WHERE status = @Open ORDER BY scheme_id, period", new { Open }).ConfigureAwait(false);
    }

    /// <summary>The approved concepts of a scheme's runs, by run (for <c>history</c>).</summary>
    public async Task<IReadOnlyDictionary<long, SettlementConcept>> ApprovedAsync(string schemeId, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await QueryAsync(connection, null, $"{Select} WHERE scheme_id = @schemeId AND status = @Approved", new { schemeId, Approved }).ConfigureAwait(false))
            .Where(c => c.RunId is not null)
            .ToDictionary(c => c.RunId!.Value);
    }

    private const string Select = """
        SELECT id, scheme_id AS schemeid, period, kind, plan_fingerprint AS planfingerprint, input_fingerprint AS inputfingerprint, invoices,
               total_cents AS totalcents, prepared_by AS preparedby, prepared_at AS preparedat, status, approved_by AS approvedby,
               approved_at AS approvedat, run_id AS runid
        FROM settlement_concepts
        """;

    private static async Task<IReadOnlyList<SettlementConcept>> QueryAsync(DbConnection connection, DbTransaction? transaction, string sql, object parameters) =>
        (await connection.QueryAsync<ConceptRow>(sql, parameters, transaction).ConfigureAwait(false))
        .Select(r => new SettlementConcept(
            r.Id, r.SchemeId, r.Period.Trim(), r.Kind.Trim(), r.PlanFingerprint, r.InputFingerprint, r.Invoices, new Money(r.TotalCents),
            r.PreparedBy, r.PreparedAt, r.Status.Trim())
        {
            ApprovedBy = r.ApprovedBy, ApprovedAt = r.ApprovedAt, RunId = r.RunId,
        })
        .ToList();

    private sealed class ConceptRow
    {
        public long Id { get; set; }
        public string SchemeId { get; set; } = "";
        public string Period { get; set; } = "";
        public string Kind { get; set; } = "";
        public string PlanFingerprint { get; set; } = "";
        public string InputFingerprint { get; set; } = "";
        public int Invoices { get; set; }
        public long TotalCents { get; set; }
        public string PreparedBy { get; set; } = "";
        public DateTimeOffset PreparedAt { get; set; }
        public string Status { get; set; } = "";
        public string? ApprovedBy { get; set; }
        public DateTimeOffset? ApprovedAt { get; set; }
        public long? RunId { get; set; }
    }
}
