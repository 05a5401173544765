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
    public async Task<YearEndOutcome> FinalizeAsync(string schemeId, int year, string startedBy, DateOnly? invoiceDate = null, CancellationToken cancellationToken = default)
    {
        var scheme = schemes.Load(schemeId);
        // Only a finished year (FinishedPeriods): refused before anything is read or stored and before any invoice number is used.
        var date = invoiceDate ?? calendar.Today;
        if (FinishedPeriods.YearRefusal(scheme.Id, year, date, invoiceDate is not null) is { } refusal)
        {
            throw new SettlementRejectedException(refusal);
        }
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await unitOfWork.RunAsync(token => FinalizeOnceAsync(scheme, year, startedBy, date, token), cancellationToken).ConfigureAwait(false);
    }

    private async Task<YearEndOutcome> FinalizeOnceAsync(Core.Schemes.Scheme scheme, int year, string startedBy, DateOnly invoiceDate, CancellationToken cancellationToken)
    {
        long runId;
        bool alreadyClosed;
        await using (var session = await locks.AcquireAsync(scheme.Id, cancellationToken).ConfigureAwait(false))
        {
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

                var settled = await SettledState.LoadYearAsync(session, year, cancellationToken).ConfigureAwait(false);
                var revision = events.Count(e => e.Event == YearClosures.Finalized) + 1;
                var plan = RunPlans.YearEnd(
                    scheme, year, MonthlySettlement.BasisUnitOf(scheme.TermsFor(year)), MonthlySettlement.Annual(scheme, year, loaded), settled, revision,
                    MonthlySettlement.CashierYearOf(scheme, year, loaded), await SettledState.StatedSoFarAsync(session, year, cancellationToken).ConfigureAwait(false));
                if (plan.Statement is { } statement)
                {
                    await SettlementService.CheckPayeesAsync(session, scheme, statement).ConfigureAwait(false);
                }
                runId = await writer.IssueAsync(
                    session, scheme, plan, invoiceDate, startedBy, clock.GetUtcNow(), InputFingerprint.Of(scheme, year, loaded), cancellationToken)
                    .ConfigureAwait(false);
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                alreadyClosed = false;
                logger.LogInformation("{Scheme} {Year}: year end run {RunId} issued {Invoices} final invoices and credit notes; the year is closed", scheme.Id, year, runId, plan.Invoices.Count);
            }
        }
        var stored = await issued.LoadAsync(runId, cancellationToken).ConfigureAwait(false);
        return new YearEndOutcome(scheme.Id, year, stored, SettlementReports.WriteAll(stored, paths.Value.Output, calendar.TimeZone, SettlementService.PaymentDay(scheme, year))) { AlreadyClosed = alreadyClosed };
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
