using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// A drawing-rights pool under the pupils key: each location's annual budget (Σ over categories of FTE ×
/// cost) is split by its pupils' residence; a municipality's month is the monthly schedule of its annual
/// share, spread back over its locations for the invoice lines.
/// </summary>
internal static class DrawingRightsCosts
{
    public static Costs Calculate(Scheme scheme, YearMonth period, IReadOnlyList<DrawingRight> rights, IReadOnlyList<PupilCount> counts, PupilsKey key)
    {
        var schemeId = scheme.Id;
        if (rights.Count == 0)
        {
            throw new SettlementInputException($"Scheme {schemeId} has no drawing rights for {period.Year}; compute them first (trekkingsrecht --scheme {schemeId} --year {period.Year}).");
        }
        var budgets = rights.GroupBy(r => r.School).ToDictionary(g => g.Key, g => Money.Sum(g.Select(r => r.Budget)));
        var peildatum = scheme.CountingDate.ForFundingYear(period.Year);
        var parts = PupilsSplit.Annual(budgets, counts.Where(c => c.Peildatum == peildatum), key.MaskedCountValue, out var unsplittable);
        if (unsplittable.Count > 0)
        {
            throw new SettlementInputException(
                $"Scheme {schemeId}: {string.Join(", ", unsplittable)} {(unsplittable.Count == 1 ? "has" : "have")} a budget for {period.Year} but no pupil counts on {peildatum:yyyy-MM-dd} to split it by; import leerlingen first.");
        }

        var shares = new List<CostShare>();
        foreach (var ofMunicipality in parts.GroupBy(p => p.Municipality))
        {
            var byLocation = ofMunicipality.ToList();
            var month = PupilsSplit.Month(byLocation, period.Month).ToDictionary(l => l.School, l => l.Amount);
            shares.AddRange(byLocation.Select(p => new CostShare(p.School, p.Municipality, p.Pupils, month[p.School], p.Annual)));
        }
        return new Costs(
            BasisUnit.Pupils,
            shares,
            parts.GroupBy(p => p.Municipality).ToDictionary(g => g.Key, g => (int)Math.Round(g.Sum(p => p.Pupils), MidpointRounding.AwayFromZero)),
            parts.GroupBy(p => p.School).ToDictionary(g => g.Key, g => (int)Math.Round(g.Sum(p => p.Pupils), MidpointRounding.AwayFromZero)),
            []);
    }
}
