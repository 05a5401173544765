using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>One run in a scheme's history, with the invoices it issued.</summary>
public sealed record HistoryRun(long Id, string Period, string Kind, DateTimeOffset CreatedAt, string StartedBy, string InputFingerprint, IReadOnlyList<HistoryInvoice> Invoices)
{
    /// <summary>Four-eyes approval: who prepared the run's concept and who approved it; null for a run issued without approval.</summary>
    public string? PreparedBy { get; init; }

    /// <inheritdoc cref="PreparedBy"/>
    public string? ApprovedBy { get; init; }

    /// <summary>Who the history names for the run: what started it, and for an approved run who prepared and who approved it.</summary>
    public string Who => ApprovedBy is null ? StartedBy : $"{StartedBy}; opgesteld door {PreparedBy}, goedgekeurd door {ApprovedBy}";
}

public sealed record HistoryInvoice(string Number, string Debtor, Money Total)
{
    /// <summary>The invoice date, by which a merged-away municipality's invoices go to its successor.</summary>
    public DateOnly InvoiceDate { get; init; }
}

/// <summary>The audit trail of a scheme: its runs and their invoices, in two queries.</summary>
public sealed class SettlementHistory(IConnectionFactory connections)
{
    public async Task<IReadOnlyList<HistoryRun>> LoadAsync(string schemeId, int? year, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        // A run's period is yyyy-MM for a month and yyyy (or yyyy-rN) for a year end: all sort inside [yyyy, yyyy+1).
        var filter = new { schemeId, From = year is { } y ? $"{y:0000}" : "0000", Until = year is { } z ? $"{z + 1:0000}" : "9999" };
        var invoices = (await connection.QueryAsync<(long RunId, string Number, string Debtor, long Total, object InvoiceDate)>(
                """
                SELECT i.run_id, i.number, i.debtor, i.total_cents, i.invoice_date
                FROM invoices i JOIN settlement_runs r ON r.id = i.run_id
                WHERE r.scheme_id = @schemeId AND r.period >= @From AND r.period < @Until
                ORDER BY i.number
                """, filter).ConfigureAwait(false))
            .ToLookup(i => i.RunId, i => new HistoryInvoice(i.Number, i.Debtor.Trim(), new Money(i.Total)) { InvoiceDate = DbValues.Date(i.InvoiceDate) });
        var runs = await connection.QueryAsync<(long Id, string Period, string Kind, DateTimeOffset CreatedAt, string StartedBy, string Fingerprint, string? PreparedBy, string? ApprovedBy)>(
            """
            SELECT r.id, r.period, r.kind, r.created_at, r.started_by, r.input_fingerprint, c.prepared_by, c.approved_by
            FROM settlement_runs r LEFT JOIN settlement_concepts c ON c.run_id = r.id
            WHERE r.scheme_id = @schemeId AND r.period >= @From AND r.period < @Until
            ORDER BY r.period, r.id
            """, filter).ConfigureAwait(false);
        return runs.Select(r => new HistoryRun(r.Id, r.Period, r.Kind, r.CreatedAt, r.StartedBy, r.Fingerprint, invoices[r.Id].ToList())
        {
            PreparedBy = r.PreparedBy, ApprovedBy = r.ApprovedBy,
        }).ToList();
    }

    /// <summary>The latest runs of every scheme, newest first; written without LIMIT or TOP so it reads the same on both providers.</summary>
    public async Task<IReadOnlyList<(string SchemeId, HistoryRun Run)>> LatestAsync(int count, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var runs = await connection.QueryAsync<(long Id, string SchemeId, string Period, string Kind, DateTimeOffset CreatedAt, string StartedBy, string Fingerprint)>(
            """
            SELECT id, scheme_id, period, kind, created_at, started_by, input_fingerprint
            FROM settlement_runs WHERE id > (SELECT COALESCE(MAX(id), 0) FROM settlement_runs) - @count
            ORDER BY id DESC
            """, new { count }).ConfigureAwait(false);
        return runs.Select(r => (r.SchemeId, new HistoryRun(r.Id, r.Period.Trim(), r.Kind, r.CreatedAt, r.StartedBy, r.Fingerprint, []))).ToList();
    }
}
