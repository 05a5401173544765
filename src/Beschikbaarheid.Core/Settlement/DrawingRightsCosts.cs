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

    /// <summary>
    /// Under the children key: each location's month (the monthly schedule of its annual budget) is split
    /// over the participants by the active days in that month of their resident children with a Jeugdwet
    /// beschikking at the location.
    /// </summary>
    public static Costs CalculateByChildren(Scheme scheme, YearMonth period, IReadOnlyList<DrawingRight> rights, IReadOnlyList<Beschikking> beschikkingen)
    {
        if (rights.Count == 0)
        {
            throw new SettlementInputException($"Scheme {scheme.Id} has no drawing rights for {period.Year}; compute them first (trekkingsrecht --scheme {scheme.Id} --year {period.Year}).");
        }
        var terms = scheme.TermsFor(period.Year);
        var budgets = rights.GroupBy(r => r.School).ToDictionary(g => g.Key, g => Money.Sum(g.Select(r => r.Budget)));
        var days = new Dictionary<(SchoolLocationId School, MunicipalityCode Residence), (long Days, HashSet<string> Children)>();
        foreach (var b in beschikkingen.Where(b => b.Law == Law.JW && budgets.ContainsKey(b.School) && terms.Participants.Contains(b.Residence)))
        {
            var active = b.Active.DaysWithin(period.FirstDay, period.LastDay);
            if (active > 0)
            {
                var key = (b.School, b.Residence);
                var (sum, children) = days.TryGetValue(key, out var entry) ? entry : (0L, new HashSet<string>(StringComparer.Ordinal));
                children.Add(b.Client);
                days[key] = (sum + active, children);
            }
        }

        var shares = new List<CostShare>();
        var unsplittable = new List<SchoolLocationId>();
        foreach (var (school, budget) in budgets.OrderBy(b => b.Key))
        {
            var month = MonthlySchedule.ForMonth(budget, period.Month);
            var weights = days.Where(d => d.Key.School == school).ToDictionary(d => d.Key.Residence, d => (decimal)d.Value.Days);
            if (weights.Count == 0)
            {
                if (month != Money.Zero)
                {
                    unsplittable.Add(school);
                }
                continue;
            }
            foreach (var (municipality, amount) in Split.ByWeights(month, weights))
            {
                shares.Add(new CostShare(school, municipality, weights[municipality], amount, Money.Zero));
            }
        }
        if (unsplittable.Count > 0)
        {
            throw new SettlementInputException(
                $"Scheme {scheme.Id}: {string.Join(", ", unsplittable)} {(unsplittable.Count == 1 ? "has" : "have")} a budget in {period} but no participants' children with a Jeugdwet beschikking to split it by.");
        }
        return new Costs(
            BasisUnit.ChildDays,
            shares,
            days.GroupBy(d => d.Key.Residence).ToDictionary(g => g.Key, g => g.SelectMany(d => d.Value.Children).Distinct().Count()),
            days.GroupBy(d => d.Key.School).ToDictionary(g => g.Key, g => g.SelectMany(d => d.Value.Children).Distinct().Count()),
            []);
    }
}
