using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.DrawingRights;
using Beschikbaarheid.Data.Municipalities;
using Beschikbaarheid.Data.Settlement;
using Microsoft.Extensions.Logging;

namespace Beschikbaarheid.Worker.Application;

/// <summary>
/// What a scheme's settlement of a funding year is computed from, loaded in a few set-based queries inside
/// the unit of work's transaction; the same inputs serve every month of the year, so earlier months can be
/// computed again for corrections.
/// </summary>
public static class SchemeInputs
{
    /// <summary>
    /// The scheme with the codes mergers give it (<see cref="Successions.Apply(Scheme, Mergers)"/>), read under the lock; a
    /// successor that takes part through a merger in <paramref name="year"/> is logged.
    /// </summary>
    public static async Task<(Scheme Scheme, Mergers Mergers)> MergedAsync(SchemeTransaction session, Scheme scheme, int year, ILogger logger)
    {
        var mergers = await MergerStore.LoadAsync(session).ConfigureAwait(false);
        var (merged, successions) = Successions.Apply(scheme, mergers);
        foreach (var succession in successions.Where(s => s.Year == year && s.Joined))
        {
            logger.LogInformation("{Scheme}: {New} takes part from {Date:yyyy-MM-dd} as the legal successor of participant {Old} (merger)",
                scheme.Id, succession.Merger.New, succession.Merger.Date, succession.Merger.Old);
        }
        return (merged, mergers);
    }

    /// <summary>
    /// Only what the pool and key need: beschikkingen for a per-child pool or the children key; stored drawing rights; pupil
    /// counts for the pupils key; each residence as mergers make it in <paramref name="year"/> (<see cref="Successions.Apply(SettlementInputs, Mergers, int)"/>).
    /// </summary>
    public static async Task<SettlementInputs> LoadYearAsync(SchemeTransaction session, Scheme scheme, int year, CancellationToken cancellationToken) =>
        Successions.Apply(await LoadAsync(session, scheme, year, cancellationToken).ConfigureAwait(false), await MergerStore.LoadAsync(session).ConfigureAwait(false), year);

    private static async Task<SettlementInputs> LoadAsync(SchemeTransaction session, Scheme scheme, int year, CancellationToken cancellationToken)
    {
        var terms = scheme.TermsFor(year);
        var rights = terms.Pool is DrawingRightsPool
            ? await DrawingRightsStore.LoadAsync(session, year, cancellationToken).ConfigureAwait(false)
            : [];
        var pupils = terms.Key is PupilsKey or BlendKey
            ? await SettlementInputReader.LoadPupilCountsAsync(session, scheme, year, [scheme.CountingDate.ForFundingYear(year)], cancellationToken).ConfigureAwait(false)
            : [];
        var children = terms.Pool is PerChildPool || terms.Key is ChildrenKey or BlendKey
            ? await SettlementInputReader.LoadBeschikkingenAsync(session, scheme, year, cancellationToken).ConfigureAwait(false)
            : [];
        if (terms.Pool is EstimatePool)
        {
            return new SettlementInputs(children, rights, pupils)
            {
                Estimates = await Beschikbaarheid.Data.Estimates.EstimateStore.LoadEstimatesAsync(session, [year], cancellationToken).ConfigureAwait(false),
                Realisation = await Beschikbaarheid.Data.Estimates.EstimateStore.LoadRealisationAsync(session, [year], cancellationToken).ConfigureAwait(false),
            };
        }
        return new SettlementInputs(children, rights, pupils);
    }

    /// <summary>Refuses a year before the scheme starts, and participants or schools the database does not know.</summary>
    public static async Task CheckReferencesAsync(SchemeTransaction session, Scheme scheme, int year)
    {
        if (year < scheme.StartYear)
        {
            throw new SettlementRejectedException($"Scheme {scheme.Id} starts in {scheme.StartYear}; there is nothing to settle in {year}. Nothing issued.");
        }
        var (municipalities, schools) = await RegistryReader.LoadAsync(session).ConfigureAwait(false);
        var terms = scheme.TermsFor(year);
        var unknown = terms.Participants.Order().Where(p => !municipalities.ContainsKey(p)).Select(p => $"participant {p}")
            .Concat(terms.Schools.Order().Where(s => !schools.ContainsKey(s)).Select(s => $"school {s}"))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new SettlementRejectedException(
                $"Scheme {scheme.Id} names {string.Join(", ", unknown)}, not in the database; import gemeenten and scholen first. Nothing issued.");
        }
    }
}
