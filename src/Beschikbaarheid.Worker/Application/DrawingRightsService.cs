using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.DrawingRights;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Reports;
using Beschikbaarheid.Reports.DrawingRights;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Application;

/// <summary>What a drawing-rights computation produced: the rights and the board workbooks written.</summary>
public sealed record DrawingRightsOutcome(string SchemeId, int Year, IReadOnlyList<DrawingRight> Rights, IReadOnlyList<string> Files);

/// <summary>
/// Computes a scheme's drawing rights for a funding year from the reference window's beschikkingen and the
/// two Peildata's pupil counts, stores them (replacing an earlier computation of that year), and writes
/// one workbook per school board with the board's recorded transfers.
/// </summary>
public sealed class DrawingRightsService(
    SchemeFileLoader schemes,
    SchemeLocks locks,
    TransferReader transfers,
    RegistryReader registry,
    DatabaseSetup database,
    LocalCalendar calendar,
    TimeProvider clock,
    IOptions<PathOptions> paths,
    ILogger<DrawingRightsService> logger)
{
    /// <summary>The scheduled work: next funding year's drawing rights for every scheme that has a drawing-rights pool then.</summary>
    public Task<IReadOnlyList<DrawingRightsOutcome>> ComputeNextYearForAllAsync(CancellationToken cancellationToken = default) =>
        ComputeForAllAsync(calendar.Today.Year + 1, cancellationToken);

    /// <summary>The drawing rights of one funding year for every scheme that has a drawing-rights pool in it.</summary>
    public async Task<IReadOnlyList<DrawingRightsOutcome>> ComputeForAllAsync(int year, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<DrawingRightsOutcome>();
        foreach (var scheme in schemes.LoadAll().Where(s => s.TermsFor(year).Pool is DrawingRightsPool && year >= s.StartYear))
        {
            outcomes.Add(await ComputeAsync(scheme.Id, year, null, cancellationToken).ConfigureAwait(false));
        }
        return outcomes;
    }

    public async Task<DrawingRightsOutcome> ComputeAsync(string schemeId, int year, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var scheme = schemes.Load(schemeId);
        if (scheme.TermsFor(year).Pool is not DrawingRightsPool pool)
        {
            throw new SettlementRejectedException($"Scheme {scheme.Id} has no drawing-rights pool in {year}; there are no drawing rights to compute.");
        }
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);

        var window = ReferenceWindow.For(year, pool.ReferenceYears);
        // The monitor covers the year before and the funding year, so a fall in individual starts shows.
        var monitorFrom = new YearMonth(year - 1, 1);
        var monitorThrough = new YearMonth(year, 12);
        IReadOnlyList<DrawingRight> rights;
        IReadOnlyList<PupilCount> pupils;
        IReadOnlyList<Beschikking> recent;
        await using (var session = await locks.AcquireAsync(scheme.Id, cancellationToken).ConfigureAwait(false))
        {
            progress?.Report($"loading beschikkingen {window.From:yyyy-MM-dd} – {window.Through:yyyy-MM-dd} and pupil counts");
            var beschikkingen = await SettlementInputReader.LoadBeschikkingenAsync(session, scheme, year, window.From, window.Through, cancellationToken).ConfigureAwait(false);
            pupils = await SettlementInputReader.LoadPupilCountsAsync(
                session, scheme, year, [scheme.CountingDate.ForFundingYear(year), scheme.CountingDate.InSchoolYearStarting(window.From.Year)], cancellationToken).ConfigureAwait(false);
            progress?.Report($"computing over {beschikkingen.Count} beschikkingen");
            rights = DrawingRightsCalculator.Calculate(scheme, year, beschikkingen, pupils);
            await DrawingRightsStore.SaveAsync(session, year, rights, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            recent = await SettlementInputReader.LoadBeschikkingenAsync(session, scheme, year, monitorFrom.FirstDay, monitorThrough.LastDay, cancellationToken).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        logger.LogInformation("{Scheme} {Year}: {Count} drawing rights, {Fte} FTE", scheme.Id, year, rights.Count, rights.Sum(r => r.Fte));

        progress?.Report("writing board workbooks");
        var (municipalities, schools) = await registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var recorded = await transfers.LoadAsync(scheme.Id, year, cancellationToken).ConfigureAwait(false);
        var starts = BeschikkingMonitor.StartsPerMonth(recent, scheme.TermsFor(year).Schools, monitorFrom, monitorThrough);
        var months = Enumerable.Range(0, 24).Select(i => new YearMonth(year - 1 + i / 12, i % 12 + 1)).ToList();
        var folder = Path.Combine(paths.Value.Output, scheme.Id, $"trekkingsrecht-{year}");
        var costs = pool.Categories.ToDictionary(c => c.Key, c => c.Value.CostPerFte);
        var files = new List<string>();
        foreach (var stale in StaleTemporaryFiles.Remove(folder))
        {
            logger.LogInformation("Removed {File}, left by an earlier run that was stopped while writing", stale);
        }
        foreach (var board in rights.GroupBy(r => schools.TryGetValue(r.School, out var s) ? (BoardNumber: s.BoardNumber, BoardName: s.BoardName) : (BoardNumber: "", BoardName: "")).OrderBy(b => b.Key.BoardNumber, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, $"bestuur-{board.Key.BoardNumber}.xlsx");
            var drawingRights = new BoardDrawingRights(
                board.Key.BoardNumber, board.Key.BoardName, scheme.Id, scheme.Name, year, board.ToList(),
                recorded.Where(t => t.BoardNumber == board.Key.BoardNumber).ToList(), costs, schools, months, starts);
            FileOutput.Publish(path, temporary => BoardWorkbook.Write(drawingRights, temporary));
            files.Add(path);
        }
        if (scheme.TermsFor(year) is { Flow: NoneFlow none, Key: PupilsKey key })
        {
            files.Add(WriteBalance(scheme, year, rights, pupils, municipalities, schools, none, key, folder));
        }
        return new DrawingRightsOutcome(scheme.Id, year, rights, files);
    }

    /// <summary>For a scheme without invoices: the year's balance of hosting against residents' use.</summary>
    private static string WriteBalance(
        Scheme scheme, int year, IReadOnlyList<DrawingRight> rights, IReadOnlyList<PupilCount> pupils,
        IReadOnlyDictionary<MunicipalityCode, Municipality> municipalities, IReadOnlyDictionary<SchoolLocationId, SchoolLocation> schools,
        NoneFlow flow, PupilsKey key, string folder)
    {
        var budgets = DrawingRightsCalculator.BudgetPerLocation(rights);
        var peildatum = scheme.CountingDate.ForFundingYear(year);
        var parts = PupilsSplit.Annual(budgets, pupils.Where(p => p.Peildatum == peildatum), key.MaskedCountValue, out var unsplittable);
        if (unsplittable.Count > 0)
        {
            throw new SettlementInputException(
                $"Scheme {scheme.Id}: {string.Join(", ", unsplittable)} have a budget for {year} but no pupil counts on {peildatum:yyyy-MM-dd}; the balance cannot be made.");
        }
        var rows = Balance.Compute(budgets, schools.Where(s => budgets.ContainsKey(s.Key)).ToDictionary(s => s.Key, s => s.Value.Municipality), parts, flow.BalanceThresholdPct);
        var path = Path.Combine(folder, $"balans-{scheme.Id}-{year}.xlsx");
        var statement = new BalanceStatement(scheme.Id, scheme.Name, year, flow.BalanceThresholdPct, rows, municipalities);
        FileOutput.Publish(path, temporary => BalanceWorkbook.Write(statement, temporary));
        return path;
    }
}
