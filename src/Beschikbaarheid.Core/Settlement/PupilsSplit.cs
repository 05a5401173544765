using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>One municipality's part of one location's annual budget under the pupils key.</summary>
/// <param name="Pupils">The municipality's resident pupils at the location (a masked count at the scheme value).</param>
/// <param name="Estimated">The count was masked as &lt;5 and is an estimate.</param>
public sealed record LocationPart(SchoolLocationId School, MunicipalityCode Municipality, decimal Pupils, bool Estimated, Money Annual);

/// <summary>
/// The pupils key applied per cost unit (DOMAIN "Key"): each location's annual budget is split by the
/// residence of that location's pupils on the Peildatum, in cents by the split rule; a municipality's annual
/// share is the sum of its parts, and its months follow the monthly schedule rule.
/// </summary>
public static class PupilsSplit
{
    /// <param name="counts">Pupil counts on the Peildatum that sets the key (1 October before the funding year).</param>
    /// <param name="unsplittable">Locations with a budget but no pupils to split it by.</param>
    public static IReadOnlyList<LocationPart> Annual(
        IReadOnlyDictionary<SchoolLocationId, Money> budgets, IEnumerable<PupilCount> counts, decimal maskedCountValue,
        out IReadOnlyList<SchoolLocationId> unsplittable)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(counts);
        var bySchool = counts.Where(c => budgets.ContainsKey(c.School)).ToLookup(c => c.School);
        var parts = new List<LocationPart>();
        var refused = new List<SchoolLocationId>();
        foreach (var (school, budget) in budgets.OrderBy(b => b.Key))
        {
            var pupils = bySchool[school]
                .GroupBy(c => c.Residence)
                .ToDictionary(g => g.Key, g => (Pupils: g.Sum(c => c.Count ?? maskedCountValue), Estimated: g.Any(c => c.Masked)));
            if (pupils.Values.Sum(p => p.Pupils) <= 0)
            {
                if (budget != Money.Zero)
                {
                    refused.Add(school);
                }
                continue;
            }
            var split = Split.ByWeights(budget, pupils.Select(p => KeyValuePair.Create(p.Key, p.Value.Pupils)));
            parts.AddRange(split.OrderBy(s => s.Key).Select(s => new LocationPart(school, s.Key, pupils[s.Key].Pupils, pupils[s.Key].Estimated, s.Value)));
        }
        unsplittable = refused;
        return parts;
    }

    /// <summary>
    /// A municipality's amount for month k: the monthly schedule of its annual share (the sum of its parts),
    /// spread back over its locations by the split rule with the parts as weights, for invoice lines per school.
    /// </summary>
    public static IReadOnlyList<(SchoolLocationId School, Money Amount)> Month(IReadOnlyList<LocationPart> partsOfOneMunicipality, int month)
    {
        ArgumentNullException.ThrowIfNull(partsOfOneMunicipality);
        return Month(partsOfOneMunicipality.Select(p => (p.School, p.Annual)).ToList(), month);
    }

    /// <summary>The same rule for one payer's annual parts per location (a municipality's, or a funder's).</summary>
    public static IReadOnlyList<(SchoolLocationId School, Money Amount)> Month(IReadOnlyList<(SchoolLocationId School, Money Annual)> parts, int month)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var annual = Money.Sum(parts.Select(p => p.Annual));
        var amount = MonthlySchedule.ForMonth(annual, month);
        if (annual == Money.Zero)
        {
            return parts.Select(p => (p.School, Money.Zero)).ToList();
        }
        var lines = Split.ByWeights(amount, parts.Select(p => KeyValuePair.Create(p.School, (decimal)p.Annual.Cents)));
        return lines.OrderBy(l => l.Key).Select(l => (l.Key, l.Value)).ToList();
    }
}
