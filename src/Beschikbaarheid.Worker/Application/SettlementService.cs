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
public sealed record SettleOutcome(string SchemeId, YearMonth Period, SettleStatus Status, IssuedSettlement? Settlement, IReadOnlyList<string> Files);

/// <summary>A scheme refers to municipalities or schools the database does not know.</summary>
public sealed class SettlementRejectedException(string message) : Exception(message);

/// <summary>
/// Settles a scheme for a month: loads its inputs, calculates, stores the run with its invoices in one
/// transaction, and writes the workbooks and journal from what was stored. Idempotent per scheme and
/// month: a settled month is never issued again; its files are written again from the stored run.
/// </summary>
public sealed class SettlementService(
    SchemeFileLoader schemes,
    SettlementInputReader inputs,
    SettlementStore store,
    DrawingRightsStore drawingRights,
    RegistryReader registry,
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

    private async Task<SettleOutcome> SettleAsync(
        Scheme scheme, YearMonth period, string startedBy, DateOnly? invoiceDate, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope("scheme {Scheme} period {Period}", scheme.Id, period.ToString());
        var output = paths.Value.Output;

        if (await store.FindRunAsync(scheme.Id, period, SettlementKind.Voorschot, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            logger.LogInformation("{Scheme} {Period} was already settled in run {RunId}: nothing issued, files written again from the stored run", scheme.Id, period, existing);
            return await WriteAsync(scheme.Id, period, SettleStatus.AlreadySettled, existing, output, cancellationToken).ConfigureAwait(false);
        }

        progress?.Report("checking the scheme against the registry");
        await CheckReferencesAsync(scheme, period, cancellationToken).ConfigureAwait(false);

        progress?.Report("loading the period's inputs");
        var loaded = await LoadInputsAsync(scheme, period, cancellationToken).ConfigureAwait(false);
        progress?.Report("calculating");
        var plan = MonthlySettlement.Calculate(scheme, period, loaded);
        if (!plan.HasEligibleChildren)
        {
            logger.LogWarning("{Scheme} {Period}: no eligible children, nothing issued", scheme.Id, period);
            return new SettleOutcome(scheme.Id, period, SettleStatus.NothingEligible, null, []);
        }

        progress?.Report($"storing {plan.Invoices.Count} invoices");
        var outcome = await store.IssueAsync(
            scheme, plan, invoiceDate ?? calendar.Today, startedBy, clock.GetUtcNow(), InputFingerprint.Of(scheme, period, loaded), cancellationToken).ConfigureAwait(false);
        if (outcome.IssuedNow)
        {
            logger.LogInformation("{Scheme} {Period}: run {RunId} issued {Invoices} invoices", scheme.Id, period, outcome.RunId, plan.Invoices.Count);
        }
        else
        {
            logger.LogInformation("{Scheme} {Period}: another process settled it first (run {RunId}); nothing issued", scheme.Id, period, outcome.RunId);
        }
        progress?.Report("writing workbooks and journal");
        return await WriteAsync(scheme.Id, period, outcome.IssuedNow ? SettleStatus.Issued : SettleStatus.AlreadySettled, outcome.RunId, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Only what the scheme's pool and key need: beschikkingen for a per-child pool; stored drawing rights and pupil counts otherwise.</summary>
    private async Task<SettlementInputs> LoadInputsAsync(Scheme scheme, YearMonth period, CancellationToken cancellationToken)
    {
        var terms = scheme.TermsFor(period.Year);
        if (terms.Pool is DrawingRightsPool)
        {
            var rights = await drawingRights.LoadAsync(scheme.Id, period.Year, cancellationToken).ConfigureAwait(false);
            var pupils = terms.Key is PupilsKey or BlendKey
                ? await inputs.LoadPupilCountsAsync(scheme, period.Year, [scheme.CountingDate.ForFundingYear(period.Year)], cancellationToken).ConfigureAwait(false)
                : [];
            var children = terms.Key is ChildrenKey or BlendKey
                ? await inputs.LoadBeschikkingenAsync(scheme, period.Year, period.FirstDay, period.LastDay, cancellationToken).ConfigureAwait(false)
                : [];
            return new SettlementInputs(children, rights, pupils);
        }
        return new SettlementInputs(await inputs.LoadBeschikkingenAsync(scheme, period.Year, cancellationToken).ConfigureAwait(false), [], []);
    }

    private async Task<SettleOutcome> WriteAsync(string schemeId, YearMonth period, SettleStatus status, long runId, string output, CancellationToken cancellationToken)
    {
        var issued = await store.LoadAsync(runId, cancellationToken).ConfigureAwait(false);
        var files = SettlementReports.WriteAll(issued, output);
        return new SettleOutcome(schemeId, period, status, issued, files);
    }

    private async Task CheckReferencesAsync(Scheme scheme, YearMonth period, CancellationToken cancellationToken)
    {
        if (period.Year < scheme.StartYear)
        {
            throw new SettlementRejectedException($"Scheme {scheme.Id} starts in {scheme.StartYear}; there is nothing to settle in {period}. Nothing issued.");
        }
        var (municipalities, schools) = await registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var terms = scheme.TermsFor(period.Year);
        var unknown = terms.Participants.Where(p => !municipalities.ContainsKey(p)).Select(p => $"participant {p}")
            .Concat(terms.Schools.Where(s => !schools.ContainsKey(s)).Select(s => $"school {s}"))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new SettlementRejectedException(
                $"Scheme {scheme.Id} names {string.Join(", ", unknown)}, not in the database; import gemeenten and scholen first. Nothing issued.");
        }
    }
}
