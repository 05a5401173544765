using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.DrawingRights;
using Beschikbaarheid.Data.Settlement;

namespace Beschikbaarheid.Worker.Application;

/// <summary>
/// What a scheme's settlement of a funding year is computed from, loaded in a few set-based queries inside
/// the unit of work's transaction; the same inputs serve every month of the year, so earlier months can be
/// computed again for corrections.
/// </summary>
public static class SchemeInputs
{
    /// <summary>Only what the pool and key need: beschikkingen for a per-child pool or the children key; stored drawing rights; pupil counts for the pupils key.</summary>
    public static async Task<SettlementInputs> LoadYearAsync(SchemeTransaction session, Scheme scheme, int year, CancellationToken cancellationToken)
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
