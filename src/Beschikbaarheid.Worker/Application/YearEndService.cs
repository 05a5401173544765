using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Reports.Settlement;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Application;

/// <summary>What a year end did: the run, its final invoices and credit notes, and the files written.</summary>
public sealed record YearEndOutcome(string SchemeId, int Year, IssuedSettlement Settlement, IReadOnlyList<string> Files)
{
    /// <summary>The year was already closed: nothing was issued, the files of its year end were written again.</summary>
    public bool AlreadyClosed { get; init; }

    /// <summary>
    /// Nothing was issued: <see cref="SettleStatus.DryRun"/> (computed, concept documents written, nothing stored),
    /// <see cref="SettleStatus.Prepared"/> or <see cref="SettleStatus.AlreadyPrepared"/> (a concept waiting for approval);
    /// <see cref="SettleStatus.Issued"/> otherwise (or <see cref="AlreadyClosed"/>).
    /// </summary>
    public SettleStatus Status { get; init; } = SettleStatus.Issued;

    /// <summary>Four-eyes approval: who prepared the concept and who approved it.</summary>
    public string? PreparedBy { get; init; }

    /// <inheritdoc cref="PreparedBy"/>
    public string? ApprovedBy { get; init; }
}

/// <summary>
/// The year end (<i>vaststelling</i>) of a scheme: the year computed again with actual data, and per
/// municipality the difference with everything settled for it issued as one final invoice or credit note,
/// in one transaction that also closes the year. A closed year opens again only with a reason.
/// </summary>
public sealed class YearEndService(
    SchemeFileLoader schemes,
    SchemeLocks locks,
    SettlementWriter writer,
    IssuedSettlements issued,
    YearClosures closures,
    UnitOfWork unitOfWork,
    DatabaseSetup database,
    LocalCalendar calendar,
    TimeProvider clock,
    IOptions<PathOptions> paths,
    ILogger<YearEndService> logger)
{
    /// <summary>One unit of work, retried whole on a transient database fault: a year is closed in the transaction that settles it, so a retry never settles it twice.</summary>
    public Task<YearEndOutcome> FinalizeAsync(
        string schemeId, int year, string startedBy, DateOnly? invoiceDate = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        FinalizeAsync(schemeId, year, new SettleRequest(startedBy) { InvoiceDate = invoiceDate }, progress, cancellationToken);

    /// <summary>
    /// The year end as the request says: a dry run stores nothing; a scheme with <c>approval</c> stores a concept for
    /// <see cref="ApproveAsync"/>; any other issues at once (<see cref="SettlementService.SettleAsync(string, YearMonth, SettleRequest, IProgress{string}?, CancellationToken)"/>).
    /// </summary>
    /// <param name="progress">Receives the name of each phase as it starts, as a month's settlement reports them.</param>
    public Task<YearEndOutcome> FinalizeAsync(string schemeId, int year, SettleRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scheme = schemes.Load(schemeId);
        var mode = request.DryRun ? IssueMode.DryRun : scheme.Approval ? IssueMode.Prepare : IssueMode.Issue;
        return FinalizeAsync(scheme, year, mode, request.StartedBy, mode == IssueMode.Prepare ? SettlementService.Person(request.By ?? request.StartedBy, "--by") : null, request.InvoiceDate, progress, cancellationToken);
    }

    /// <summary>
    /// Four-eyes approval of a year end: issues the year's open concept after computing the year end again under the lock;
    /// refused like a month's (<see cref="SettlementService.ApproveAsync"/>).
    /// </summary>
    public Task<YearEndOutcome> ApproveAsync(string schemeId, int year, string approvedBy, string startedBy, DateOnly? invoiceDate = null, CancellationToken cancellationToken = default)
    {
        var scheme = schemes.Load(schemeId);
        if (!scheme.Approval)
        {
            throw new SettlementRejectedException(
                $"Scheme {scheme.Id} has no approval (\"approval\": true in its file): finalize issues its year end directly; nothing to approve. Nothing issued.");
        }
        return FinalizeAsync(scheme, year, IssueMode.Approve, startedBy, SettlementService.Person(approvedBy, "--by"), invoiceDate, null, cancellationToken);
    }

    private async Task<YearEndOutcome> FinalizeAsync(Core.Schemes.Scheme scheme, int year, IssueMode mode, string startedBy, string? by, DateOnly? invoiceDate, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // Only a finished year (FinishedPeriods): refused before anything is read or stored and before any invoice number is used.
        var date = invoiceDate ?? calendar.Today;
        if (FinishedPeriods.YearRefusal(scheme.Id, year, date, invoiceDate is not null) is { } refusal)
        {
            throw new SettlementRejectedException(refusal);
        }
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await unitOfWork.RunAsync(token => FinalizeOnceAsync(scheme, year, mode, startedBy, by, date, progress, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The locations whose year may differ from what was settled: those where a month's <see cref="SettledDigest"/> changed or
    /// something was settled for the year itself. Null (compare every location) when a month of the year has no stored
    /// digests: settled before digests existed, or never settled because nothing was eligible.
    /// </summary>
    private static async Task<IReadOnlyCollection<Core.Registry.SchoolLocationId>?> ComparedSchoolsAsync(
        SchemeTransaction session, int year, IReadOnlyDictionary<YearMonth, IReadOnlyDictionary<Core.Registry.SchoolLocationId, string>> now, CancellationToken cancellationToken)
    {
        var stored = await SettledDigests.LoadAsync(session, now.Keys.ToList(), cancellationToken).ConfigureAwait(false);
        if (now.Keys.Any(month => !stored.ContainsKey(month)))
        {
            return null;
        }
        var compared = new HashSet<Core.Registry.SchoolLocationId>(await SettledState.YearLevelSchoolsAsync(session, year, cancellationToken).ConfigureAwait(false));
        foreach (var (month, digests) in now)
        {
            compared.UnionWith(SettledDigest.Changed(stored[month], digests));
        }
        return compared;
    }

    private async Task<YearEndOutcome> FinalizeOnceAsync(
        Core.Schemes.Scheme scheme, int year, IssueMode mode, string startedBy, string? by, DateOnly invoiceDate, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        SettlementConcept? concept = null;
        long runId;
        bool alreadyClosed;
        await using (var session = await locks.AcquireAsync(scheme.Id, cancellationToken).ConfigureAwait(false))
        {
            progress?.Report("checking the scheme against the registry");
            Core.Registry.Mergers mergers;
            (scheme, mergers) = await SchemeInputs.MergedAsync(session, scheme, year, logger).ConfigureAwait(false);
            await SchemeInputs.CheckReferencesAsync(session, scheme, year).ConfigureAwait(false);
            var events = await YearClosures.EventsAsync(session, year).ConfigureAwait(false);
            if (events.Count > 0 && events[^1] is { Event: YearClosures.Finalized, RunId: { } closedBy })
            {
                // Like a settled month: a closed year is never settled twice; its files are written again from the stored run.
                logger.LogInformation("{Scheme} {Year} was closed by run {RunId}: nothing issued, files written again", scheme.Id, year, closedBy);
                runId = closedBy;
                alreadyClosed = true;
            }
            else
            {
                if (mode == IssueMode.Approve)
                {
                    concept = await SettlementConcepts.FindOpenAsync(session, new YearMonth(year, 12), SettlementKind.Vaststelling).ConfigureAwait(false)
                        ?? throw new SettlementRejectedException(
                            $"Scheme {scheme.Id}: the year end of {year} has no concept waiting for approval; prepare one first (finalize --scheme {scheme.Id} --year {year}). Nothing issued.");
                    if (SettlementService.SamePerson(concept.PreparedBy, by!))
                    {
                        throw new SettlementRejectedException(
                            $"Scheme {scheme.Id}: the concept of the year end of {year} was prepared by {concept.PreparedBy}, who cannot approve it too (four eyes); another person approves with approve --by NAME. Nothing issued.");
                    }
                }
                progress?.Report("loading the year's inputs");
                var loaded = await SchemeInputs.LoadYearAsync(session, scheme, year, cancellationToken).ConfigureAwait(false);
                var settledMonths = (await SettledState.YearsAsync(session, cancellationToken).ConfigureAwait(false))
                    .Where(y => y.Year == year).SelectMany(y => y.Months).ToHashSet();
                // A month that was never stored because nothing was eligible in it needs no settling.
                var unsettled = Enumerable.Range(1, 12).Select(m => new YearMonth(year, m))
                    .Where(m => !settledMonths.Contains(m) && MonthlySettlement.Calculate(scheme, m, loaded).HasEligibleChildren)
                    .ToList();
                if (unsettled.Count > 0)
                {
                    throw new SettlementRejectedException(
                        $"Scheme {scheme.Id}: {year} cannot be finalized while {string.Join(", ", unsettled)} {(unsettled.Count == 1 ? "is" : "are")} not settled; settle {(unsettled.Count == 1 ? "it" : "them")} first. Nothing issued.");
                }

                SettledYear settled;
                var revision = events.Count(e => e.Event == YearClosures.Finalized) + 1;
                var terms = scheme.TermsFor(year);
                progress?.Report("fingerprinting and computing the year");
                // The year's months computed again (an estimate pool's year needs no months) while the fingerprint is hashed on the other core.
                var digests = new Dictionary<YearMonth, IReadOnlyDictionary<Core.Registry.SchoolLocationId, string>>();
                var (months, fingerprint) = await BothCores.RunAsync(
                    () => terms.Pool is Core.Schemes.EstimatePool ? null : MonthlySettlement.Annual(scheme, year, loaded, month => digests[month.Period] = month.Digests()),
                    () => InputFingerprint.Of(scheme, year, loaded),
                    cancellationToken).ConfigureAwait(false);
                progress?.Report("reading what was settled for the year");
                IReadOnlyList<Entry> annual;
                SubsidyPayment? subsidy = null;
                RunCalculation? calculation = null;
                if (terms.Pool is Core.Schemes.EstimatePool estimatePool)
                {
                    // An estimate pool's year end sets the subsidy at min(grant, realised hours × rate) and splits the set amount (refused without a realisation).
                    var (entries, set, hours, estimate) = EstimateCosts.SetYear(scheme, year, estimatePool, loaded.Estimates, loaded.Realisation);
                    annual = entries;
                    settled = await SettledState.LoadYearAsync(session, year, null, cancellationToken).ConfigureAwait(false);
                    calculation = EstimateCosts.CalculationOf(estimatePool, estimate);
                    if (terms.Flow is Core.Schemes.LeadFlow { Recipient: { } recipient })
                    {
                        var paid = await Data.Estimates.EstimateStore.PaidAsync(session, year, cancellationToken).ConfigureAwait(false);
                        subsidy = new SubsidyPayment(recipient, SettledPeriod.WholeYear(year), set - paid, estimate.Amount, paid, hours, set);
                    }
                }
                else
                {
                    annual = months!;
                    settled = await SettledState.LoadYearAsync(session, year, await ComparedSchoolsAsync(session, year, digests, cancellationToken).ConfigureAwait(false), cancellationToken)
                        .ConfigureAwait(false);
                    // A funder's year-end invoice names the funder as the run stores it, with its share of the year.
                    if (MonthlySettlement.FundersOf(scheme, year, loaded) is { } funders && RunCalculation.Of(scheme, year) is { } ofYear)
                    {
                        calculation = ofYear with { Funders = funders };
                    }
                }
                var plan = RunPlans.YearEnd(
                    scheme, year, MonthlySettlement.BasisUnitOf(terms), annual, settled, revision,
                    MonthlySettlement.CashierYearOf(scheme, year, loaded), await SettledState.StatedSoFarAsync(session, year, cancellationToken).ConfigureAwait(false))
                    with { Subsidy = subsidy, Calculation = calculation };
                plan = Successions.Readdressed(plan, scheme, mergers, invoiceDate);
                if (plan.Statement is { } statement)
                {
                    await SettlementService.CheckPayeesAsync(session, scheme, statement).ConfigureAwait(false);
                }
                if (mode is IssueMode.DryRun or IssueMode.Prepare)
                {
                    // As a month's concept (SettlementService.ConceptAsync): the issuing path itself, read back and undone.
                    var draft = (await session.UndoneAsync(async s =>
                        await IssuedSettlements.LoadAsync(s, await writer.IssueAsync(s, scheme, plan, invoiceDate, startedBy, clock.GetUtcNow(), fingerprint, cancellationToken).ConfigureAwait(false))
                            .ConfigureAwait(false)).ConfigureAwait(false)).AsConcept();
                    var status = SettleStatus.DryRun;
                    var preparedBy = by;
                    if (mode == IssueMode.Prepare)
                    {
                        var planFingerprint = PlanFingerprint.Of(scheme, plan);
                        var open = await SettlementConcepts.FindOpenAsync(session, new YearMonth(year, 12), SettlementKind.Vaststelling).ConfigureAwait(false);
                        if (open is not null && open.PlanFingerprint == planFingerprint)
                        {
                            (status, preparedBy) = (SettleStatus.AlreadyPrepared, open.PreparedBy);
                        }
                        else
                        {
                            await SettlementConcepts.PrepareAsync(session, plan, planFingerprint, fingerprint, by!, clock.GetUtcNow()).ConfigureAwait(false);
                            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                            status = SettleStatus.Prepared;
                        }
                    }
                    logger.LogInformation("{Scheme} {Year}: year end {Status}, {Invoices} final invoices and credit notes computed; nothing issued", scheme.Id, year, status, plan.Invoices.Count);
                    return new YearEndOutcome(scheme.Id, year, draft, SettlementReports.WriteAll(draft, paths.Value.Output, calendar.TimeZone, SettlementService.PaymentDay(scheme, year)))
                    {
                        Status = status, PreparedBy = mode == IssueMode.Prepare ? preparedBy : null,
                    };
                }
                if (concept is not null && PlanFingerprint.Of(scheme, plan) != concept.PlanFingerprint)
                {
                    throw new SettlementRejectedException(
                        $"Scheme {scheme.Id}: the year end of {year} would now bill something else than the concept prepared by {concept.PreparedBy} on "
                        + $"{concept.PreparedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC (its data or scheme changed since); prepare a new concept "
                        + $"(finalize --scheme {scheme.Id} --year {year}) and have that approved. Nothing issued.");
                }
                progress?.Report($"storing {plan.Invoices.Count} final invoices and credit notes");
                runId = await writer.IssueAsync(session, scheme, plan, invoiceDate, startedBy, clock.GetUtcNow(), fingerprint, cancellationToken).ConfigureAwait(false);
                if (concept is not null)
                {
                    await SettlementConcepts.ApproveAsync(session, concept.Id, by!, clock.GetUtcNow(), runId).ConfigureAwait(false);
                }
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                alreadyClosed = false;
                logger.LogInformation("{Scheme} {Year}: year end run {RunId} issued {Invoices} final invoices and credit notes; the year is closed", scheme.Id, year, runId, plan.Invoices.Count);
            }
        }
        progress?.Report("writing workbooks and journal");
        var stored = await issued.LoadAsync(runId, scheme.TermsFor(year).Flow, cancellationToken).ConfigureAwait(false);
        return new YearEndOutcome(scheme.Id, year, stored, SettlementReports.WriteAll(stored, paths.Value.Output, calendar.TimeZone, SettlementService.PaymentDay(scheme, year)))
        {
            AlreadyClosed = alreadyClosed, PreparedBy = concept?.PreparedBy, ApprovedBy = concept is null ? null : by,
        };
    }

    public async Task ReopenAsync(string schemeId, int year, string reason, string startedBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new SettlementRejectedException($"Reopening {schemeId} {year} needs a reason (--reason TEXT), kept in the audit trail; nothing changed.");
        }
        var scheme = schemes.Load(schemeId);
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await closures.ReopenAsync(scheme.Id, year, reason, startedBy, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (YearClosedException ex)
        {
            throw new SettlementRejectedException(ex.Message);
        }
        logger.LogInformation("{Scheme} {Year} reopened by {StartedBy}: {Reason}", scheme.Id, year, startedBy, reason);
    }
}
