using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Reports;
using Beschikbaarheid.Reports.Funder;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Application;

/// <summary>What <c>jaaroverzicht</c> wrote: the workbook and its figures.</summary>
public sealed record YearOverviewOutcome(string File, YearOverview Overview);

/// <summary>
/// The year overview of a scheme with the funder flow (issue 13, point 3): the pupils reached per location on the funding
/// year's Peildatum (those of the grade the scheme's <c>reach</c> names where the pupils file gave grades, else all), the
/// funder's cost as the year's stored runs recorded it, and the scheme's contributions in kind per board. Reads only; written to <c>&lt;out&gt;/&lt;scheme&gt;/jaaroverzicht-&lt;year&gt;.xlsx</c>.
/// </summary>
public sealed class YearOverviewService(
    SchemeFileLoader schemes,
    SchemeLocks locks,
    RegistryReader registry,
    DatabaseSetup database,
    IOptions<PathOptions> paths,
    ILogger<YearOverviewService> logger)
{
    public async Task<YearOverviewOutcome> WriteAsync(string schemeId, int year, CancellationToken cancellationToken = default)
    {
        var scheme = schemes.Load(schemeId);
        var terms = scheme.TermsFor(year);
        if (terms.Flow is not FunderFlow funder)
        {
            throw new SettlementRejectedException(
                $"Scheme {scheme.Id}: a year overview is for a scheme with the funder flow, this one has the {SupportedSchemes.TypeOf(terms.Flow)} flow. Nothing written.");
        }
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var (municipalities, schools) = await registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var peildatum = scheme.CountingDate.ForFundingYear(year);
        IReadOnlyList<Core.Settlement.Entry> settled;
        IReadOnlyList<GradedPupilCount> counts;
        await using (var session = await locks.AcquireAsync(scheme.Id, cancellationToken).ConfigureAwait(false))
        {
            settled = (await SettledState.LoadYearAsync(session, year, null, cancellationToken).ConfigureAwait(false)).Entries;
            counts = await SettlementInputReader.LoadGradedPupilCountsAsync(session, scheme, year, peildatum, cancellationToken).ConfigureAwait(false);
        }
        var masked = terms.Key is PupilsKey key ? key.MaskedCountValue : 2.5m;
        var cost = settled.Where(e => e.Municipality == funder.Funder).GroupBy(e => e.School).ToDictionary(g => g.Key, g => Money.Sum(g.Select(e => e.Amount)));
        var reached = PupilsReached.PerLocation(counts, terms.Reach, masked);
        var locations = terms.Schools.Union(cost.Keys).Order()
            .Select(s => new OverviewLocation(
                s,
                schools.TryGetValue(s, out var school) ? school.Name : "(onbekende locatie)",
                school?.BoardNumber ?? "",
                reached.PerLocation.GetValueOrDefault(s).Pupils,
                cost.GetValueOrDefault(s)))
            .ToList();
        var boards = schools.Values.GroupBy(s => s.BoardNumber).ToDictionary(g => g.Key, g => g.First().BoardName);
        var inKind = terms.InKind.OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => new OverviewInKind(b.Key, boards.GetValueOrDefault(b.Key, "(onbekend bestuur)"), b.Value.Hours, b.Value.HourlyValue, b.Value.Value))
            .ToList();
        var overview = new YearOverview(
            scheme.Id, scheme.Name, year, funder.Funder,
            municipalities.TryGetValue(funder.Funder, out var m) ? $"Gemeente {m.Name}" : funder.Funder.Value,
            terms.Reach?.Grade, peildatum, reached.PerLocation.Values.Any(p => p.Estimated), locations, inKind,
            reached.ByGrade.Count == 0 ? null : reached.WithoutGrade.Order().ToList());

        var folder = Path.Combine(paths.Value.Output, scheme.Id);
        var path = Path.Combine(folder, $"jaaroverzicht-{year}.xlsx");
        Directory.CreateDirectory(folder);
        foreach (var stale in StaleTemporaryFiles.Remove(folder))
        {
            logger.LogInformation("Removed {File}, left by an earlier run that was stopped while writing", stale);
        }
        FileOutput.Publish(path, temporary => YearOverviewWorkbook.Write(overview, temporary));
        logger.LogInformation("Year overview {Year} of {Scheme}: {Locations} location(s), {Boards} board(s) in kind, written to {File}",
            year, scheme.Id, locations.Count, inKind.Count, path);
        return new YearOverviewOutcome(path, overview);
    }
}
