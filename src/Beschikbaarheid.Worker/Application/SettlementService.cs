using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.DrawingRights;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Reports.Settlement;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Application;

public enum SettleStatus { Issued, AlreadySettled, NothingEligible }

/// <summary>What a settlement call did; <see cref="Settlement"/> is null only when nothing was eligible.</summary>
/// <param name="Notes">Late data found for closed years, reported and not invoiced.</param>
public sealed record SettleOutcome(string SchemeId, YearMonth Period, SettleStatus Status, IssuedSettlement? Settlement, IReadOnlyList<string> Files)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// Settles a scheme for a month: loads its inputs, calculates, adds corrections for earlier months whose
/// data changed, stores the run with its invoices in one transaction, and writes the workbooks and journal
/// from what was stored. Idempotent per scheme and month: a settled month is never issued again; its files
/// are written again from the stored run.
/// </summary>
public sealed class SettlementService(
    SchemeFileLoader schemes,
    SchemeInputs inputs,
    SettlementStore store,
    YearClosures closures,
    UnitOfWork unitOfWork,
    DatabaseSetup database,
    LocalCalendar calendar,
    TimeProvider clock,
    IOptions<PathOptions> paths,
    ILogger<SettlementService> logger)
{
    public async Task<SettleOutcome> SettleAsync(
        string schemeId, YearMonth period, string startedBy, DateOnly? invoiceDate = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var scheme = schemes.Load(schemeId);
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await SettleAsync(scheme, period, startedBy, invoiceDate, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The scheduled work: the previous month for every scheme in the scheme folder. A scheme whose inputs
    /// are refused is logged and skipped so the others are still settled; the run then fails with all reasons.
    /// </summary>
    public async Task<IReadOnlyList<SettleOutcome>> SettleLatestCompleteMonthAsync(string startedBy, CancellationToken cancellationToken = default)
    {
        var all = schemes.LoadAll();
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var period = calendar.LatestCompleteMonth;
        var outcomes = new List<SettleOutcome>();
        var refused = new List<string>();
        foreach (var scheme in all)
        {
            try
            {
                outcomes.Add(await SettleAsync(scheme, period, startedBy, null, null, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is SettlementInputException or SettlementRejectedException or NotSupportedException)
            {
                logger.LogError("{Scheme} {Period} not settled: {Reason}", scheme.Id, period, ex.Message);
                refused.Add(ex.Message);
            }
        }
        return refused.Count == 0 ? outcomes : throw new SettlementRejectedException(string.Join(Environment.NewLine, refused));
    }

    /// <summary>One scheme's month as one unit of work: retried whole on a transient database fault, which is safe because a settled month is never issued again.</summary>
    private Task<SettleOutcome> SettleAsync(
        Scheme scheme, YearMonth period, string startedBy, DateOnly? invoiceDate, IProgress<string>? progress, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync(token => SettleOnceAsync(scheme, period, startedBy, invoiceDate, progress, token), cancellationToken);

    private async Task<SettleOutcome> SettleOnceAsync(
        Scheme scheme, YearMonth period, string startedBy, DateOnly? invoiceDate, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope("scheme {Scheme} period {Period}", scheme.Id, period.ToString());
        var output = paths.Value.Output;

        if (await store.FindRunAsync(scheme.Id, period, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            logger.LogInformation("{Scheme} {Period} was already settled in run {RunId}: nothing issued, files written again from the stored run", scheme.Id, period, existing);
            return await WriteAsync(scheme.Id, period, SettleStatus.AlreadySettled, existing, output, [], cancellationToken).ConfigureAwait(false);
        }

        progress?.Report("checking the scheme against the registry");
        await inputs.CheckReferencesAsync(scheme, period.Year, cancellationToken).ConfigureAwait(false);
        if (await closures.IsClosedAsync(scheme.Id, period.Year, cancellationToken).ConfigureAwait(false))
        {
            throw new SettlementRejectedException($"Scheme {scheme.Id}: {period.Year} is closed by its year end; reopen it first. Nothing issued.");
        }

        progress?.Report("loading the period's inputs");
        var loaded = await inputs.LoadYearAsync(scheme, period.Year, cancellationToken).ConfigureAwait(false);
        progress?.Report("calculating");
        var month = MonthlySettlement.Calculate(scheme, period, loaded);
        progress?.Report("checking settled months for changed data");
        var fingerprint = InputFingerprint.Of(scheme, period.Year, loaded);
        var (corrections, notes) = await CorrectionsAsync(scheme, period, loaded, fingerprint, cancellationToken).ConfigureAwait(false);
        if (!month.HasEligibleChildren && corrections.Count == 0)
        {
            logger.LogWarning("{Scheme} {Period}: no eligible children, nothing issued", scheme.Id, period);
            return new SettleOutcome(scheme.Id, period, SettleStatus.NothingEligible, null, []) { Notes = notes };
        }
        var soFar = month.CashierMonth is null ? null : await store.StatedSoFarAsync(scheme.Id, period.Year, cancellationToken).ConfigureAwait(false);
        var plan = RunPlans.WithCorrections(scheme, month, corrections, soFar);

        progress?.Report($"storing {plan.Invoices.Count} invoices");
        var outcome = await store.IssueAsync(
            scheme, plan, invoiceDate ?? calendar.Today, startedBy, clock.GetUtcNow(), fingerprint, cancellationToken).ConfigureAwait(false);
        if (outcome.IssuedNow)
        {
            logger.LogInformation("{Scheme} {Period}: run {RunId} issued {Invoices} invoices with {Corrections} correction lines", scheme.Id, period, outcome.RunId, plan.Invoices.Count, corrections.Count);
        }
        else
        {
            logger.LogInformation("{Scheme} {Period}: another process settled it first (run {RunId}); nothing issued", scheme.Id, period, outcome.RunId);
        }
        progress?.Report("writing workbooks and journal");
        return await WriteAsync(scheme.Id, period, outcome.IssuedNow ? SettleStatus.Issued : SettleStatus.AlreadySettled, outcome.RunId, output, notes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every settled month before this one is computed again with the data as it is now; in a year that never
    /// had a year end, the differences become corrections. A year with a year end is not corrected month by
    /// month: while it is closed its differences are reported (for the year just ended), and after a reopening the
    /// next year end settles them. When the year's inputs have the fingerprint of its latest run, that run already settled every month by
    /// these very inputs, so there is nothing to recompute.
    /// </summary>
    private async Task<(IReadOnlyList<Entry> Corrections, IReadOnlyList<string> Notes)> CorrectionsAsync(
        Scheme scheme, YearMonth period, SettlementInputs current, string fingerprint, CancellationToken cancellationToken)
    {
        var corrections = new List<Entry>();
        var notes = new List<string>();
        foreach (var year in (await store.SettledYearsAsync(scheme.Id, cancellationToken).ConfigureAwait(false)).Where(y => y <= period.Year))
        {
            if (year == period.Year && await store.LatestFingerprintAsync(scheme.Id, year, cancellationToken).ConfigureAwait(false) == fingerprint)
            {
                continue;
            }
            var finalizations = await closures.FinalizationsAsync(scheme.Id, year, cancellationToken).ConfigureAwait(false);
            if (finalizations > 0 && year < period.Year - 1)
            {
                // Late data is looked for in the year just ended; older years are settled history.
                continue;
            }
            var yearInputs = year == period.Year ? current : await inputs.LoadYearAsync(scheme, year, cancellationToken).ConfigureAwait(false);
            if (finalizations > 0)
            {
                var settledYear = await store.LoadYearAsync(scheme.Id, year, cancellationToken).ConfigureAwait(false);
                var outstanding = YearEnd.Outstanding(year, MonthlySettlement.Annual(scheme, year, yearInputs), settledYear);
                if (outstanding.Count > 0)
                {
                    var closed = await closures.IsClosedAsync(scheme.Id, year, cancellationToken).ConfigureAwait(false);
                    var note = $"{scheme.Id} {year}: data changed after the year end ({string.Join(", ", outstanding.OrderBy(o => o.Key).Select(o => $"{o.Key} € {o.Value}"))}); "
                        + (closed ? $"the year is closed, so this is reported and not invoiced (reopen --scheme {scheme.Id} --year {year} --reason TEXT, then finalize)."
                                  : $"the year is reopened: finalize --scheme {scheme.Id} --year {year} settles it.");
                    logger.LogWarning("{Note}", note);
                    notes.Add(note);
                }
                continue;
            }
            var months = (await store.SettledMonthsAsync(scheme.Id, year, cancellationToken).ConfigureAwait(false)).Where(m => m < period).ToList();
            // One month at a time: its recomputed plan and what was settled for it are the only large things held.
            foreach (var (month, recomputed) in MonthlySettlement.EntriesOfMonths(scheme, months, yearInputs))
            {
                var settled = await store.LoadMonthAsync(scheme.Id, month, cancellationToken).ConfigureAwait(false);
                corrections.AddRange(Corrections.For(SettledPeriod.Of(month), recomputed, settled));
            }
        }
        return (corrections, notes);
    }

    private async Task<SettleOutcome> WriteAsync(
        string schemeId, YearMonth period, SettleStatus status, long runId, string output, IReadOnlyList<string> notes, CancellationToken cancellationToken)
    {
        var issued = await store.LoadAsync(runId, cancellationToken).ConfigureAwait(false);
        var files = SettlementReports.WriteAll(issued, output);
        return new SettleOutcome(schemeId, period, status, issued, files) { Notes = notes };
    }
}
