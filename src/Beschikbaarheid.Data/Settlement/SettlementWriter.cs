using System.Globalization;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>Test and operations seam of the writer: told after each invoice is written, inside the transaction. The shipped program registers none.</summary>
public interface IIssueProbe
{
    void InvoiceWritten(int written);
}

/// <summary>
/// Writes a settlement run into the unit of work's transaction: the run, its invoice numbers, invoices, lines,
/// key figures, entries and statement. Nothing of it is kept unless the caller commits, so a failure anywhere
/// leaves no run, no invoice and no used number. The unique key on (scheme, period, kind) backs the scheme's
/// lock: a period is never stored twice.
/// </summary>
public sealed class SettlementWriter(IIssueProbe? probe = null)
{
    /// <param name="fingerprint">The fingerprint of the inputs the plan was computed from (<see cref="InputFingerprint"/>).</param>
    public async Task<long> IssueAsync(
        SchemeTransaction session, Scheme scheme, SettlementPlan plan, DateOnly invoiceDate, string startedBy, DateTimeOffset now, string fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(plan);
        if (session.SchemeId != scheme.Id)
        {
            throw new InvalidOperationException($"The transaction holds the lock of {session.SchemeId}, not of {scheme.Id}.");
        }
        DapperSetup.EnsureRegistered();
        var terms = scheme.TermsFor(plan.Period.Year);
        var (connection, transaction, provider) = (session.Connection, session.Transaction, session.Provider);
        var periodText = RunPeriod.Text(plan);
        var runId = await connection.ExecuteScalarAsync<long>(
                $"""
                INSERT INTO settlement_runs (scheme_id, scheme_name, period, kind, basis_unit, started_by, created_at, input_fingerprint, parameters, agreement, calculation)
                VALUES (@SchemeId, @SchemeName, @Period, @Kind, @BasisUnit, @StartedBy, @CreatedAt, @Fingerprint, @Parameters, @Agreement, @Calculation);
                {SqlDialect.SelectInsertedId(provider)}
                """,
                new
                {
                    SchemeId = scheme.Id, SchemeName = scheme.Name, Period = periodText, Kind = plan.Kind.Dutch(),
                    BasisUnit = plan.BasisUnit.ToString(), StartedBy = startedBy, CreatedAt = now, Fingerprint = fingerprint,
                    Parameters = $"{terms.Pool}; {terms.Key}; {terms.Flow}; {terms.Invoice}",
                    scheme.Agreement,
                    Calculation = StoredCalculation.Write(plan.Calculation ?? RunCalculation.Of(scheme, plan.Period.Year)),
                },
                transaction).ConfigureAwait(false);

        var numbers = await TakeNumbersAsync(session, plan.Invoices, invoiceDate.Year).ConfigureAwait(false);
        using (var invoiceInsert = new RepeatedCommand(session, InsertInvoice))
        using (var lineInsert = new RepeatedCommand(session, InsertLine))
        {
            var written = 0;
            var dueDate = invoiceDate.AddDays(terms.Invoice.PaymentTermDays);
            // The run's own month, written once: nearly every line of a month is of it.
            var ownPeriod = SettledPeriod.Of(plan.Period);
            var ownPeriodText = ownPeriod.ToString();
            foreach (var invoice in plan.Invoices)
            {
                var number = numbers[invoice];
                await invoiceInsert.ExecuteAsync(
                    [("Number", number), ("RunId", runId), ("Issuer", invoice.Issuer.Value), ("Debtor", invoice.Debtor.Value), ("InvoiceDate", invoiceDate),
                     ("DueDate", dueDate), ("Iban", terms.Invoice.Iban), ("VatStatement", terms.Invoice.VatStatement), ("Total", invoice.Total.Cents),
                     ("BuyerReference", invoice.Debtor.Municipality is { } municipality ? terms.Invoice.DebtorReferences.GetValueOrDefault(municipality) : null)],
                    cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < invoice.Lines.Count; i++)
                {
                    var line = invoice.Lines[i];
                    await lineInsert.ExecuteAsync(
                        [("Number", number), ("LineNumber", i + 1), ("Brin", line.School.Brin), ("Vestiging", line.School.Vestiging), ("Basis", line.Basis),
                         ("Amount", line.Amount.Cents), ("Estimated", line.Estimated), ("Soort", line.Kind.Dutch()),
                         ("Periode", line.Period is { } period && period != ownPeriod ? period.ToString() : ownPeriodText), ("Reference", line.Reference),
                         ("Annual", line.Kind == SettlementKind.Voorschot && (line.Period ?? ownPeriod) == ownPeriod && plan.AnnualShares.TryGetValue((line.Residence ?? invoice.Debtor, line.School), out var annual) ? annual.Cents : null),
                         ("Residence", line.Residence?.Value)],
                        cancellationToken).ConfigureAwait(false);
                }
                probe?.InvoiceWritten(++written);
            }
        }

        using (var allocationInsert = new RepeatedCommand(session, InsertAllocation))
        {
            foreach (var a in plan.Allocation)
            {
                await allocationInsert.ExecuteAsync(
                    [("RunId", runId), ("Municipality", a.Municipality.Value), ("Children", a.Children), ("Basis", a.Basis), ("Month", a.Month.Cents),
                     ("Annual", a.AnnualProjection.Cents), ("Invoiced", a.Invoiced), ("Estimated", a.Estimated)],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        using (var locationInsert = new RepeatedCommand(session, InsertLocation))
        {
            foreach (var l in plan.Locations)
            {
                await locationInsert.ExecuteAsync(
                    [("RunId", runId), ("Brin", l.School.Brin), ("Vestiging", l.School.Vestiging), ("Children", l.Children), ("Basis", l.Basis),
                     ("Month", l.Month.Cents), ("Fte", l.Fte), ("Annual", l.AnnualBudget?.Cents), ("Estimated", l.Estimated)],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        await connection.ExecuteAsync(
            "INSERT INTO settlement_individual (run_id, reason, children) VALUES (@RunId, @Reason, @Children)",
            plan.Individual.Select(i => new { RunId = runId, Reason = i.Reason.ToString(), i.Children }),
            transaction).ConfigureAwait(false);

        // An invoiced entry is its invoice line; only what is not invoiced (an own share) is stored as an entry.
        var invoiced = plan.Invoices.SelectMany(i => i.Lines.Select(l => l.Residence ?? i.Debtor)).ToHashSet();
        using (var entryInsert = new RepeatedCommand(session, InsertEntry))
        {
            foreach (var e in plan.Entries.Where(e => !invoiced.Contains(e.Municipality)))
            {
                await entryInsert.ExecuteAsync(
                    [("RunId", runId), ("SchemeId", scheme.Id), ("Municipality", e.Municipality.Value), ("Brin", e.School.Brin), ("Vestiging", e.School.Vestiging),
                     ("Periode", e.Period.ToString()), ("Soort", e.Kind.Dutch()), ("Basis", e.Basis), ("Amount", e.Amount.Cents), ("Estimated", e.Estimated),
                     ("Reference", e.Reference)],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        if (plan.Statement is { } statement)
        {
            await CashierStatements.InsertAsync(connection, transaction, runId, statement).ConfigureAwait(false);
        }
        if (plan.Subsidy is { } subsidy)
        {
            await Estimates.EstimateStore.InsertAsync(connection, transaction, runId, scheme.Id, subsidy).ConfigureAwait(false);
        }
        await SettledDigests.WriteAsync(session, plan.Digests, cancellationToken).ConfigureAwait(false);
        if (plan.Kind != SettlementKind.Voorschot)
        {
            await YearClosures.CloseAsync(session, plan.Period.Year, runId, startedBy, now).ConfigureAwait(false);
        }
        return runId;
    }

    private const string InsertInvoice = """
        INSERT INTO invoices (number, run_id, issuer, debtor, invoice_date, due_date, iban, vat_statement, total_cents, buyer_reference)
        VALUES (@Number, @RunId, @Issuer, @Debtor, @InvoiceDate, @DueDate, @Iban, @VatStatement, @Total, @BuyerReference)
        """;


    private const string InsertLine = """
        INSERT INTO invoice_lines (invoice_number, line_number, brin, vestiging, basis, amount_cents, estimated, soort, periode, reference, annual_cents, residence)
        VALUES (@Number, @LineNumber, @Brin, @Vestiging, @Basis, @Amount, @Estimated, @Soort, @Periode, @Reference, @Annual, @Residence)
        """;


    private const string InsertEntry = """
        INSERT INTO settlement_entries (run_id, scheme_id, municipality_code, brin, vestiging, periode, soort, basis, amount_cents, estimated, reference)
        VALUES (@RunId, @SchemeId, @Municipality, @Brin, @Vestiging, @Periode, @Soort, @Basis, @Amount, @Estimated, @Reference)
        """;


    private const string InsertAllocation = """
        INSERT INTO settlement_allocations (run_id, municipality_code, children, basis, month_cents, annual_projection_cents, invoiced, estimated)
        VALUES (@RunId, @Municipality, @Children, @Basis, @Month, @Annual, @Invoiced, @Estimated)
        """;


    private const string InsertLocation = """
        INSERT INTO settlement_locations (run_id, brin, vestiging, children, basis, month_cents, fte, annual_budget_cents, estimated)
        VALUES (@RunId, @Brin, @Vestiging, @Children, @Basis, @Month, @Fte, @Annual, @Estimated)
        """;


    /// <summary>
    /// Takes the next numbers per issuer for the invoice year, <c>{issuer}-{year}-{sequence:00000}</c>, inside
    /// the caller's transaction: a rollback returns them, so the sequence never has a gap.
    /// </summary>
    private static async Task<Dictionary<InvoiceDraft, string>> TakeNumbersAsync(SchemeTransaction session, IReadOnlyList<InvoiceDraft> invoices, int year)
    {
        var (connection, transaction) = (session.Connection, session.Transaction);
        var numbers = new Dictionary<InvoiceDraft, string>(ReferenceEqualityComparer.Instance);
        // Issuers in one order, so two runs taking the rows of the same issuers never wait for each other crosswise.
        foreach (var byIssuer in invoices.GroupBy(i => i.Issuer).OrderBy(g => g.Key))
        {
            var parameters = new { Issuer = byIssuer.Key.Value, Year = year, Count = byIssuer.Count() };
            await connection.ExecuteAsync(SqlDialect.EnsureInvoiceSequence(session.Provider), parameters, transaction).ConfigureAwait(false);
            // The update holds the row until commit: a concurrent run of another scheme with this issuer waits, then reads our number.
            await connection.ExecuteAsync(
                "UPDATE invoice_sequences SET last_number = last_number + @Count WHERE issuer = @Issuer AND year = @Year",
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
}
