using System.Data.Common;
using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>A stored run as its documents show it: invoices with lines, allocation, year to date, locations and statement.</summary>
public sealed class IssuedSettlements(IConnectionFactory connections)
{
    /// <summary>A stored run as its documents show it under <paramref name="flow"/>, the flow of the run's year: under the funder flow with its <see cref="IssuedSettlement.Funder"/>.</summary>
    public async Task<IssuedSettlement> LoadAsync(long runId, Flow flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The lines (70,000 a national month) are read on a second connection, on the other core, while this one reads the
        // rest: a committed run does not change, so the two need not share a transaction.
        await using var beside = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var lines = Task.Run(() => LinesAsync(beside, null, runId), cancellationToken);
        try
        {
            return await LoadAsync(connection, null, runId, (flow as FunderFlow)?.Funder, lines).ConfigureAwait(false);
        }
        finally
        {
            // Not left running on a connection that is about to be closed, whatever went wrong here.
            await ((Task)lines).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// A run as the unit of work's transaction sees it, before it is committed: what a dry run or a concept shows is read
    /// back exactly as the documents of an issued run are, from the rows the issuing path wrote, and then rolled back.
    /// </summary>
    public static Task<IssuedSettlement> LoadAsync(SchemeTransaction session, long runId)
    {
        ArgumentNullException.ThrowIfNull(session);
        DapperSetup.EnsureRegistered();
        return LoadAsync(session.Connection, session.Transaction, runId, null, null);
    }

    /// <summary>A run's invoice lines by invoice number.</summary>
    private static async Task<ILookup<string, InvoiceLine>> LinesAsync(DbConnection connection, DbTransaction? transaction, long runId)
    {
        const string linesSql = """
            SELECT l.invoice_number, l.line_number, l.brin, l.vestiging, l.basis, l.amount_cents, l.estimated, l.soort, l.periode, l.reference, l.annual_cents, l.residence
            FROM invoice_lines l JOIN invoices i ON i.number = l.invoice_number
            WHERE i.run_id = @runId
            """;
        return (connection is SqliteConnection sqlite
                ? LinesOnSqlite(sqlite, linesSql, runId)
                : (await connection.QueryAsync<(string Number, int LineNumber, string Brin, string Vestiging, decimal Basis, long Amount, bool Estimated, string Kind, string? Period, string? Reference, long? Annual, string? Residence)>(
                        linesSql, new { runId }, transaction).ConfigureAwait(false))
                    .Select(l => (l.Number, new InvoiceLine(
                        l.LineNumber, StoredCodes.School(l.Brin, l.Vestiging), l.Basis, new Money(l.Amount), l.Estimated,
                        SettlementKindNames.FromDutch(l.Kind), l.Period is null ? null : SettledPeriod.Parse(l.Period.Trim()), l.Reference,
                        l.Annual is { } annual ? new Money(annual) : null) { Residence = l.Residence is null ? null : MunicipalityCode.Parse(l.Residence) })))
            .ToLookup(l => l.Item1, l => l.Item2);
    }

    /// <summary>
    /// A run's invoice lines on SQLite, read through the library itself: a national month has 70,000 of them, and their
    /// invoice numbers, schools, kinds and periods repeat, so each is made once (<see cref="Interned{T}"/>).
    /// </summary>
    private static List<(string Number, InvoiceLine Line)> LinesOnSqlite(SqliteConnection connection, string sql, long runId)
    {
        var numbers = new Interned<string>(text => text);
        var schools = new Interned<SchoolLocationId>(StoredCodes.School);
        var kinds = new Interned<SettlementKind>(SettlementKindNames.FromDutch);
        var periods = new Interned<SettledPeriod>(text => SettledPeriod.Parse(text.Trim()));
        var residences = new Interned<MunicipalityCode>(MunicipalityCode.Parse);
        var lines = new List<(string, InvoiceLine)>();
        using var rows = new SqliteRows(connection, sql, [("runId", runId)]);
        while (rows.Read())
        {
            lines.Add((numbers.Of(rows.Utf8(0)), new InvoiceLine(
                checked((int)rows.Int64(1)), schools.Of(rows.Utf8(2), rows.Utf8(3)), rows.Decimal(4), new Money(rows.Int64(5)), rows.Int64(6) != 0,
                kinds.Of(rows.Utf8(7)), rows.IsNull(8) ? null : periods.Of(rows.Utf8(8)), rows.IsNull(9) ? null : rows.String(9),
                rows.IsNull(10) ? null : new Money(rows.Int64(10)))
            {
                Residence = rows.IsNull(11) ? null : residences.Of(rows.Utf8(11)),
            }));
        }
        return lines;
    }

    /// <param name="funder">Under the funder flow, the funder: what the run recorded for it is read, for the journal to book.</param>
    /// <param name="readLines">The run's lines being read elsewhere; null to read them here.</param>
    private static async Task<IssuedSettlement> LoadAsync(DbConnection connection, DbTransaction? transaction, long runId, MunicipalityCode? funder, Task<ILookup<string, InvoiceLine>>? readLines)
    {
        var run = await connection.QuerySingleAsync<RunRow>(
            """
            SELECT id, scheme_id AS schemeid, scheme_name AS schemename, period, kind, basis_unit AS basisunit, started_by AS startedby,
                   created_at AS createdat, input_fingerprint AS inputfingerprint, agreement, calculation
            FROM settlement_runs WHERE id = @runId
            """,
            new { runId }, transaction).ConfigureAwait(false);
        var settlementRun = run.ToRun();

        var invoiceRows = await connection.QueryAsync<InvoiceRow>(
                """
                SELECT number, issuer, debtor, invoice_date AS invoicedate, due_date AS duedate, iban, vat_statement AS vatstatement,
                       buyer_reference AS buyerreference
                FROM invoices WHERE run_id = @runId ORDER BY number
                """, new { runId }, transaction).ConfigureAwait(false);

        var allocation = (await connection.QueryAsync<(string Municipality, int Children, decimal Basis, long Month, long Annual, bool Invoiced, bool Estimated)>(
                "SELECT municipality_code, children, basis, month_cents, annual_projection_cents, invoiced, estimated FROM settlement_allocations WHERE run_id = @runId ORDER BY municipality_code",
                new { runId }, transaction).ConfigureAwait(false))
            .Select(a => new AllocationRow(MunicipalityCode.Parse(a.Municipality), a.Children, a.Basis, new Money(a.Month), new Money(a.Annual), a.Invoiced, a.Estimated))
            .ToList();
        // Year to date: the advances of this and earlier months, plus every correction and year end of the
        // year issued up to this run. The lines that are not advances first, through ix_invoice_lines_correcting (whose
        // condition SQLite matches only against the literal): from the runs, every line of every run was read.
        var yearToDate = (await connection.QueryAsync<(string Municipality, long Cents)>(
                """
                SELECT a.municipality_code, SUM(a.month_cents)
                FROM settlement_allocations a JOIN settlement_runs r ON r.id = a.run_id
                WHERE r.scheme_id = @SchemeId AND r.kind = @Kind AND r.period >= @From AND r.period <= @Through
                GROUP BY a.municipality_code
                UNION ALL
                SELECT COALESCE(l.residence, i.debtor), SUM(l.amount_cents)
                FROM invoice_lines l CROSS JOIN invoices i CROSS JOIN settlement_runs r
                WHERE i.number = l.invoice_number AND r.id = i.run_id
                  AND r.scheme_id = @SchemeId AND r.id <= @runId AND l.soort <> 'voorschot' AND l.periode >= @Year AND l.periode < @NextYear
                GROUP BY COALESCE(l.residence, i.debtor)
                UNION ALL
                SELECT e.municipality_code, SUM(e.amount_cents)
                FROM settlement_entries e
                WHERE e.scheme_id = @SchemeId AND e.run_id <= @runId AND e.soort <> @Kind AND e.periode >= @Year AND e.periode < @NextYear
                GROUP BY e.municipality_code
                """,
                new
                {
                    settlementRun.SchemeId, runId, Kind = SettlementKind.Voorschot.Dutch(),
                    From = new YearMonth(settlementRun.Period.Year, 1).ToString(), Through = settlementRun.Period.ToString(),
                    Year = YearText(settlementRun.Period.Year), NextYear = YearText(settlementRun.Period.Year + 1),
                }, transaction)
                .ConfigureAwait(false))
            // The municipalities' year to date, which the allocation sheet shows; a funder's stands on its invoices.
            .Where(y => MunicipalityCode.TryParse(y.Municipality, out _))
            .GroupBy(y => y.Municipality)
            .ToDictionary(g => MunicipalityCode.Parse(g.Key), g => new Money(g.Sum(y => y.Cents)));
        var locations = (await connection.QueryAsync<(string Brin, string Vestiging, int Children, decimal Basis, long Month, decimal? Fte, long? Annual, bool Estimated)>(
                "SELECT brin, vestiging, children, basis, month_cents, fte, annual_budget_cents, estimated FROM settlement_locations WHERE run_id = @runId ORDER BY brin, vestiging",
                new { runId }, transaction).ConfigureAwait(false))
            .Select(l => new LocationRow(StoredCodes.School(l.Brin, l.Vestiging), l.Children, l.Basis, new Money(l.Month),
                l.Fte is { } fte ? decimal.Round(fte, 2) : null, l.Annual is { } annual ? new Money(annual) : null, l.Estimated))
            .ToList();
        var individual = (await connection.QueryAsync<(string Reason, int Children)>(
                "SELECT reason, children FROM settlement_individual WHERE run_id = @runId",
                new { runId }, transaction).ConfigureAwait(false))
            .Select(i => new IndividualCount(Enum.Parse<Eligibility>(i.Reason), i.Children))
            .OrderBy(i => i.Reason)
            .ToList();
        // Only the funder's: the journal books a funder's recorded amounts, and no document shows the others (a lead's own
        // shares, some 1,000 rows a national month, were read for nothing).
        var recorded = funder is not { } recordedFor ? [] : (await connection.QueryAsync<(string Municipality, string Brin, string Vestiging, string Periode, string Kind, decimal Basis, long Amount, bool Estimated)>(
                """
                SELECT municipality_code, brin, vestiging, periode, soort, basis, amount_cents, estimated FROM settlement_entries
                WHERE run_id = @runId AND municipality_code = @Funder
                ORDER BY soort, periode, brin, vestiging
                """,
                new { runId, Funder = recordedFor.Value }, transaction).ConfigureAwait(false))
            .Select(e => new Entry(PartyCode.Parse(e.Municipality), StoredCodes.School(e.Brin, e.Vestiging), SettledPeriod.Parse(e.Periode.Trim()),
                SettlementKindNames.FromDutch(e.Kind), e.Basis, new Money(e.Amount), e.Estimated))
            .ToList();
        var (municipalities, schools) = await RegistryReader.LoadAsync(connection, transaction).ConfigureAwait(false);
        var lines = await (readLines ?? LinesAsync(connection, transaction, runId)).ConfigureAwait(false);
        var invoices = invoiceRows
            .Select(i => new IssuedInvoice(
                i.Number, MunicipalityCode.Parse(i.Issuer), PartyCode.Parse(i.Debtor), i.InvoiceDate, i.DueDate, i.Iban, i.VatStatement,
                lines[i.Number].OrderBy(l => l.LineNumber).ToList()) { BuyerReference = i.BuyerReference })
            .ToList();
        return new IssuedSettlement(settlementRun, invoices, allocation, yearToDate, locations, individual, municipalities, schools)
        {
            Recorded = recorded,
            Funder = funder,
            Statement = await CashierStatements.LoadAsync(connection, runId, transaction).ConfigureAwait(false),
            Subsidy = await Estimates.EstimateStore.LoadAsync(connection, transaction, runId).ConfigureAwait(false),
            Mergers = await Municipalities.MergerStore.LoadAsync(connection, transaction).ConfigureAwait(false),
        };
    }

    private static string YearText(int year) => year.ToString("0000", CultureInfo.InvariantCulture);

    private sealed class RunRow
    {
        public long Id { get; set; }
        public string SchemeId { get; set; } = "";
        public string SchemeName { get; set; } = "";
        public string Period { get; set; } = "";
        public string Kind { get; set; } = "";
        public string BasisUnit { get; set; } = "";
        public string StartedBy { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public string InputFingerprint { get; set; } = "";
        public string? Agreement { get; set; }
        public string? Calculation { get; set; }

        public SettlementRun ToRun()
        {
            var (period, revision) = RunPeriod.Parse(Period);
            return new(Id, SchemeId, SchemeName, period, SettlementKindNames.FromDutch(Kind), Enum.Parse<BasisUnit>(BasisUnit), CreatedAt, StartedBy, InputFingerprint, revision)
            {
                Agreement = Agreement,
                Calculation = StoredCalculation.Read(Calculation),
            };
        }
    }

    private sealed class InvoiceRow
    {
        public string Number { get; set; } = "";
        public string Issuer { get; set; } = "";
        public string Debtor { get; set; } = "";
        public DateOnly InvoiceDate { get; set; }
        public DateOnly DueDate { get; set; }
        public string Iban { get; set; } = "";
        public string VatStatement { get; set; } = "";
        public string? BuyerReference { get; set; }
    }
}
