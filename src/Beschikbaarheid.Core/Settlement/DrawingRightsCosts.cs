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
    /// <remarks>
    /// Under a lead the non-participants' annual parts are placed by the flow's <c>nonParticipants</c> before the monthly
    /// schedule (<see cref="NonParticipantRule"/>), so a carrier's month is the schedule of its annual share with what it took over.
    /// </remarks>
    /// <param name="budgets">Each location's annual budget as the key splits it: after the funders' shares (<see cref="FunderShares"/>).</param>
    public static Costs Calculate(Scheme scheme, SchemeTerms terms, YearMonth period, IReadOnlyDictionary<SchoolLocationId, Money> budgets, IReadOnlyList<PupilCount> counts, PupilsKey key)
    {
        var schemeId = scheme.Id;
        var peildatum = scheme.CountingDate.ForFundingYear(period.Year);
        var all = PupilsSplit.Annual(budgets, counts.Where(c => c.Peildatum == peildatum), key.MaskedCountValue, out var unsplittable);
        var parts = NonParticipantRule.Apply(
                all.Select(p => new LocationAmount(p.School, p.Municipality, p.Pupils, p.Pupils, p.Estimated, [p.Annual])).ToList(), terms, out var outside)
            .Select(a => new LocationPart(a.School, a.Municipality, a.Basis, a.Estimated, a.Amounts[0]))
            .ToList();
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
            shares.AddRange(byLocation.Select(p => new CostShare(p.School, p.Municipality, p.Pupils, month[p.School], p.Annual, p.Estimated)));
        }
        return new Costs(
            BasisUnit.Pupils,
            shares,
            parts.GroupBy(p => p.Municipality).ToDictionary(g => g.Key, g => (int)Math.Round(g.Sum(p => p.Pupils), MidpointRounding.AwayFromZero)),
            all.GroupBy(p => p.School).ToDictionary(g => g.Key, g => (int)Math.Round(g.Sum(p => p.Pupils), MidpointRounding.AwayFromZero)),
            [])
        {
            NonParticipants = outside,
        };
    }

    /// <summary>
    /// Under the children key: each location's month (the monthly schedule of its annual budget) is split
    /// over the participants by the active days in that month of their resident children with a Jeugdwet
    /// beschikking at the location; a child's day counts once per location, also when it has two overlapping
    /// beschikkingen there.
    /// </summary>
    /// <remarks>
    /// The annual projection ("Jaarbedrag (prognose)") is the location's annual budget split by the same
    /// weights as the month: what each municipality would carry if the year went on as this month. It is an
    /// estimate to show only: the year end sums the twelve months.
    /// </remarks>
    public static Costs CalculateByChildren(Scheme scheme, SchemeTerms terms, YearMonth period, IReadOnlyDictionary<SchoolLocationId, Money> budgets, IReadOnlyList<Beschikking> beschikkingen)
    {
        var days = ChildDayCounts.Of(beschikkingen.Where(b => b.Law == Law.JW && budgets.ContainsKey(b.School) && terms.Participants.Contains(b.Residence)), period.FirstDay, period.LastDay);

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
            var projection = Split.ByWeights(budget, weights);
            foreach (var (municipality, amount) in Split.ByWeights(month, weights))
            {
                shares.Add(new CostShare(school, municipality, weights[municipality], amount, projection[municipality]));
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

    /// <summary>
    /// Under a blend of the pupils and children keys: each location's month (the monthly schedule of its
    /// annual budget) is split by Σ weight × the municipality's share under each key. The shares are kept
    /// exact by putting them over one denominator: weight_p × pupils_m × C + weight_c × days_m × P, where P
    /// and C are the location's pupils and child-days. Child-days count a child's day once per location, as
    /// under the children key.
    /// </summary>
    /// <remarks>
    /// The annual projection is the location's annual budget split by the same blend weights as the month, as
    /// under the children key: an estimate to show, the year end sums the twelve months.
    /// </remarks>
    public static Costs CalculateByBlend(
        Scheme scheme, SchemeTerms terms, YearMonth period, IReadOnlyDictionary<SchoolLocationId, Money> budgets, IReadOnlyList<PupilCount> counts, IReadOnlyList<Beschikking> beschikkingen, BlendKey blend)
    {
        if (blend.Parts.Any(p => p.Key is not (PupilsKey or ChildrenKey)))
        {
            throw new NotSupportedException($"Scheme {scheme.Id}: a blend of keys other than pupils and children cannot be settled by this version; nothing issued.");
        }
        var pupilsWeight = blend.Parts.Where(p => p.Key is PupilsKey).Sum(p => p.Weight);
        var childrenWeight = blend.Parts.Where(p => p.Key is ChildrenKey).Sum(p => p.Weight);
        var masked = blend.Parts.Select(p => p.Key).OfType<PupilsKey>().Select(k => k.MaskedCountValue).FirstOrDefault(2.5m);
        var peildatum = scheme.CountingDate.ForFundingYear(period.Year);
        var atPeildatum = counts.Where(c => c.Peildatum == peildatum).ToList();
        var pupils = atPeildatum.GroupBy(c => (c.School, c.Residence)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count ?? masked));
        var estimated = atPeildatum.Where(c => c.Masked).Select(c => (c.School, c.Residence)).ToHashSet();
        var days = ChildDayCounts.Of(beschikkingen.Where(b => b.Law == Law.JW && terms.Participants.Contains(b.Residence)), period.FirstDay, period.LastDay)
            .ToDictionary(d => d.Key, d => (decimal)d.Value.Days);

        var amounts = new List<LocationAmount>();
        var unsplittable = new List<SchoolLocationId>();
        foreach (var (school, budget) in budgets.OrderBy(b => b.Key))
        {
            var p = pupils.Where(x => x.Key.School == school).ToDictionary(x => x.Key.Residence, x => x.Value);
            var c = days.Where(x => x.Key.School == school && x.Value > 0).ToDictionary(x => x.Key.Residence, x => x.Value);
            var pupilTotal = p.Values.Sum();
            var dayTotal = c.Values.Sum();
            // A key without figures at this location drops out, and the other carries the whole month.
            var wp = pupilTotal > 0 ? pupilsWeight : 0m;
            var wc = dayTotal > 0 ? childrenWeight : 0m;
            var weights = p.Keys.Union(c.Keys).ToDictionary(
                m => m,
                m => wp * p.GetValueOrDefault(m) * (dayTotal > 0 ? dayTotal : 1) + wc * c.GetValueOrDefault(m) * (pupilTotal > 0 ? pupilTotal : 1));
            var month = MonthlySchedule.ForMonth(budget, period.Month);
            if (weights.Values.Sum() <= 0)
            {
                if (month != Money.Zero)
                {
                    unsplittable.Add(school);
                }
                continue;
            }
            var projection = Split.ByWeights(budget, weights);
            foreach (var (municipality, amount) in Split.ByWeights(month, weights))
            {
                amounts.Add(new LocationAmount(school, municipality, p.GetValueOrDefault(municipality), weights[municipality], estimated.Contains((school, municipality)), [amount, projection[municipality]]));
            }
        }
        if (unsplittable.Count > 0)
        {
            throw new SettlementInputException(
                $"Scheme {scheme.Id}: {string.Join(", ", unsplittable)} {(unsplittable.Count == 1 ? "has" : "have")} a budget in {period} but neither pupils nor children to split it by.");
        }
        // Children count only for participants (as under the children key); a non-participant has a part through its
        // pupils, which a lead places by its nonParticipants, the location's month and projection each split on their own.
        var shares = NonParticipantRule.Apply(amounts, terms, out var outside)
            .Select(a => new CostShare(a.School, a.Municipality, a.Basis, a.Amounts[0], a.Amounts[1], a.Estimated))
            .ToList();
        return new Costs(
            BasisUnit.Pupils,
            shares,
            shares.GroupBy(s => s.Municipality).ToDictionary(g => g.Key, g => (int)Math.Round(g.Sum(s => s.Basis), MidpointRounding.AwayFromZero)),
            amounts.GroupBy(s => s.School).ToDictionary(g => g.Key, g => (int)Math.Round(g.Sum(s => s.Basis), MidpointRounding.AwayFromZero)),
            [])
        {
            NonParticipants = outside,
        };
    }

    /// <summary>Each location's budget; a month cannot be settled before its year's drawing rights are computed.</summary>
    public static IReadOnlyDictionary<SchoolLocationId, Money> BudgetsOrRefuse(Scheme scheme, YearMonth period, IReadOnlyList<DrawingRight> rights) =>
        rights.Count > 0
            ? DrawingRightsCalculator.BudgetPerLocation(rights)
            : throw new SettlementInputException(
                $"Scheme {scheme.Id} has no drawing rights for {period.Year}; compute them first (trekkingsrecht --scheme {scheme.Id} --year {period.Year}).");
}
