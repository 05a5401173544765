using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.WhatIf;

/// <summary>A scheme's pool of one funding year as the what-if splits it.</summary>
public abstract record WhatIfPool
{
    public abstract Money Total { get; }
}

/// <summary>A drawing-rights pool: the stored drawing rights' budget per location; the key applies location by location.</summary>
public sealed record LocationBudgets(IReadOnlyDictionary<SchoolLocationId, Money> Budgets) : WhatIfPool
{
    public override Money Total => Money.Sum(Budgets.Values);
}

/// <summary>A fixed-budget pool: one amount, split as a whole by the figures of all the scheme's locations.</summary>
public sealed record WholeBudget(Money Budget, IReadOnlySet<SchoolLocationId> Schools) : WhatIfPool
{
    public override Money Total => Budget;
}

/// <summary>What a comparison is computed from.</summary>
/// <param name="Pupils">Pupil counts at the scheme's schools on the Peildatum that keys the year.</param>
/// <param name="Beschikkingen">Beschikkingen at the scheme's schools active in the year (others are ignored).</param>
/// <param name="ChildrenOf">Whose children count under the children key: the participants under a drawing-rights pool (as
/// settlement does), null for every municipality (a fixed budget is split over participants and non-participants alike,
/// as the cashier does).</param>
public sealed record WhatIfInputs(
    int Year, WhatIfPool Pool, IReadOnlyList<PupilCount> Pupils, IReadOnlyList<Beschikking> Beschikkingen,
    decimal MaskedCountValue, IReadOnlySet<MunicipalityCode>? ChildrenOf);

/// <summary>One key's column: each municipality's annual amount; the amounts add up to the pool.</summary>
public sealed record KeyColumn(string Label, Key Key, IReadOnlyDictionary<MunicipalityCode, Money> Amounts)
{
    public Money Of(MunicipalityCode municipality) => Amounts.GetValueOrDefault(municipality);
}

/// <summary>The path from the current key to one alternative: year i of N, each municipality's amount.</summary>
public sealed record PhaseIn(KeyColumn Alternative, IReadOnlyList<IReadOnlyDictionary<MunicipalityCode, Money>> Years);

/// <summary>The whole comparison: the current key, the alternatives and, when asked, their phase-in paths.</summary>
public sealed record KeyComparisonResult(Money Pool, KeyColumn Current, IReadOnlyList<KeyColumn> Alternatives, IReadOnlyList<PhaseIn> PhaseIns)
{
    /// <summary>Every municipality with an amount under any key, in code order.</summary>
    public IReadOnlyList<MunicipalityCode> Municipalities =>
        [.. new[] { Current }.Concat(Alternatives).SelectMany(c => c.Amounts.Keys).Distinct().Order()];
}

/// <summary>
/// The what-if of keys (issue 15, point 3): the scheme's pool of a year split by its current key and by alternative
/// keys, each by the split rule to the cent so every column adds up to the same pool, and a linear phase-in from the
/// current split to each alternative. Pure; stores nothing.
/// </summary>
/// <remarks>
/// Under a drawing-rights pool each location's budget is split by that location's figures (DOMAIN "Key"), and a
/// municipality's amount is the sum of its parts; a fixed budget is split as a whole. The children key weighs the
/// active days in the year of resident children with a Jeugdwet beschikking at the location, a child's day counted
/// once per location (overlapping beschikkingen of one child do not double its days). The year is split once by the
/// year's figures: under the children key settlement splits month by month, so its twelve months can differ from
/// this column by the month-to-month changes in the figures.
/// </remarks>
public static class KeyComparison
{
    public static KeyComparisonResult Compare(Key current, IReadOnlyList<(string Label, Key Key)> alternatives, WhatIfInputs inputs, int phaseInYears = 0)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(alternatives);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Pool.Total <= Money.Zero)
        {
            throw new SettlementInputException($"The pool of {inputs.Year} is {inputs.Pool.Total.Euros:0.00} euro: there is nothing to split, so nothing to compare.");
        }
        var currentColumn = new KeyColumn("huidig", current, Amounts(current, "de huidige sleutel", inputs));
        var columns = alternatives.Select(a => new KeyColumn(a.Label, a.Key, Amounts(a.Key, a.Label, inputs))).ToList();
        var phaseIns = phaseInYears > 0
            ? columns.Select(c => new PhaseIn(c, Path(inputs.Pool.Total, currentColumn.Amounts, c.Amounts, phaseInYears))).ToList()
            : [];
        return new KeyComparisonResult(inputs.Pool.Total, currentColumn, columns, phaseIns);
    }

    /// <summary>
    /// Year i of N: each municipality weighs current + (alternative − current) × i / N, in cents: over one denominator
    /// that is current × (N − i) + alternative × i, so the weights stay exact integers. The pool is split by them by the
    /// split rule: each year adds up to the pool, and year N is the alternative to the cent.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<MunicipalityCode, Money>> Path(
        Money pool, IReadOnlyDictionary<MunicipalityCode, Money> current, IReadOnlyDictionary<MunicipalityCode, Money> alternative, int years)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(alternative);
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        var municipalities = current.Keys.Union(alternative.Keys).Order().ToList();
        var path = new List<IReadOnlyDictionary<MunicipalityCode, Money>>();
        for (var i = 1; i <= years; i++)
        {
            var weights = municipalities.Select(m => KeyValuePair.Create(m,
                (decimal)current.GetValueOrDefault(m).Cents * (years - i) + (decimal)alternative.GetValueOrDefault(m).Cents * i));
            path.Add(Split.ByWeights(pool, weights));
        }
        return path;
    }

    /// <summary>Each municipality's annual amount under one key.</summary>
    public static IReadOnlyDictionary<MunicipalityCode, Money> Amounts(Key key, string label, WhatIfInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(inputs);
        var pupils = PupilWeights(inputs);
        var days = ChildDays(inputs);
        switch (inputs.Pool)
        {
            case LocationBudgets { Budgets: var budgets } when key is PupilsKey:
            {
                // The settlement's own split of the pupils key, location by location.
                var peildatumCounts = inputs.Pupils;
                var parts = PupilsSplit.Annual(budgets, peildatumCounts, inputs.MaskedCountValue, out var unsplittable);
                Refuse(unsplittable, label, "no pupils");
                return parts.GroupBy(p => p.Municipality).ToDictionary(g => g.Key, g => Money.Sum(g.Select(p => p.Annual)));
            }
            case LocationBudgets { Budgets: var budgets }:
            {
                var amounts = new Dictionary<MunicipalityCode, Money>();
                var unsplittable = new List<SchoolLocationId>();
                foreach (var (school, budget) in budgets.OrderBy(b => b.Key))
                {
                    var weights = Weights(key, label, Of(pupils, school), Of(days, school));
                    if (weights.Values.Sum() <= 0)
                    {
                        if (budget != Money.Zero)
                        {
                            unsplittable.Add(school);
                        }
                        continue;
                    }
                    foreach (var (municipality, amount) in Split.ByWeights(budget, weights))
                    {
                        amounts[municipality] = amounts.GetValueOrDefault(municipality) + amount;
                    }
                }
                Refuse(unsplittable, label, key is ChildrenKey ? "no children with a Jeugdwet beschikking" : "neither pupils nor children");
                return amounts;
            }
            case WholeBudget whole:
            {
                var weights = Weights(key, label, Whole(pupils, whole.Schools), Whole(days, whole.Schools));
                if (weights.Values.Sum() <= 0)
                {
                    throw new SettlementInputException($"Under {label} the scheme's locations have nothing to split the budget by in {inputs.Year}.");
                }
                return Split.ByWeights(whole.Budget, weights);
            }
            default:
                throw new NotSupportedException($"The what-if does not split a {inputs.Pool.GetType().Name}.");
        }
    }

    /// <summary>
    /// A municipality's weight under a key, from its pupils and its child-days: under a blend Σ weight × its share under
    /// each key, put over one denominator as settlement's blend does (weight_p × pupils_m × C + weight_c × days_m × P, P
    /// and C the totals); a key without figures drops out and the other carries the whole.
    /// </summary>
    private static Dictionary<MunicipalityCode, decimal> Weights(
        Key key, string label, IReadOnlyDictionary<MunicipalityCode, decimal> pupils, IReadOnlyDictionary<MunicipalityCode, decimal> days)
    {
        switch (key)
        {
            case PupilsKey:
                return pupils.Where(p => p.Value > 0).ToDictionary();
            case ChildrenKey:
                return days.Where(d => d.Value > 0).ToDictionary();
            case BlendKey blend:
                if (blend.Parts.Any(p => p.Key is not (PupilsKey or ChildrenKey)))
                {
                    throw new NotSupportedException($"{label}: a blend weighs only the pupils and children keys.");
                }
                var wp = blend.Parts.Where(p => p.Key is PupilsKey).Sum(p => p.Weight);
                var wc = blend.Parts.Where(p => p.Key is ChildrenKey).Sum(p => p.Weight);
                var pupilTotal = pupils.Values.Sum();
                var dayTotal = days.Values.Sum();
                if (pupilTotal <= 0) wp = 0;
                if (dayTotal <= 0) wc = 0;
                return pupils.Keys.Union(days.Keys).ToDictionary(
                    m => m,
                    m => wp * pupils.GetValueOrDefault(m) * (dayTotal > 0 ? dayTotal : 1) + wc * days.GetValueOrDefault(m) * (pupilTotal > 0 ? pupilTotal : 1));
            default:
                throw new NotSupportedException($"{label}: the what-if compares the pupils and children keys and blends of them.");
        }
    }

    /// <summary>Pupils per location and residence, a masked count at the masked-count value.</summary>
    private static Dictionary<(SchoolLocationId School, MunicipalityCode Residence), decimal> PupilWeights(WhatIfInputs inputs) =>
        inputs.Pupils.GroupBy(c => (c.School, c.Residence)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count ?? inputs.MaskedCountValue));

    /// <summary>Child-days in the year per location and residence of resident Jeugdwet children, as settlement counts them (<see cref="ChildDayCounts"/>).</summary>
    private static Dictionary<(SchoolLocationId School, MunicipalityCode Residence), decimal> ChildDays(WhatIfInputs inputs) =>
        ChildDayCounts.Of(
                inputs.Beschikkingen.Where(b => b.Law == Law.JW && (inputs.ChildrenOf is null || inputs.ChildrenOf.Contains(b.Residence))),
                new DateOnly(inputs.Year, 1, 1), new DateOnly(inputs.Year, 12, 31))
            .ToDictionary(d => d.Key, d => (decimal)d.Value.Days);

    private static Dictionary<MunicipalityCode, decimal> Of(Dictionary<(SchoolLocationId School, MunicipalityCode Residence), decimal> figures, SchoolLocationId school) =>
        figures.Where(f => f.Key.School == school).ToDictionary(f => f.Key.Residence, f => f.Value);

    private static Dictionary<MunicipalityCode, decimal> Whole(Dictionary<(SchoolLocationId School, MunicipalityCode Residence), decimal> figures, IReadOnlySet<SchoolLocationId> schools) =>
        figures.Where(f => schools.Contains(f.Key.School)).GroupBy(f => f.Key.Residence).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));

    private static void Refuse(IReadOnlyList<SchoolLocationId> unsplittable, string label, string what)
    {
        if (unsplittable.Count > 0)
        {
            throw new SettlementInputException(
                $"Under {label}, {string.Join(", ", unsplittable)} {(unsplittable.Count == 1 ? "has" : "have")} a budget but {what} to split it by; the keys cannot be compared.");
        }
    }
}
