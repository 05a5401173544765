using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// The funder flow: one municipality carries the whole pool. Each location's annual amount (a fixed budget split over the
/// locations by all their pupils on the Peildatum, whatever their residence; or a location's drawing-rights budget) is
/// the funder's, and its month is that amount's monthly schedule. The pupils only spread the cost over the locations for
/// reporting; nothing is invoiced.
/// </summary>
internal static class FunderCosts
{
    public static Costs OfFixedBudget(Scheme scheme, SchemeTerms terms, YearMonth period, FixedBudgetPool pool, FunderFlow flow, PupilsKey key, IReadOnlyList<PupilCount> counts)
    {
        var budget = pool.BudgetFor(period.Year)
            ?? throw new SettlementInputException($"Scheme {scheme.Id} has no budget for {period.Year} (pool.amounts); nothing recorded.");
        var pupils = PupilsPerLocation(scheme, terms, period.Year, key, counts);
        var weights = pupils.Where(p => p.Value.Pupils > 0).Select(p => KeyValuePair.Create(p.Key, p.Value.Pupils)).ToList();
        if (weights.Count == 0)
        {
            throw new SettlementInputException(
                $"Scheme {scheme.Id}: no pupil counts on {scheme.CountingDate.ForFundingYear(period.Year):yyyy-MM-dd} at its locations to spread the budget of {period.Year} over; import leerlingen first.");
        }
        return Record(terms, period, flow, Split.ByWeights(budget, weights), pupils);
    }

    public static Costs OfDrawingRights(Scheme scheme, SchemeTerms terms, YearMonth period, FunderFlow flow, PupilsKey key, IReadOnlyList<DrawingRight> rights, IReadOnlyList<PupilCount> counts)
    {
        if (rights.Count == 0)
        {
            throw new SettlementInputException(
                $"Scheme {scheme.Id} has no drawing rights for {period.Year}; compute them first (trekkingsrecht --scheme {scheme.Id} --year {period.Year}).");
        }
        return Record(terms, period, flow, DrawingRightsCalculator.BudgetPerLocation(rights), PupilsPerLocation(scheme, terms, period.Year, key, counts));
    }

    /// <summary>All pupils per scheme location on the Peildatum before <paramref name="year"/>, a masked count valued by the key.</summary>
    private static Dictionary<SchoolLocationId, (decimal Pupils, bool Estimated)> PupilsPerLocation(Scheme scheme, SchemeTerms terms, int year, PupilsKey key, IReadOnlyList<PupilCount> counts)
    {
        var peildatum = scheme.CountingDate.ForFundingYear(year);
        return counts.Where(c => c.Peildatum == peildatum && terms.Schools.Contains(c.School))
            .GroupBy(c => c.School)
            .ToDictionary(g => g.Key, g => (g.Sum(c => c.Count ?? key.MaskedCountValue), g.Any(c => c.Masked)));
    }

    private static Costs Record(SchemeTerms terms, YearMonth period, FunderFlow flow, IReadOnlyDictionary<SchoolLocationId, Money> annual,
        Dictionary<SchoolLocationId, (decimal Pupils, bool Estimated)> pupils)
    {
        if (!terms.Participants.Contains(flow.Funder))
        {
            throw new SettlementInputException($"The funder {flow.Funder} does not take part in {period}; nothing recorded.");
        }
        var shares = annual.OrderBy(a => a.Key)
            .Select(a =>
            {
                var (count, estimated) = pupils.GetValueOrDefault(a.Key);
                return new CostShare(a.Key, flow.Funder, count, MonthlySchedule.ForMonth(a.Value, period.Month), a.Value, estimated);
            })
            .ToList();
        var total = pupils.Values.Sum(p => p.Pupils);
        return new Costs(
            BasisUnit.Pupils,
            shares,
            new Dictionary<MunicipalityCode, int> { [flow.Funder] = (int)Math.Round(total, MidpointRounding.AwayFromZero) },
            pupils.ToDictionary(p => p.Key, p => (int)Math.Round(p.Value.Pupils, MidpointRounding.AwayFromZero)),
            [])
        {
            PupilsTotal = total,
        };
    }
}
