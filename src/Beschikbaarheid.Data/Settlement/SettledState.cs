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
    /// billed each; a line billed to a merged-away municipality's successor counts for the residence it concerns) and the
    /// amounts that are not invoiced; with <paramref name="schools"/>, only at those locations
    /// (the ones whose <see cref="SettledDigest"/> changed). One query; one month at a time keeps a large region's year
    /// out of memory.
    /// </summary>
    public static async Task<IReadOnlyList<Entry>> LoadMonthAsync(
        SchemeTransaction session, YearMonth month, IReadOnlyCollection<SchoolLocationId>? schools = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (schools is { Count: 0 })
        {
            return [];
        }
        // With a location list, the list first, so the month's lines are found through ix_invoice_lines_periode_school.
        var sql = schools is null
            ? """
              SELECT COALESCE(l.residence, i.debtor), l.brin, l.vestiging, l.soort, l.basis, l.amount_cents, l.estimated, l.reference, i.number
              FROM invoice_lines l
              JOIN invoices i ON i.number = l.invoice_number
              JOIN settlement_runs r ON r.id = i.run_id
              WHERE l.periode = @Month AND r.scheme_id = @schemeId
              UNION ALL
              SELECT municipality_code, brin, vestiging, soort, basis, amount_cents, estimated, reference, NULL
              FROM settlement_entries
              WHERE scheme_id = @schemeId AND periode = @Month
              """
            : $"""
              SELECT COALESCE(l.residence, i.debtor), l.brin, l.vestiging, l.soort, l.basis, l.amount_cents, l.estimated, l.reference, i.number
              FROM {SqlDialect.SchoolList(session.Provider)} s
              CROSS JOIN invoice_lines l
              JOIN invoices i ON i.number = l.invoice_number
              JOIN settlement_runs r ON r.id = i.run_id
              WHERE l.periode = @Month AND r.scheme_id = @schemeId AND l.brin = s.brin AND l.vestiging = s.vestiging
              UNION ALL
              SELECT e.municipality_code, e.brin, e.vestiging, e.soort, e.basis, e.amount_cents, e.estimated, e.reference, NULL
              FROM {SqlDialect.SchoolList(session.Provider)} s
              CROSS JOIN settlement_entries e
              WHERE e.scheme_id = @schemeId AND e.periode = @Month AND e.brin = s.brin AND e.vestiging = s.vestiging
              """;
        var rows = await session.Connection.QueryAsync<(string Municipality, string Brin, string Vestiging, string Kind, decimal Basis, long Amount, bool Estimated, string? Reference, string? Invoice)>(
            sql,
            new { schemeId = session.SchemeId, Month = month.ToString(), Schools = schools is null ? null : SqlDialect.SchoolsParameter(schools) },
            session.Transaction).ConfigureAwait(false);
        var period = SettledPeriod.Of(month);
        return rows.Select(r => new Entry(
                PartyCode.Parse(r.Municipality), StoredCodes.School(r.Brin, r.Vestiging), period,
                SettlementKindNames.FromDutch(r.Kind), r.Basis, new Money(r.Amount), r.Estimated, r.Reference, r.Invoice))
            .ToList();
    }

    /// <summary>
    /// Per municipality of <paramref name="municipalities"/>: the invoice that billed <paramref name="month"/>, its advance
    /// or else its first correction (<see cref="Corrections"/>), over all the month's locations. Read from the scheme's
    /// invoices to those debtors, so only their lines are looked at.
    /// </summary>
    public static async Task<IReadOnlyDictionary<PartyCode, string>> BillingInvoicesAsync(
        SchemeTransaction session, YearMonth month, IReadOnlyCollection<PartyCode> municipalities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(municipalities);
        if (municipalities.Count == 0)
        {
            return new Dictionary<PartyCode, string>();
        }
        // As LoadMonthAsync, a line with a residence counts for that residence: such lines are few, found through their own index.
        var rows = await session.Connection.QueryAsync<(string Debtor, string Kind, string Number)>(
            $"""
            SELECT DISTINCT i.debtor, l.soort, i.number
            FROM settlement_runs r
            CROSS JOIN invoices i
            CROSS JOIN invoice_lines l
            WHERE r.scheme_id = @SchemeId AND i.run_id = r.id AND {SqlDialect.InList(session.Provider, "i.debtor", "Debtors")}
              AND l.invoice_number = i.number AND l.residence IS NULL AND {SqlDialect.NotIndexed(session.Provider, "l.periode")} = @Month
            UNION
            SELECT l.residence, l.soort, i.number
            FROM invoice_lines l
            JOIN invoices i ON i.number = l.invoice_number
            JOIN settlement_runs r ON r.id = i.run_id
            WHERE l.residence IS NOT NULL AND {SqlDialect.InList(session.Provider, "l.residence", "Debtors")} AND l.periode = @Month AND r.scheme_id = @SchemeId
            """,
            new { session.SchemeId, Month = month.ToString(), Debtors = municipalities.Select(m => m.Value).ToArray() }, session.Transaction).ConfigureAwait(false);
        return rows
            .Select(r => (Municipality: PartyCode.Parse(r.Debtor), Kind: SettlementKindNames.FromDutch(r.Kind), Number: r.Number.Trim()))
            .GroupBy(r => r.Municipality)
            .ToDictionary(g => g.Key, g => g.Select(r => (r.Kind, r.Number)).Min().Number);
    }

    /// <summary>
    /// What was settled for a funding year, its months and the year itself, summed per municipality and
    /// location in the database, with the invoices that billed each municipality: what a year end is computed against.
    /// A line billed to a merged-away municipality's successor counts for the residence it concerns. With
    /// <paramref name="schools"/>, the totals only at those locations (<see cref="SettledYear.Only"/>).
    /// </summary>
    public static async Task<SettledYear> LoadYearAsync(
        SchemeTransaction session, int year, IReadOnlyCollection<SchoolLocationId>? schools = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var connection = session.Connection;
        var wholeYear = SettledPeriod.WholeYear(year);
        if (schools is { Count: 0 })
        {
            return new SettledYear([], new Dictionary<PartyCode, IReadOnlyList<string>>()) { Only = new HashSet<SchoolLocationId>() };
        }
        var range = new
        {
            schemeId = session.SchemeId, From = YearText(year), Until = YearText(year + 1),
            Schools = schools is null ? null : SqlDialect.SchoolsParameter(schools),
        };
        var sql = schools is null
            ? """
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
              """
            : $"""
              SELECT municipality, brin, vestiging, SUM(amount_cents)
              FROM (
                  SELECT COALESCE(l.residence, i.debtor) AS municipality, l.brin, l.vestiging, l.amount_cents
                  FROM {SqlDialect.SchoolList(session.Provider)} s
                  CROSS JOIN invoice_lines l
                  JOIN invoices i ON i.number = l.invoice_number
                  JOIN settlement_runs r ON r.id = i.run_id
                  WHERE l.periode >= @From AND l.periode < @Until AND r.scheme_id = @schemeId AND l.brin = s.brin AND l.vestiging = s.vestiging
                  UNION ALL
                  SELECT e.municipality_code, e.brin, e.vestiging, e.amount_cents
                  FROM {SqlDialect.SchoolList(session.Provider)} s
                  CROSS JOIN settlement_entries e
                  WHERE e.scheme_id = @schemeId AND e.periode >= @From AND e.periode < @Until AND e.brin = s.brin AND e.vestiging = s.vestiging
              ) settled
              GROUP BY municipality, brin, vestiging
              """;
        var totals = (await connection.QueryAsync<(string Municipality, string Brin, string Vestiging, long Amount)>(sql, range, session.Transaction).ConfigureAwait(false))
            .Select(t => new Entry(PartyCode.Parse(t.Municipality), StoredCodes.School(t.Brin, t.Vestiging), wholeYear, SettlementKind.Voorschot, 0m, new Money(t.Amount)))
            .ToList();
        // The invoices with a line for the year, from the scheme's runs that can bill it (a run bills its own period and
        // earlier ones), each invoice's own lines looked at rather than the year's lines scanned.
        // A line with a residence (a merged-away municipality's, billed to its successor) names the invoice for that
        // residence instead; such lines are few and found through their own index.
        var invoices = await connection.QueryAsync<(string Debtor, string Number)>(
            $"""
            SELECT i.debtor, i.number
            FROM settlement_runs r
            CROSS JOIN invoices i
            WHERE r.scheme_id = @schemeId AND r.period >= @From AND i.run_id = r.id
              AND EXISTS (SELECT 1 FROM invoice_lines l
                          WHERE l.invoice_number = i.number AND l.residence IS NULL AND {SqlDialect.NotIndexed(session.Provider, "l.periode")} >= @From
                            AND {SqlDialect.NotIndexed(session.Provider, "l.periode")} < @Until)
            UNION
            SELECT l.residence, i.number
            FROM invoice_lines l
            JOIN invoices i ON i.number = l.invoice_number
            JOIN settlement_runs r ON r.id = i.run_id
            WHERE l.residence IS NOT NULL AND l.periode >= @From AND l.periode < @Until AND r.scheme_id = @schemeId
            """, range, session.Transaction).ConfigureAwait(false);
        return new SettledYear(
            totals,
            invoices.GroupBy(i => i.Debtor).ToDictionary(
                g => PartyCode.Parse(g.Key),
                g => (IReadOnlyList<string>)g.Select(i => i.Number).Order(StringComparer.Ordinal).ToList()))
        {
            Only = schools?.ToHashSet(),
        };
    }

    /// <summary>
    /// The locations with something settled for the year itself (an earlier year end): their year is not the sum of
    /// their months' digests. Few rows, found through the period index.
    /// </summary>
    public static async Task<IReadOnlySet<SchoolLocationId>> YearLevelSchoolsAsync(SchemeTransaction session, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var rows = await session.Connection.QueryAsync<(string Brin, string Vestiging)>(
            """
            SELECT l.brin, l.vestiging
            FROM invoice_lines l
            JOIN invoices i ON i.number = l.invoice_number
            JOIN settlement_runs r ON r.id = i.run_id
            WHERE l.periode = @Year AND r.scheme_id = @schemeId
            UNION
            SELECT brin, vestiging FROM settlement_entries WHERE scheme_id = @schemeId AND periode = @Year
            """, new { schemeId = session.SchemeId, Year = YearText(year) }, session.Transaction).ConfigureAwait(false);
        return rows.Select(r => StoredCodes.School(r.Brin, r.Vestiging)).ToHashSet();
    }

    /// <summary>What the cashier's statements of a year reported so far: gap per municipality, cover per fund.</summary>
    public static Task<StatedSoFar> StatedSoFarAsync(SchemeTransaction session, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return CashierStatements.SoFarAsync(session.Connection, session.Transaction, session.SchemeId, YearText(year), YearText(year + 1));
    }

    private static string YearText(int year) => year.ToString("0000", CultureInfo.InvariantCulture);
}
