using System.Data.Common;
using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>The result of asking to issue a period: the run that holds it, and whether this call issued it.</summary>
public sealed record IssueOutcome(long RunId, bool IssuedNow);

/// <summary>
/// Stores settlement runs. A run, its invoice numbers, invoices, lines and key figures are written in one
/// transaction: a failure anywhere leaves no run, no invoice and no used number. The unique key on
/// (scheme, period, kind) makes a second issue of the same period impossible, also from another process.
/// </summary>
public sealed class SettlementStore(IConnectionFactory connections)
{
    /// <summary>Test seam: called after each invoice is written inside the transaction, to simulate a crash halfway.</summary>
    public Action<int>? AfterInvoiceWritten { get; set; }

    /// <summary>The run that settled a month's advances, if any.</summary>
    public async Task<long?> FindRunAsync(string schemeId, YearMonth period, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindRunAsync(connection, null, schemeId, period.ToString(), SettlementKind.Voorschot).ConfigureAwait(false);
    }

    /// <param name="fingerprint">The fingerprint of the inputs the plan was computed from (<see cref="InputFingerprint"/>).</param>
    public async Task<IssueOutcome> IssueAsync(
        Scheme scheme, SettlementPlan plan, DateOnly invoiceDate, string startedBy, DateTimeOffset now, string fingerprint = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(plan);
        DapperSetup.EnsureRegistered();
        var terms = scheme.TermsFor(plan.Period.Year);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var periodText = RunPeriod.Text(plan);
        if (await FindRunAsync(connection, transaction, scheme.Id, periodText, plan.Kind).ConfigureAwait(false) is { } existing)
        {
            return new IssueOutcome(existing, IssuedNow: false);
        }

        long runId;
        try
        {
            runId = await connection.ExecuteScalarAsync<long>(
                $"""
                INSERT INTO settlement_runs (scheme_id, scheme_name, period, kind, basis_unit, started_by, created_at, input_fingerprint, parameters)
                VALUES (@SchemeId, @SchemeName, @Period, @Kind, @BasisUnit, @StartedBy, @CreatedAt, @Fingerprint, @Parameters);
                {SqlDialect.SelectInsertedId(connections.Provider)}
                """,
                new
                {
                    SchemeId = scheme.Id, SchemeName = scheme.Name, Period = periodText, Kind = plan.Kind.Dutch(),
                    BasisUnit = plan.BasisUnit.ToString(), StartedBy = startedBy, CreatedAt = now, Fingerprint = fingerprint,
                    Parameters = $"{terms.Pool}; {terms.Key}; {terms.Flow}; {terms.Invoice}",
                },
                transaction).ConfigureAwait(false);
        }
        catch (DbException ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            // Another process issued this period between our check and our insert.
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            var winner = await FindRunAsync(connection, null, scheme.Id, periodText, plan.Kind).ConfigureAwait(false);
            return new IssueOutcome(winner ?? throw new InvalidOperationException("Unique violation without a run."), IssuedNow: false);
        }

        var numbers = await TakeNumbersAsync(connection, transaction, plan.Invoices, invoiceDate.Year).ConfigureAwait(false);
        var provider = connections.Provider;
        using (var invoiceInsert = new RepeatedCommand(connection, transaction, provider, InsertInvoice, InvoiceParameters))
        using (var lineInsert = new RepeatedCommand(connection, transaction, provider, InsertLine, LineParameters))
        {
            var written = 0;
            var dueDate = invoiceDate.AddDays(terms.Invoice.PaymentTermDays);
            foreach (var invoice in plan.Invoices)
            {
                var number = numbers[invoice];
                await invoiceInsert.ExecuteAsync(
                    [number, runId, invoice.Issuer.Value, invoice.Debtor.Value, invoiceDate, dueDate, terms.Invoice.Iban, terms.Invoice.VatStatement, invoice.Total.Cents],
                    cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < invoice.Lines.Count; i++)
                {
                    var line = invoice.Lines[i];
                    await lineInsert.ExecuteAsync(
                        [number, i + 1, line.School.Brin, line.School.Vestiging, line.Basis, line.Amount.Cents, line.Estimated,
                         line.Kind.Dutch(), (line.Period ?? SettledPeriod.Of(plan.Period)).ToString(), line.Reference],
                        cancellationToken).ConfigureAwait(false);
                }
                AfterInvoiceWritten?.Invoke(++written);
            }
        }

        using (var allocationInsert = new RepeatedCommand(connection, transaction, provider, InsertAllocation, AllocationParameters))
        {
            foreach (var a in plan.Allocation)
            {
                await allocationInsert.ExecuteAsync(
                    [runId, a.Municipality.Value, a.Children, a.Basis, a.Month.Cents, a.AnnualProjection.Cents, a.Invoiced, a.Estimated], cancellationToken).ConfigureAwait(false);
            }
        }
        using (var locationInsert = new RepeatedCommand(connection, transaction, provider, InsertLocation, LocationParameters))
        {
            foreach (var l in plan.Locations)
            {
                await locationInsert.ExecuteAsync([runId, l.School.Brin, l.School.Vestiging, l.Children, l.Basis, l.Month.Cents, l.Fte, l.AnnualBudget?.Cents, l.Estimated], cancellationToken).ConfigureAwait(false);
            }
        }
        await connection.ExecuteAsync(
            "INSERT INTO settlement_individual (run_id, reason, children) VALUES (@RunId, @Reason, @Children)",
            plan.Individual.Select(i => new { RunId = runId, Reason = i.Reason.ToString(), i.Children }),
            transaction).ConfigureAwait(false);

        // An invoiced entry is its invoice line; only what is not invoiced (an own share) is stored as an entry.
        var invoiced = plan.Invoices.Select(i => i.Debtor).ToHashSet();
        using (var entryInsert = new RepeatedCommand(connection, transaction, provider, InsertEntry, EntryParameters))
        {
            foreach (var e in plan.Entries.Where(e => !invoiced.Contains(e.Municipality)))
            {
                await entryInsert.ExecuteAsync(
                    [runId, scheme.Id, e.Municipality.Value, e.School.Brin, e.School.Vestiging, e.Period.ToString(), e.Kind.Dutch(), e.Basis, e.Amount.Cents, e.Estimated, e.Reference],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        if (plan.Statement is { } statement)
        {
            await CashierStatements.InsertAsync(connection, transaction, runId, statement).ConfigureAwait(false);
        }
        if (plan.Kind != SettlementKind.Voorschot)
        {
            await YearClosures.CloseAsync(connection, transaction, scheme.Id, plan.Period.Year, runId, startedBy, now).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new IssueOutcome(runId, IssuedNow: true);
    }

    private const string InsertInvoice = """
        INSERT INTO invoices (number, run_id, issuer, debtor, invoice_date, due_date, iban, vat_statement, total_cents)
        VALUES (@Number, @RunId, @Issuer, @Debtor, @InvoiceDate, @DueDate, @Iban, @VatStatement, @Total)
        """;

    private static readonly string[] InvoiceParameters = ["Number", "RunId", "Issuer", "Debtor", "InvoiceDate", "DueDate", "Iban", "VatStatement", "Total"];

    private const string InsertLine = """
        INSERT INTO invoice_lines (invoice_number, line_number, brin, vestiging, basis, amount_cents, estimated, soort, periode, reference)
        VALUES (@Number, @LineNumber, @Brin, @Vestiging, @Basis, @Amount, @Estimated, @Soort, @Periode, @Reference)
        """;

    private static readonly string[] LineParameters = ["Number", "LineNumber", "Brin", "Vestiging", "Basis", "Amount", "Estimated", "Soort", "Periode", "Reference"];

    private const string InsertEntry = """
        INSERT INTO settlement_entries (run_id, scheme_id, municipality_code, brin, vestiging, periode, soort, basis, amount_cents, estimated, reference)
        VALUES (@RunId, @SchemeId, @Municipality, @Brin, @Vestiging, @Periode, @Soort, @Basis, @Amount, @Estimated, @Reference)
        """;

    private static readonly string[] EntryParameters = ["RunId", "SchemeId", "Municipality", "Brin", "Vestiging", "Periode", "Soort", "Basis", "Amount", "Estimated", "Reference"];

    private const string InsertAllocation = """
        INSERT INTO settlement_allocations (run_id, municipality_code, children, basis, month_cents, annual_projection_cents, invoiced, estimated)
        VALUES (@RunId, @Municipality, @Children, @Basis, @Month, @Annual, @Invoiced, @Estimated)
        """;

    private static readonly string[] AllocationParameters = ["RunId", "Municipality", "Children", "Basis", "Month", "Annual", "Invoiced", "Estimated"];

    private const string InsertLocation = """
        INSERT INTO settlement_locations (run_id, brin, vestiging, children, basis, month_cents, fte, annual_budget_cents, estimated)
        VALUES (@RunId, @Brin, @Vestiging, @Children, @Basis, @Month, @Fte, @Annual, @Estimated)
        """;

    private static readonly string[] LocationParameters = ["RunId", "Brin", "Vestiging", "Children", "Basis", "Month", "Fte", "Annual", "Estimated"];

    /// <summary>
    /// Takes the next numbers per issuer for the invoice year, <c>{issuer}-{year}-{sequence:00000}</c>, inside
    /// the caller's transaction: a rollback returns them, so the sequence never has a gap.
    /// </summary>
    private static async Task<Dictionary<InvoiceDraft, string>> TakeNumbersAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<InvoiceDraft> invoices, int year)
    {
        var numbers = new Dictionary<InvoiceDraft, string>(ReferenceEqualityComparer.Instance);
        foreach (var byIssuer in invoices.GroupBy(i => i.Issuer))
        {
            var parameters = new { Issuer = byIssuer.Key.Value, Year = year, Count = byIssuer.Count() };
            await connection.ExecuteAsync(
                """
                INSERT INTO invoice_sequences (issuer, year, last_number)
                SELECT @Issuer, @Year, 0 WHERE NOT EXISTS (SELECT 1 FROM invoice_sequences WHERE issuer = @Issuer AND year = @Year);
                UPDATE invoice_sequences SET last_number = last_number + @Count WHERE issuer = @Issuer AND year = @Year;
                """,
                parameters, transaction).ConfigureAwait(false);
            var last = await connection.ExecuteScalarAsync<int>(
                "SELECT last_number FROM invoice_sequences WHERE issuer = @Issuer AND year = @Year", parameters, transaction).ConfigureAwait(false);
            var sequence = last - parameters.Count;
            foreach (var invoice in byIssuer)
            {
                numbers[invoice] = string.Create(CultureInfo.InvariantCulture, $"{invoice.Issuer}-{year}-{++sequence:00000}");
            }
        }
        return numbers;
    }

    public async Task<IssuedSettlement> LoadAsync(long runId, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var run = await connection.QuerySingleAsync<RunRow>(
            """
            SELECT id, scheme_id AS schemeid, scheme_name AS schemename, period, kind, basis_unit AS basisunit, started_by AS startedby,
                   created_at AS createdat, input_fingerprint AS inputfingerprint
            FROM settlement_runs WHERE id = @runId
            """,
            new { runId }).ConfigureAwait(false);
        var settlementRun = run.ToRun();

        var lines = (await connection.QueryAsync<(string Number, int LineNumber, string Brin, string Vestiging, decimal Basis, long Amount, bool Estimated, string Kind, string? Period, string? Reference)>(
                """
                SELECT l.invoice_number, l.line_number, l.brin, l.vestiging, l.basis, l.amount_cents, l.estimated, l.soort, l.periode, l.reference
                FROM invoice_lines l JOIN invoices i ON i.number = l.invoice_number
                WHERE i.run_id = @runId
                """, new { runId }).ConfigureAwait(false))
            .ToLookup(l => l.Number, l => new InvoiceLine(
                l.LineNumber, StoredCodes.School(l.Brin, l.Vestiging), l.Basis, new Money(l.Amount), l.Estimated,
                SettlementKindNames.FromDutch(l.Kind), l.Period is null ? null : SettledPeriod.Parse(l.Period.Trim()), l.Reference));
        var invoices = (await connection.QueryAsync<InvoiceRow>(
                """
                SELECT number, issuer, debtor, invoice_date AS invoicedate, due_date AS duedate, iban, vat_statement AS vatstatement
                FROM invoices WHERE run_id = @runId ORDER BY number
                """, new { runId }).ConfigureAwait(false))
            .Select(i => new IssuedInvoice(
                i.Number, MunicipalityCode.Parse(i.Issuer), MunicipalityCode.Parse(i.Debtor), i.InvoiceDate, i.DueDate, i.Iban, i.VatStatement,
                lines[i.Number].OrderBy(l => l.LineNumber).ToList()))
            .ToList();

        var allocation = (await connection.QueryAsync<(string Municipality, int Children, decimal Basis, long Month, long Annual, bool Invoiced, bool Estimated)>(
                "SELECT municipality_code, children, basis, month_cents, annual_projection_cents, invoiced, estimated FROM settlement_allocations WHERE run_id = @runId ORDER BY municipality_code",
                new { runId }).ConfigureAwait(false))
            .Select(a => new AllocationRow(MunicipalityCode.Parse(a.Municipality), a.Children, a.Basis, new Money(a.Month), new Money(a.Annual), a.Invoiced, a.Estimated))
            .ToList();
        // Year to date: the advances of this and earlier months, plus every correction and year end of the
        // year issued up to this run.
        var yearToDate = (await connection.QueryAsync<(string Municipality, long Cents)>(
                """
                SELECT a.municipality_code, SUM(a.month_cents)
                FROM settlement_allocations a JOIN settlement_runs r ON r.id = a.run_id
                WHERE r.scheme_id = @SchemeId AND r.kind = @Kind AND r.period >= @From AND r.period <= @Through
                GROUP BY a.municipality_code
                UNION ALL
                SELECT i.debtor, SUM(l.amount_cents)
                FROM settlement_runs r JOIN invoices i ON i.run_id = r.id JOIN invoice_lines l ON l.invoice_number = i.number
                WHERE r.scheme_id = @SchemeId AND r.id <= @runId AND l.soort <> @Kind AND l.periode >= @Year AND l.periode < @NextYear
                GROUP BY i.debtor
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
                })
                .ConfigureAwait(false))
            .GroupBy(y => y.Municipality)
            .ToDictionary(g => MunicipalityCode.Parse(g.Key), g => new Money(g.Sum(y => y.Cents)));
        var locations = (await connection.QueryAsync<(string Brin, string Vestiging, int Children, decimal Basis, long Month, decimal? Fte, long? Annual, bool Estimated)>(
                "SELECT brin, vestiging, children, basis, month_cents, fte, annual_budget_cents, estimated FROM settlement_locations WHERE run_id = @runId ORDER BY brin, vestiging",
                new { runId }).ConfigureAwait(false))
            .Select(l => new LocationRow(StoredCodes.School(l.Brin, l.Vestiging), l.Children, l.Basis, new Money(l.Month),
                l.Fte is { } fte ? decimal.Round(fte, 2) : null, l.Annual is { } annual ? new Money(annual) : null, l.Estimated))
            .ToList();
        var individual = (await connection.QueryAsync<(string Reason, int Children)>(
                "SELECT reason, children FROM settlement_individual WHERE run_id = @runId",
                new { runId }).ConfigureAwait(false))
            .Select(i => new IndividualCount(Enum.Parse<Eligibility>(i.Reason), i.Children))
            .OrderBy(i => i.Reason)
            .ToList();
        var (municipalities, schools) = await RegistryReader.LoadAsync(connection).ConfigureAwait(false);
        return new IssuedSettlement(settlementRun, invoices, allocation, yearToDate, locations, individual, municipalities, schools)
        {
            Statement = await CashierStatements.LoadAsync(connection, runId).ConfigureAwait(false),
        };
    }

    private static async Task<long?> FindRunAsync(DbConnection connection, DbTransaction? transaction, string schemeId, string period, SettlementKind kind) =>
        await connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM settlement_runs WHERE scheme_id = @schemeId AND period = @period AND kind = @Kind",
            new { schemeId, period, Kind = kind.Dutch() }, transaction).ConfigureAwait(false);

    /// <summary>
    /// Everything settled for one month: its invoice lines (advances and corrections, with the invoice that
    /// billed each) and the amounts that are not invoiced. One query; one month at a time keeps a large
    /// region's year out of memory.
    /// </summary>
    public async Task<IReadOnlyList<Entry>> LoadMonthAsync(string schemeId, YearMonth month, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Municipality, string Brin, string Vestiging, string Kind, decimal Basis, long Amount, bool Estimated, string? Reference, string? Invoice)>(
            """
            SELECT i.debtor, l.brin, l.vestiging, l.soort, l.basis, l.amount_cents, l.estimated, l.reference, i.number
            FROM invoice_lines l
            JOIN invoices i ON i.number = l.invoice_number
            JOIN settlement_runs r ON r.id = i.run_id
            WHERE l.periode = @Month AND r.scheme_id = @schemeId
            UNION ALL
            SELECT municipality_code, brin, vestiging, soort, basis, amount_cents, estimated, reference, NULL
            FROM settlement_entries
            WHERE scheme_id = @schemeId AND periode = @Month
            """,
            new { schemeId, Month = month.ToString() }).ConfigureAwait(false);
        var period = SettledPeriod.Of(month);
        return rows.Select(r => new Entry(
                MunicipalityCode.Parse(r.Municipality), StoredCodes.School(r.Brin, r.Vestiging), period,
                SettlementKindNames.FromDutch(r.Kind), r.Basis, new Money(r.Amount), r.Estimated, r.Reference, r.Invoice))
            .ToList();
    }

    /// <summary>
    /// What was settled for a funding year, its months and the year itself, summed per municipality and
    /// location in the database, with the invoices that billed each municipality: what a year end is computed against.
    /// </summary>
    public async Task<SettledYear> LoadYearAsync(string schemeId, int year, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var range = new { schemeId, From = YearText(year), Until = YearText(year + 1) };
        var totals = await connection.QueryAsync<(string Municipality, string Brin, string Vestiging, long Amount)>(
            """
            SELECT municipality, brin, vestiging, SUM(amount_cents)
            FROM (
                SELECT i.debtor AS municipality, l.brin, l.vestiging, l.amount_cents
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
            """, range).ConfigureAwait(false);
        var invoices = await connection.QueryAsync<(string Debtor, string Number)>(
            """
            SELECT DISTINCT i.debtor, i.number
            FROM invoice_lines l
            JOIN invoices i ON i.number = l.invoice_number
            JOIN settlement_runs r ON r.id = i.run_id
            WHERE l.periode >= @From AND l.periode < @Until AND r.scheme_id = @schemeId
            """, range).ConfigureAwait(false);
        var wholeYear = SettledPeriod.WholeYear(year);
        return new SettledYear(
            totals.Select(t => new Entry(MunicipalityCode.Parse(t.Municipality), StoredCodes.School(t.Brin, t.Vestiging), wholeYear, SettlementKind.Voorschot, 0m, new Money(t.Amount))).ToList(),
            invoices.GroupBy(i => i.Debtor).ToDictionary(
                g => MunicipalityCode.Parse(g.Key),
                g => (IReadOnlyList<string>)g.Select(i => i.Number).Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>The months of a funding year that have been settled (have an advance run).</summary>
    public async Task<IReadOnlyList<YearMonth>> SettledMonthsAsync(string schemeId, int year, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var periods = await connection.QueryAsync<string>(
            "SELECT period FROM settlement_runs WHERE scheme_id = @schemeId AND kind = @Kind AND period >= @From AND period < @Until",
            new { schemeId, Kind = SettlementKind.Voorschot.Dutch(), From = YearText(year), Until = YearText(year + 1) }).ConfigureAwait(false);
        return periods.Select(p => YearMonth.Parse(p.Trim())).Order().ToList();
    }

    /// <summary>The input fingerprint of the latest run of a funding year's months; null when none was settled.</summary>
    public async Task<string?> LatestFingerprintAsync(string schemeId, int year, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var runs = await connection.QueryAsync<(long Id, string Fingerprint)>(
            "SELECT id, input_fingerprint FROM settlement_runs WHERE scheme_id = @schemeId AND kind = @Kind AND period >= @From AND period < @Until",
            new { schemeId, Kind = SettlementKind.Voorschot.Dutch(), From = YearText(year), Until = YearText(year + 1) }).ConfigureAwait(false);
        return runs.OrderByDescending(r => r.Id).Select(r => r.Fingerprint).FirstOrDefault();
    }

    /// <summary>The funding years that have settled months, oldest first.</summary>
    public async Task<IReadOnlyList<int>> SettledYearsAsync(string schemeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var periods = await connection.QueryAsync<string>(
            "SELECT DISTINCT period FROM settlement_runs WHERE scheme_id = @schemeId AND kind = @Kind",
            new { schemeId, Kind = SettlementKind.Voorschot.Dutch() }).ConfigureAwait(false);
        return periods.Select(p => YearMonth.Parse(p.Trim()).Year).Distinct().Order().ToList();
    }

    /// <summary>What the cashier's statements of a year reported so far: gap per municipality, cover per fund.</summary>
    public async Task<StatedSoFar> StatedSoFarAsync(string schemeId, int year, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await CashierStatements.SoFarAsync(connection, schemeId, YearText(year), YearText(year + 1)).ConfigureAwait(false);
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

        public SettlementRun ToRun()
        {
            var (period, revision) = RunPeriod.Parse(Period);
            return new(Id, SchemeId, SchemeName, period, SettlementKindNames.FromDutch(Kind), Enum.Parse<BasisUnit>(BasisUnit), CreatedAt, StartedBy, InputFingerprint, revision);
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
    }
}
