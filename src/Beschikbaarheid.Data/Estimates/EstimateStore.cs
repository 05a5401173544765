using System.Data.Common;
using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Estimates;

/// <summary>
/// An estimate pool's stored rows, read under the scheme's lock: the estimate and the realisation of a scheme's years,
/// and what the lead paid the school board (<c>subsidy_payments</c>, one row per run at most).
/// </summary>
public static class EstimateStore
{
    public static async Task<IReadOnlyList<EstimateRow>> LoadEstimatesAsync(SchemeTransaction session, IReadOnlyList<int> years, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        DapperSetup.EnsureRegistered();
        var result = new List<EstimateRow>();
        foreach (var year in years)
        {
            var rows = await session.Connection.QueryAsync<(long Year, string Brin, string Vestiging, string Municipality, long Children, object Hours)>(
                new CommandDefinition(
                    "SELECT year, brin, vestiging, municipality_code, children, hours_per_week FROM estimates WHERE scheme_id = @SchemeId AND year = @year ORDER BY id",
                    new { session.SchemeId, year }, session.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            result.AddRange(rows.Select(r => new EstimateRow(
                (int)r.Year, StoredCodes.School(r.Brin, r.Vestiging), MunicipalityCode.Parse(r.Municipality.Trim()), (int)r.Children, Normal(DbValues.Decimal(r.Hours)))));
        }
        return result;
    }

    public static async Task<IReadOnlyList<RealisationRow>> LoadRealisationAsync(SchemeTransaction session, IReadOnlyList<int> years, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        DapperSetup.EnsureRegistered();
        var result = new List<RealisationRow>();
        foreach (var year in years)
        {
            var rows = await session.Connection.QueryAsync<(long Year, string Brin, string Vestiging, object Hours)>(
                new CommandDefinition(
                    "SELECT year, brin, vestiging, hours FROM realisations WHERE scheme_id = @SchemeId AND year = @year ORDER BY brin, vestiging",
                    new { session.SchemeId, year }, session.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            result.AddRange(rows.Select(r => new RealisationRow((int)r.Year, StoredCodes.School(r.Brin, r.Vestiging), Normal(DbValues.Decimal(r.Hours)))));
        }
        return result;
    }

    /// <summary>What the board was paid for a year so far (advances and year ends, a reclaim negative), by the runs stored.</summary>
    public static async Task<Money> PaidAsync(SchemeTransaction session, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var cents = await session.Connection.ExecuteScalarAsync<long?>(
            new CommandDefinition(
                "SELECT SUM(amount_cents) FROM subsidy_payments WHERE scheme_id = @SchemeId AND periode >= @Year AND periode < @NextYear",
                new { session.SchemeId, Year = YearText(year), NextYear = YearText(year + 1) }, session.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Money(cents ?? 0);
    }

    internal static Task InsertAsync(DbConnection connection, DbTransaction transaction, long runId, string schemeId, SubsidyPayment payment) =>
        connection.ExecuteAsync(
            """
            INSERT INTO subsidy_payments (run_id, scheme_id, periode, board_number, board_name, iban, amount_cents, granted_cents, paid_before_cents, realised_hours, set_cents)
            VALUES (@RunId, @SchemeId, @Periode, @Board, @Name, @Iban, @Amount, @Granted, @PaidBefore, @RealisedHours, @Set)
            """,
            new
            {
                RunId = runId, SchemeId = schemeId, Periode = payment.Period.ToString(), payment.Recipient.Board, payment.Recipient.Name, payment.Recipient.Iban,
                Amount = payment.Amount.Cents, Granted = payment.Granted.Cents, PaidBefore = payment.PaidBefore.Cents, payment.RealisedHours, Set = payment.Set?.Cents,
            },
            transaction);

    internal static async Task<SubsidyPayment?> LoadAsync(DbConnection connection, DbTransaction? transaction, long runId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PaymentRow>(
            """
            SELECT periode, board_number AS board, board_name AS name, iban, amount_cents AS amount, granted_cents AS granted,
                   paid_before_cents AS paidbefore, realised_hours AS realisedhours, set_cents AS setcents
            FROM subsidy_payments WHERE run_id = @runId
            """,
            new { runId }, transaction).ConfigureAwait(false);
        return row is null
            ? null
            : new SubsidyPayment(
                new SubsidyRecipient(row.Board.Trim(), row.Name, row.Iban.Trim()), SettledPeriod.Parse(row.Periode.Trim()), new Money(row.Amount), new Money(row.Granted),
                new Money(row.PaidBefore), row.RealisedHours is { } hours ? Normal(DbValues.Decimal(hours)) : null, row.SetCents is { } set ? new Money(set) : null);
    }

    /// <summary>A stored decimal without the trailing zeros its column's scale adds (4,0000 is 4).</summary>
    private static decimal Normal(decimal value) => value / 1.0000000000000000000000000000m;

    private static string YearText(int year) => year.ToString("0000", CultureInfo.InvariantCulture);

    private sealed class PaymentRow
    {
        public string Periode { get; set; } = "";
        public string Board { get; set; } = "";
        public string Name { get; set; } = "";
        public string Iban { get; set; } = "";
        public long Amount { get; set; }
        public long Granted { get; set; }
        public long PaidBefore { get; set; }
        public object? RealisedHours { get; set; }
        public long? SetCents { get; set; }
    }
}
