using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>
/// What was settled for a scheme, read inside the unit of work's transaction after the scheme's lock was
/// taken: the runs, what each month and year was billed, the year ends and the cashier's statements so far.
/// What a run decides to bill is read here and nowhere else.
/// </summary>
public static class SettledState
{
    /// <summary>The run that settled a period of the given kind, if any.</summary>
    public static async Task<long?> FindRunAsync(SchemeTransaction session, YearMonth period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.Connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM settlement_runs WHERE scheme_id = @SchemeId AND period = @Period AND kind = @Kind",
            new { session.SchemeId, Period = period.ToString(), Kind = SettlementKind.Voorschot.Dutch() }, session.Transaction).ConfigureAwait(false);
    }

    /// <summary>
    /// Per funding year with settled months or year ends: the months settled, the input fingerprint and month of
    /// its latest monthly run, how many year ends it had and whether it is closed. Two queries.
    /// </summary>
    public static async Task<IReadOnlyList<SettledYearState>> YearsAsync(SchemeTransaction session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var runs = (await session.Connection.QueryAsync<(long Id, string Period, string Fingerprint)>(
                "SELECT id, period, input_fingerprint FROM settlement_runs WHERE scheme_id = @SchemeId AND kind = @Kind",
                new { session.SchemeId, Kind = SettlementKind.Voorschot.Dutch() }, session.Transaction).ConfigureAwait(false))
            .Select(r => (r.Id, Month: YearMonth.Parse(r.Period.Trim()), r.Fingerprint))
            .ToList();
        var events = await YearClosures.EventsAsync(session, null).ConfigureAwait(false);
        return runs.Select(r => r.Month.Year).Concat(events.Select(e => e.Year)).Distinct().Order()
            .Select(year =>
            {
                var ofYear = runs.Where(r => r.Month.Year == year).ToList();
                var yearEvents = events.Where(e => e.Year == year).ToList();
                return new SettledYearState(
                    year,
                    ofYear.Select(r => r.Month).Order().ToList(),
                    ofYear.OrderByDescending(r => r.Id).Select(r => r.Fingerprint).FirstOrDefault(),
                    ofYear.OrderByDescending(r => r.Id).Select(r => (YearMonth?)r.Month).FirstOrDefault(),
                    yearEvents.Count(e => e.Event == YearClosures.Finalized),
                    YearClosures.IsClosed(yearEvents));
            })
            .ToList();
    }

    /// <summary>
    /// Everything settled for one month: its invoice lines (advances and corrections, with the invoice that
    /// billed each; a line billed to a successor counts for the residence it concerns) and the amounts that are not invoiced. One query; one month at a time keeps a large
    /// region's year out of memory.
    /// </summary>
    public static async Task<IReadOnlyList<Entry>> LoadMonthAsync(SchemeTransaction session, YearMonth month, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var rows = await session.Connection.QueryAsync<(string Municipality, string Brin, string Vestiging, string Kind, decimal Basis, long Amount, bool Estimated, string? Reference, string? Invoice)>(
            """
            SELECT COALESCE(l.residence, i.debtor), l.brin, l.vestiging, l.soort, l.basis, l.amount_cents, l.estimated, l.reference, i.number
            FROM invoice_lines l
            JOIN invoices i ON i.number = l.invoice_number
            JOIN settlement_runs r ON r.id = i.run_id
            WHERE l.periode = @Month AND r.scheme_id = @schemeId
            UNION ALL
            SELECT municipality_code, brin, vestiging, soort, basis, amount_cents, estimated, reference, NULL
            FROM settlement_entries
            WHERE scheme_id = @schemeId AND periode = @Month
            """,
            new { schemeId = session.SchemeId, Month = month.ToString() }, session.Transaction).ConfigureAwait(false);
        var period = SettledPeriod.Of(month);
        return rows.Select(r => new Entry(
                MunicipalityCode.Parse(r.Municipality), StoredCodes.School(r.Brin, r.Vestiging), period,
                SettlementKindNames.FromDutch(r.Kind), r.Basis, new Money(r.Amount), r.Estimated, r.Reference, r.Invoice))
            .ToList();
    }

    /// <summary>
    /// What was settled for a funding year, its months and the year itself, summed per municipality and
    /// location in the database, with the invoices that billed each municipality: what a year end is computed against.
    /// A line billed to a merged-away municipality's successor counts for the residence it concerns.
    /// </summary>
    public static async Task<SettledYear> LoadYearAsync(SchemeTransaction session, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var connection = session.Connection;
        var range = new { schemeId = session.SchemeId, From = YearText(year), Until = YearText(year + 1) };
        var totals = await connection.QueryAsync<(string Municipality, string Brin, string Vestiging, long Amount)>(
            """
            SELECT municipality, brin, vestiging, SUM(amount_cents)
            FROM (
                SELECT COALESCE(l.residence, i.debtor) AS municipality, l.brin, l.vestiging, l.amount_cents
                FROM invoice_lines l
                JOIN invoices i ON i.number = l.invoice_number
                JOIN settlement_runs r ON r.id = i.run_id
                WHERE l.periode >= @From AND l.periode < @Until AND r.scheme_id = @schemeId
                UNION ALL
                SELECT municipality_code, brin, vestiging, amount_cents
                FROM settlement_entries
                WHERE scheme_id = @schemeId AND periode >= @From AND periode < @Until
            ) settled
            GROUP BY municipality, brin, vestiging
            """, range, session.Transaction).ConfigureAwait(false);
        var invoices = await connection.QueryAsync<(string Debtor, string Number)>(
            """
            SELECT DISTINCT COALESCE(l.residence, i.debtor), i.number
            FROM invoice_lines l
            JOIN invoices i ON i.number = l.invoice_number
            JOIN settlement_runs r ON r.id = i.run_id
            WHERE l.periode >= @From AND l.periode < @Until AND r.scheme_id = @schemeId
            """, range, session.Transaction).ConfigureAwait(false);
        var wholeYear = SettledPeriod.WholeYear(year);
        return new SettledYear(
            totals.Select(t => new Entry(MunicipalityCode.Parse(t.Municipality), StoredCodes.School(t.Brin, t.Vestiging), wholeYear, SettlementKind.Voorschot, 0m, new Money(t.Amount))).ToList(),
            invoices.GroupBy(i => i.Debtor).ToDictionary(
                g => MunicipalityCode.Parse(g.Key),
                g => (IReadOnlyList<string>)g.Select(i => i.Number).Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>What the cashier's statements of a year reported so far: gap per municipality, cover per fund.</summary>
    public static Task<StatedSoFar> StatedSoFarAsync(SchemeTransaction session, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return CashierStatements.SoFarAsync(session.Connection, session.Transaction, session.SchemeId, YearText(year), YearText(year + 1));
    }

    private static string YearText(int year) => year.ToString("0000", CultureInfo.InvariantCulture);
}
