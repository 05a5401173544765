using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Reports.Settlement;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Application;

/// <summary>
/// What a settlement call did. <see cref="LaterMonthSettled"/>: a scheduled month passed over because a later month of the
/// scheme is settled already (months are settled in order; an operator settles it by hand). <see cref="DryRun"/>: computed,
/// concept documents written, nothing stored. <see cref="Prepared"/>: a scheme with approval stored a concept waiting for
/// approval (a new one, or one replacing a concept whose plan changed); <see cref="AlreadyPrepared"/>: its open concept had
/// the same plan and was kept as it was.
/// </summary>
public enum SettleStatus { Issued, AlreadySettled, NothingEligible, LaterMonthSettled, DryRun, Prepared, AlreadyPrepared }

/// <summary>How a settlement call is made.</summary>
/// <param name="StartedBy">What started it, kept with the run: <c>cli settle</c>, <c>job …</c>.</param>
public sealed record SettleRequest(string StartedBy)
{
    /// <summary>The invoice date; default today in the region's time zone.</summary>
    public DateOnly? InvoiceDate { get; init; }

    /// <summary>Compute and write concept documents; store nothing and use no number.</summary>
    public bool DryRun { get; init; }

    /// <summary>For a scheme with approval: who prepares the concept; default <see cref="StartedBy"/>.</summary>
    public string? By { get; init; }
}

/// <summary>What a settlement call did; <see cref="Settlement"/> is null only when nothing was eligible.</summary>
/// <param name="Notes">Late data found for closed years, reported and not invoiced.</param>
public sealed record SettleOutcome(string SchemeId, YearMonth Period, SettleStatus Status, IssuedSettlement? Settlement, IReadOnlyList<string> Files)
{
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Four-eyes approval: who prepared the concept (prepared, or issued by an approval) and who approved it.</summary>
    public string? PreparedBy { get; init; }

    /// <inheritdoc cref="PreparedBy"/>
    public string? ApprovedBy { get; init; }
}

/// <summary>How a unit of work issues: at once; as a dry run; as a concept waiting for approval; or approving one.</summary>
internal enum IssueMode { Issue, DryRun, Prepare, Approve }

/// <summary>
/// Settles a scheme for a month as one unit of work under the scheme's lock: reads what was settled, loads
/// the inputs, plans the month with its corrections for earlier months whose data changed, and issues the
/// run with its invoices, all in one transaction; then writes the workbooks and journal from what was
/// stored. Idempotent per scheme and month: a settled month is never issued again; its files are written
/// again from the stored run.
/// </summary>
public sealed class SettlementService(
    SchemeFileLoader schemes,
    SchemeLocks locks,
    SettlementWriter writer,
    IssuedSettlements issued,
    SettledMonths settledMonths,
    UnitOfWork unitOfWork,
    DatabaseSetup database,
    LocalCalendar calendar,
    TimeProvider clock,
    IOptions<PathOptions> paths,
    IOptions<ScheduleOptions> schedule,
    ILogger<SettlementService> logger)
{
    public Task<SettleOutcome> SettleAsync(
        string schemeId, YearMonth period, string startedBy, DateOnly? invoiceDate = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        SettleAsync(schemeId, period, new SettleRequest(startedBy) { InvoiceDate = invoiceDate }, progress, cancellationToken);

    /// <summary>
    /// Settles a month as the request says: a dry run stores nothing; a scheme with <c>approval</c> stores a concept for
    /// <see cref="ApproveAsync"/> (prepared by <see cref="SettleRequest.By"/>); any other issues at once.
    /// </summary>
    public async Task<SettleOutcome> SettleAsync(
        string schemeId, YearMonth period, SettleRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scheme = schemes.Load(schemeId);
        var date = InvoiceDateFor(scheme.Id, period, request.InvoiceDate);
        var mode = request.DryRun ? IssueMode.DryRun : scheme.Approval ? IssueMode.Prepare : IssueMode.Issue;
        var by = mode == IssueMode.Prepare ? Person(request.By ?? request.StartedBy, "--by") : null;
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await SettleAsync(scheme, period, mode, request.StartedBy, by, date, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Four-eyes approval: issues a month's open concept, under the scheme's lock, after computing the month again. Refused
    /// (<see cref="SettlementRejectedException"/>, nothing issued) for a scheme without approval, a month without an open
    /// concept, an approver who is its preparer (names compared trimmed and case-insensitively), and a plan that differs from
    /// the concept's (<see cref="PlanFingerprint"/>): then a new concept is to be prepared. The invoice date is the approval's.
    /// </summary>
    public async Task<SettleOutcome> ApproveAsync(
        string schemeId, YearMonth period, string approvedBy, string startedBy, DateOnly? invoiceDate = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var scheme = schemes.Load(schemeId);
        if (!scheme.Approval)
        {
            throw new SettlementRejectedException(
                $"Scheme {scheme.Id} has no approval (\"approval\": true in its file): settle issues its months directly; nothing to approve. Nothing issued.");
        }
        var by = Person(approvedBy, "--by");
        var date = InvoiceDateFor(scheme.Id, period, invoiceDate);
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await SettleAsync(scheme, period, IssueMode.Approve, startedBy, by, date, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The longest name of a preparer or approver: the audit trail's column.</summary>
    public const int MaxPersonLength = 100;

    /// <summary>A preparer's or approver's name as kept: trimmed, one line, not empty, at most <see cref="MaxPersonLength"/> characters.</summary>
    internal static string Person(string? name, string option)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length == 0 || trimmed.Length > MaxPersonLength || trimmed.Any(char.IsControl)
            ? throw new SettlementRejectedException($"{option} must name a person: one line of 1 to {MaxPersonLength} characters. Nothing issued.")
            : trimmed;
    }

    /// <summary>Whether two names are one person's for four eyes: compared trimmed and case-insensitively.</summary>
    internal static bool SamePerson(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The invoice date of a run of <paramref name="period"/>: the one given, else today in the region's time zone; refused
    /// (<see cref="SettlementRejectedException"/>) when the month has not ended by it (<see cref="FinishedPeriods"/>), before
    /// anything is read or stored and before any invoice number is used.
    /// </summary>
    private DateOnly InvoiceDateFor(string schemeId, YearMonth period, DateOnly? invoiceDate)
    {
        var date = invoiceDate ?? calendar.Today;
        return FinishedPeriods.MonthRefusal(schemeId, period, date, invoiceDate is not null) is { } refusal
            ? throw new SettlementRejectedException(refusal)
            : date;
    }

    /// <summary>
    /// The scheduled work: per scheme, in order, every complete month of the catch-up window
    /// (<c>Schedule:CatchUpMonths</c> back, not before the scheme's start year) that has no run and is not in a
    /// closed year (<see cref="CatchUp"/>). Which months are settled is read once, outside any lock, only to
    /// choose; each month is settled under its scheme's lock, which finds a month settled meanwhile itself.
    /// A month with nothing eligible stores no run, so it is tried again at each firing and issues nothing.
    /// A scheme refused for a month is logged and skipped for the rest of this firing (its months are settled
    /// in order), so the others are still settled; the run then fails with all reasons, and the next firing
    /// tries that scheme again from the month refused.
    /// </summary>
    public async Task<IReadOnlyList<SettleOutcome>> SettleCompleteMonthsAsync(string startedBy, CancellationToken cancellationToken = default)
    {
        var limit = schedule.Value.CheckedCatchUpMonths();
        var all = schemes.LoadAll();
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var latest = calendar.LatestCompleteMonth;
        var settled = await settledMonths.LoadAsync(cancellationToken).ConfigureAwait(false);
        return await SettleInOrderAsync(all, scheme =>
        {
            var state = settled.GetValueOrDefault(scheme.Id, SchemeSettledMonths.None);
            var months = CatchUp.MonthsToSettle(latest, scheme.StartYear, limit, state.Months, state.ClosedYears);
            if (months.Count > 1)
            {
                logger.LogInformation("{Scheme}: catching up {Count} unsettled months, {From} to {Until}", scheme.Id, months.Count, months[0], months[^1]);
            }
            return months;
        }, startedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The demo's work: one month for every scheme in the scheme folder (the demo chooses it: the latest complete
    /// month its sample covers). A scheme whose inputs are refused is logged and skipped so the others are still
    /// settled; the run then fails with all reasons.
    /// </summary>
    public async Task<IReadOnlyList<SettleOutcome>> SettleMonthForAllAsync(YearMonth period, string startedBy, CancellationToken cancellationToken = default)
    {
        var all = schemes.LoadAll();
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await SettleInOrderAsync(all, _ => [period], startedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Each scheme's months in the order given. A refusal (rejected, bad input, unsupported) stops that scheme
    /// for this call, since a later month must not be settled before an earlier one; other schemes go ahead.
    /// </summary>
    private async Task<IReadOnlyList<SettleOutcome>> SettleInOrderAsync(
        IReadOnlyList<Scheme> all, Func<Scheme, IReadOnlyList<YearMonth>> monthsOf, string startedBy, CancellationToken cancellationToken)
    {
        var outcomes = new List<SettleOutcome>();
        var refused = new List<string>();
        foreach (var scheme in all)
        {
            var months = monthsOf(scheme);
            for (var i = 0; i < months.Count; i++)
            {
                var period = months[i];
                try
                {
                    var outcome = await SettleAsync(
                        scheme, period, scheme.Approval ? IssueMode.Prepare : IssueMode.Issue, startedBy, scheme.Approval ? startedBy : null, null, null, cancellationToken, inOrder: true)
                        .ConfigureAwait(false);
                    outcomes.Add(outcome);
                    if (outcome.Status is SettleStatus.Prepared or SettleStatus.AlreadyPrepared)
                    {
                        // Four eyes: a later month is prepared only once this one is approved, since its corrections depend on what this one issues.
                        logger.LogInformation("{Scheme} {Period}: concept waiting for approval (approve --scheme {Scheme} --period {Period} --by NAME); later months wait for it", scheme.Id, period, scheme.Id, period);
                        break;
                    }
                }
                catch (Exception ex) when (ex is SettlementInputException or SettlementRejectedException or NotSupportedException)
                {
                    var skipped = months.Count - i - 1;
                    logger.LogError("{Scheme} {Period} not settled: {Reason}{Skipped}", scheme.Id, period, ex.Message,
                        skipped == 0 ? "" : $" ({skipped} later month(s) left for the next run)");
                    refused.Add(ex.Message);
                    break;
                }
            }
        }
        return refused.Count == 0 ? outcomes : throw new SettlementRejectedException(string.Join(Environment.NewLine, refused));
    }

    /// <summary>One scheme's month as one unit of work: retried whole on a transient database fault, which is safe because a settled month is never issued again.</summary>
    /// <param name="inOrder">Scheduled work: pass the month over when a later month is settled already (decided under the lock).</param>
    /// <remarks>Every settlement passes here, the scheduled and the demo's too: an unfinished month is refused before the unit of work starts.</remarks>
    private Task<SettleOutcome> SettleAsync(
        Scheme scheme, YearMonth period, IssueMode mode, string startedBy, string? by, DateOnly? invoiceDate, IProgress<string>? progress, CancellationToken cancellationToken, bool inOrder = false)
    {
        var date = InvoiceDateFor(scheme.Id, period, invoiceDate);
        return unitOfWork.RunAsync(token => SettleOnceAsync(scheme, period, mode, startedBy, by, date, progress, inOrder, token), cancellationToken);
    }

    /// <summary>A month decided under the scheme's lock: an outcome with nothing to write from a stored run, or the run to write it from.</summary>
    private sealed record Decided(SettleOutcome? Outcome, SettleStatus Status, long RunId, IReadOnlyList<string> Notes, string? PreparedBy = null, string? ApprovedBy = null);

    private async Task<SettleOutcome> SettleOnceAsync(
        Scheme scheme, YearMonth period, IssueMode mode, string startedBy, string? by, DateOnly invoiceDate, IProgress<string>? progress, bool inOrder, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope("scheme {Scheme} period {Period}", scheme.Id, period.ToString());
        // Decided in a method of its own: the year's inputs and the plan it held (a national region's 200,000 beschikkingen)
        // are let go, with the lock, before the documents are written from the stored run.
        var decided = await DecideAsync(scheme, period, mode, startedBy, by, invoiceDate, progress, inOrder, cancellationToken).ConfigureAwait(false);
        if (decided.Outcome is { } outcome)
        {
            return outcome;
        }
        if (decided.Status == SettleStatus.Issued)
        {
            progress?.Report("writing workbooks and journal");
        }
        return await WriteAsync(scheme, period, decided.Status, decided.RunId, paths.Value.Output, decided.Notes, cancellationToken).ConfigureAwait(false) with
        {
            PreparedBy = decided.PreparedBy, ApprovedBy = decided.ApprovedBy,
        };
    }

    /// <param name="by">The preparer (<see cref="IssueMode.Prepare"/>) or approver (<see cref="IssueMode.Approve"/>).</param>
    private async Task<Decided> DecideAsync(
        Scheme scheme, YearMonth period, IssueMode mode, string startedBy, string? by, DateOnly invoiceDate, IProgress<string>? progress, bool inOrder, CancellationToken cancellationToken)
    {
        var output = paths.Value.Output;
        await using (var session = await locks.AcquireAsync(scheme.Id, cancellationToken).ConfigureAwait(false))
        {
            // Everything below is read after the lock was taken: a process that waited for it sees what the one before it issued.
            if (await SettledState.FindRunAsync(session, period, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                logger.LogInformation("{Scheme} {Period} was already settled in run {RunId}: nothing issued, files written again from the stored run", scheme.Id, period, existing);
                return new Decided(null, SettleStatus.AlreadySettled, existing, []);
            }
            // Approval: the open concept and who prepared it, read under the lock like everything that decides the bill.
            SettlementConcept? concept = null;
            if (mode == IssueMode.Approve)
            {
                concept = await SettlementConcepts.FindOpenAsync(session, period, SettlementKind.Voorschot).ConfigureAwait(false)
                    ?? throw new SettlementRejectedException(
                        $"Scheme {scheme.Id}: {period} has no concept waiting for approval; prepare one first (settle --scheme {scheme.Id} --period {period}). Nothing issued.");
                if (SamePerson(concept.PreparedBy, by!))
                {
                    throw new SettlementRejectedException(
                        $"Scheme {scheme.Id}: the concept of {period} was prepared by {concept.PreparedBy}, who cannot approve it too (four eyes); another person approves with approve --by NAME. Nothing issued.");
                }
            }
            var years = await SettledState.YearsAsync(session, cancellationToken).ConfigureAwait(false);
            if (inOrder && years.SelectMany(y => y.Months).Any(m => m > period))
            {
                logger.LogWarning("{Scheme} {Period}: a later month is settled already, so this month is passed over; settle it by hand if it is due", scheme.Id, period);
                return Done(new SettleOutcome(scheme.Id, period, SettleStatus.LaterMonthSettled, null, []));
            }
            Core.Registry.Mergers mergers;
            (scheme, mergers) = await SchemeInputs.MergedAsync(session, scheme, period.Year, logger).ConfigureAwait(false);
            progress?.Report("checking the scheme against the registry");
            await SchemeInputs.CheckReferencesAsync(session, scheme, period.Year).ConfigureAwait(false);
            // Calculated in a method of its own: the year's inputs (a national region's 200,000 beschikkingen) are let go before the run is stored.
            var (month, fingerprint, corrections, lateData, digests) = await CalculateAsync(session, scheme, period, years, progress, cancellationToken).ConfigureAwait(false);
            // The inputs and the months the review computed again are garbage now, most of it old enough to be left lying by
            // the collector, and storing grew the process on top of it. Collected first (and with the project file's
            // ConserveMemory), the bench's peak over a year fell from 383-441 MB to 312-359 MB.
            UnitOfWork.GiveBackMemory();
            if (!month.HasEligibleChildren && corrections.Count == 0)
            {
                if (concept is not null)
                {
                    throw Changed(scheme, period, concept);
                }
                logger.LogWarning("{Scheme} {Period}: no eligible children, nothing issued", scheme.Id, period);
                return Done(new SettleOutcome(scheme.Id, period, SettleStatus.NothingEligible, null, []) { Notes = lateData });
            }
            var soFar = month.CashierMonth is null ? null : await SettledState.StatedSoFarAsync(session, period.Year, cancellationToken).ConfigureAwait(false);
            var plan = RunPlans.WithCorrections(scheme, month, corrections, soFar);
            plan = plan with { Digests = [.. plan.Digests, .. digests] };
            if (scheme.TermsFor(period) is { Pool: EstimatePool, Flow: LeadFlow { Recipient: { } recipient } } && month.Calculation?.Budget is { } granted)
            {
                // The lead pays the board the pool's monthly schedule; a changed estimate is caught up for the settled months (EstimateCosts.Advance).
                var paid = await Beschikbaarheid.Data.Estimates.EstimateStore.PaidAsync(session, period.Year, cancellationToken).ConfigureAwait(false);
                var settledBefore = years.Where(y => y.Year == period.Year).SelectMany(y => y.Months).Select(m => m.Month);
                plan = plan with { Subsidy = new SubsidyPayment(recipient, SettledPeriod.Of(period), EstimateCosts.Advance(granted, period.Month, settledBefore, paid), granted, paid) };
            }
            plan = Successions.Readdressed(plan, scheme, mergers, invoiceDate);
            if (plan.Statement is { } statement)
            {
                await CheckPayeesAsync(session, scheme, statement).ConfigureAwait(false);
            }

            switch (mode)
            {
                case IssueMode.DryRun:
                {
                    progress?.Report("computing the concept");
                    var dry = await ConceptAsync(session, scheme, plan, invoiceDate, startedBy, fingerprint, cancellationToken).ConfigureAwait(false);
                    logger.LogInformation("{Scheme} {Period}: dry run, {Invoices} invoices computed; nothing stored, no number used", scheme.Id, period, plan.Invoices.Count);
                    return Done(WriteConcept(scheme, period, SettleStatus.DryRun, dry, output, lateData));
                }
                case IssueMode.Prepare:
                {
                    progress?.Report("preparing the concept");
                    var planFingerprint = PlanFingerprint.Of(scheme, plan);
                    var open = await SettlementConcepts.FindOpenAsync(session, period, SettlementKind.Voorschot).ConfigureAwait(false);
                    var prepared = await ConceptAsync(session, scheme, plan, invoiceDate, startedBy, fingerprint, cancellationToken).ConfigureAwait(false);
                    if (open is not null && open.PlanFingerprint == planFingerprint)
                    {
                        logger.LogInformation("{Scheme} {Period}: the concept prepared by {PreparedBy} is unchanged; still waiting for approval", scheme.Id, period, open.PreparedBy);
                        return Done(WriteConcept(scheme, period, SettleStatus.AlreadyPrepared, prepared, output, lateData) with { PreparedBy = open.PreparedBy });
                    }
                    await SettlementConcepts.PrepareAsync(session, plan, planFingerprint, fingerprint, by!, clock.GetUtcNow()).ConfigureAwait(false);
                    await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                    logger.LogInformation("{Scheme} {Period}: concept of {Invoices} invoices prepared by {PreparedBy}{Replaced}; waiting for approval",
                        scheme.Id, period, plan.Invoices.Count, by, open is null ? "" : $", replacing the one of {open.PreparedBy}");
                    return Done(WriteConcept(scheme, period, SettleStatus.Prepared, prepared, output, lateData) with { PreparedBy = by });
                }
                case IssueMode.Approve when PlanFingerprint.Of(scheme, plan) != concept!.PlanFingerprint:
                    throw Changed(scheme, period, concept);
            }

            progress?.Report($"storing {plan.Invoices.Count} invoices");
            logger.LogDebug("{Scheme} {Period}: issuing {Invoices} invoices", scheme.Id, period, plan.Invoices.Count);
            var runId = await writer.IssueAsync(session, scheme, plan, invoiceDate, startedBy, clock.GetUtcNow(), fingerprint, cancellationToken).ConfigureAwait(false);
            if (concept is not null)
            {
                await SettlementConcepts.ApproveAsync(session, concept.Id, by!, clock.GetUtcNow(), runId).ConfigureAwait(false);
            }
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            // The one line per scheme and month that says what was issued (and, with four-eyes approval, by whom).
            logger.LogInformation(
                "{Scheme} {Period}: run {RunId} issued {Invoices} invoice(s) and {CreditNotes} credit note(s), total {Total}, with {Corrections} correction line(s){Approval}",
                scheme.Id, period, runId, plan.Invoices.Count(i => i.Total >= Money.Zero), plan.Invoices.Count(i => i.Total < Money.Zero),
                "€ " + Money.Sum(plan.Invoices.Select(i => i.Total)).Euros.ToString("#,##0.00", System.Globalization.CultureInfo.GetCultureInfo("nl-NL")), corrections.Count,
                concept is null ? "" : $", prepared by {concept.PreparedBy} and approved by {by}");
            return new Decided(null, SettleStatus.Issued, runId, lateData, concept?.PreparedBy, concept is null ? null : by);
        }

        static Decided Done(SettleOutcome outcome) => new(outcome, outcome.Status, 0, outcome.Notes);
    }


    /// <summary>
    /// The month as the inputs are now, its fingerprint and the corrections of earlier months whose data changed (<see cref="ReviewAsync"/>);
    /// refused for a closed year or by <see cref="MonthlyRunPolicy"/>. Read under the caller's lock, in its transaction.
    /// </summary>
    private async Task<(SettlementPlan Month, string Fingerprint, IReadOnlyList<Entry> Corrections, IReadOnlyList<string> LateData, IReadOnlyList<MonthDigests> Digests)> CalculateAsync(
        SchemeTransaction session, Scheme scheme, YearMonth period, IReadOnlyList<SettledYearState> years, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report("loading the period's inputs");
        var loaded = await SchemeInputs.LoadYearAsync(session, scheme, period.Year, cancellationToken).ConfigureAwait(false);
        if (MonthlyRunPolicy.ClosedYear(scheme.Id, period, years) is { } closed)
        {
            throw new SettlementRejectedException(closed);
        }
        progress?.Report("fingerprinting and calculating");
        var (month, fingerprint) = await BothCores.RunAsync(
            () => MonthlySettlement.Calculate(scheme, period, loaded), () => InputFingerprint.Of(scheme, period.Year, loaded), cancellationToken).ConfigureAwait(false);
        var run = MonthlyRunPolicy.Plan(scheme.Id, period, fingerprint, years);
        if (run.Refusal is { } refusal)
        {
            throw new SettlementRejectedException(refusal);
        }
        progress?.Report("checking settled months for changed data");
        var (corrections, lateData, digests) = await ReviewAsync(session, scheme, period, loaded, run.Reviews, cancellationToken).ConfigureAwait(false);
        return (month, fingerprint, corrections, lateData, digests);
    }

    /// <summary>
    /// What the run of <paramref name="plan"/> would issue, made by the issuing path itself inside the locked transaction
    /// (numbers taken, rows written, read back as documents show them) and then undone (<see cref="SchemeTransaction.UndoneAsync"/>):
    /// the same computation as a real run, and no row or number kept. Its invoices carry concept markers instead of numbers.
    /// </summary>
    private async Task<IssuedSettlement> ConceptAsync(
        SchemeTransaction session, Scheme scheme, SettlementPlan plan, DateOnly invoiceDate, string startedBy, string fingerprint, CancellationToken cancellationToken) =>
        (await session.UndoneAsync(async s =>
            await IssuedSettlements.LoadAsync(s, await writer.IssueAsync(s, scheme, plan, invoiceDate, startedBy, clock.GetUtcNow(), fingerprint, cancellationToken).ConfigureAwait(false))
                .ConfigureAwait(false)).ConfigureAwait(false)).AsConcept();

    private SettleOutcome WriteConcept(Scheme scheme, YearMonth period, SettleStatus status, IssuedSettlement concept, string output, IReadOnlyList<string> notes) =>
        new(scheme.Id, period, status, concept, SettlementReports.WriteAll(concept, output, calendar.TimeZone, PaymentDay(scheme, period.Year))) { Notes = notes };

    private static SettlementRejectedException Changed(Scheme scheme, YearMonth period, SettlementConcept concept) => new(
        $"Scheme {scheme.Id}: {period} would now bill something else than the concept prepared by {concept.PreparedBy} on "
        + $"{concept.PreparedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC (its data or scheme changed since); prepare a new concept "
        + $"(settle --scheme {scheme.Id} --period {period}) and have that approved. Nothing issued.");

    /// <summary>
    /// Refuses a cashier run that would pay a host municipality (other than the cashier) a positive amount while the
    /// municipality file gives it no IBAN: its payment order and the SEPA file could not be paid. Read under the scheme's lock.
    /// </summary>
    internal static async Task CheckPayeesAsync(SchemeTransaction session, Scheme scheme, CashierStatement statement)
    {
        var (municipalities, schools) = await RegistryReader.LoadAsync(session).ConfigureAwait(false);
        var missing = statement.PaidOut
            .Where(p => schools.ContainsKey(p.Key))
            .GroupBy(p => schools[p.Key].Municipality)
            .Where(g => g.Key != statement.Cashier && Money.Sum(g.Select(p => p.Value)) > Money.Zero)
            .Select(g => g.Key)
            .Where(host => !municipalities.TryGetValue(host, out var m) || m.Iban is null)
            .Order()
            .Select(host => $"{(municipalities.TryGetValue(host, out var m) ? m.Name : host.ToString())} ({host})")
            .ToList();
        if (missing.Count > 0)
        {
            throw new SettlementRejectedException(
                $"Scheme {scheme.Id}: the cashier pays {string.Join(", ", missing)}, but the gemeenten file gives no IBAN for it; add the iban column and import gemeenten again. Nothing issued.");
        }
    }

    /// <summary>
    /// The earlier years the policy names, computed again with the data as it is now: settled months become
    /// corrections, a year with a year end a note. One month at a time: its recomputed plan and what was
    /// settled for it are the only large things held. Of a month with stored digests (<see cref="SettledDigest"/>) only
    /// the locations whose digest changed are read back and compared; a month without is read whole, once, and gets its digests.
    /// </summary>
    private async Task<(IReadOnlyList<Entry> Corrections, IReadOnlyList<string> Notes, IReadOnlyList<MonthDigests> Digests)> ReviewAsync(
        SchemeTransaction session, Scheme scheme, YearMonth period, SettlementInputs current, IReadOnlyList<YearReview> reviews, CancellationToken cancellationToken)
    {
        var corrections = new List<Entry>();
        var notes = new List<string>();
        var digests = new List<MonthDigests>();
        foreach (var review in reviews)
        {
            var yearInputs = review.Year == period.Year ? current : await SchemeInputs.LoadYearAsync(session, scheme, review.Year, cancellationToken).ConfigureAwait(false);
            switch (review)
            {
                case CorrectMonths correct:
                    var stored = await SettledDigests.LoadAsync(session, correct.Months, cancellationToken).ConfigureAwait(false);
                    foreach (var recomputed in MonthlySettlement.RecomputedMonths(scheme, correct.Months, yearInputs))
                    {
                        var (ofMonth, left) = await CorrectAsync(session, recomputed, stored.GetValueOrDefault(recomputed.Period), cancellationToken).ConfigureAwait(false);
                        corrections.AddRange(ofMonth);
                        if (left is not null)
                        {
                            digests.Add(left);
                        }
                    }
                    break;
                case ReportLateData late:
                    var settledYear = await SettledState.LoadYearAsync(session, late.Year, null, cancellationToken).ConfigureAwait(false);
                    var outstanding = YearEnd.Outstanding(late.Year, MonthlySettlement.Annual(scheme, late.Year, yearInputs), settledYear);
                    if (MonthlyRunPolicy.LateDataNote(scheme.Id, late, outstanding) is { } note)
                    {
                        logger.LogWarning("{Note}", note);
                        notes.Add(note);
                    }
                    break;
            }
        }
        return (corrections, notes, digests);
    }

    /// <summary>
    /// One settled month's corrections, and the digests it leaves once they are stored: null when no location changed.
    /// The digests are made from what was read back plus the corrections, that is from what will be stored.
    /// </summary>
    private static async Task<(IReadOnlyList<Entry> Corrections, MonthDigests? Left)> CorrectAsync(
        SchemeTransaction session, RecomputedMonth recomputed, IReadOnlyDictionary<SchoolLocationId, string>? stored, CancellationToken cancellationToken)
    {
        var month = recomputed.Period;
        var period = SettledPeriod.Of(month);
        if (stored is null)
        {
            var whole = await SettledState.LoadMonthAsync(session, month, null, cancellationToken).ConfigureAwait(false);
            var ofWhole = Corrections.For(period, recomputed.Entries(), whole);
            return (ofWhole, new MonthDigests(month, SettledDigest.Of(whole.Concat(ofWhole)).ToDictionary(d => d.Key, d => (string?)d.Value), Complete: true));
        }
        var changed = SettledDigest.Changed(stored, recomputed.Digests());
        if (changed.Count == 0)
        {
            return ([], null);
        }
        var settled = await SettledState.LoadMonthAsync(session, month, changed.ToList(), cancellationToken).ConfigureAwait(false);
        var ofChanged = recomputed.EntriesAt(changed);
        // Which invoice billed the month is known from all its locations, not only the changed ones read back.
        var municipalities = Corrections.For(period, ofChanged, settled).Select(c => c.Municipality).ToHashSet();
        var billedBy = await SettledState.BillingInvoicesAsync(session, month, municipalities, cancellationToken).ConfigureAwait(false);
        var corrections = Corrections.For(period, ofChanged, settled, billedBy);
        var left = SettledDigest.Of(settled.Concat(corrections));
        return (corrections, new MonthDigests(month, changed.ToDictionary(s => s, s => left.GetValueOrDefault(s)), Complete: false));
    }

    private async Task<SettleOutcome> WriteAsync(
        Scheme scheme, YearMonth period, SettleStatus status, long runId, string output, IReadOnlyList<string> notes, CancellationToken cancellationToken)
    {
        var settlement = await issued.LoadAsync(runId, scheme.TermsFor(period.Year).Flow, cancellationToken).ConfigureAwait(false);
        var files = SettlementReports.WriteAll(settlement, output, calendar.TimeZone, PaymentDay(scheme, period.Year));
        return new SettleOutcome(scheme.Id, period, status, settlement, files) { Notes = notes };
    }

    /// <summary>The cashier flow's <c>flow.paymentDay</c> in the year's terms (default 15).</summary>
    public static int PaymentDay(Scheme scheme, int year)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return scheme.TermsFor(year).Flow is CashierFlow flow ? flow.PaymentDay : CashierFlow.DefaultPaymentDay;
    }
}
