using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>The cashier's figures for one month: what each participant pays, what falls in the gap and which fund covers it.</summary>
public sealed record CashierMonth(
    IReadOnlyDictionary<MunicipalityCode, Money> Contributions,
    IReadOnlyDictionary<MunicipalityCode, Money> GapParts,
    IReadOnlyList<(string Fund, Money Amount)> Covered)
{
    public Money Gap => Money.Sum(GapParts.Values);

    public Money Uncovered => Gap - Money.Sum(Covered.Select(c => c.Amount));
}

/// <summary>
/// The cashier's year: each municipality's part of the budget, each participant's contribution, the gap
/// left by non-participants (and by participants in the months they do not take part), which fund covers
/// how much of it, and what stays uncovered.
/// </summary>
/// <param name="Parts">Every municipality's part of the budget by its pupils, participant or not; with funders, of what is left after their shares.</param>
/// <param name="Months">The months each participant takes part in.</param>
/// <param name="GapParts">Per municipality, the part of its budget share that falls in the gap.</param>
public sealed record CashierYear(
    IReadOnlyDictionary<MunicipalityCode, Money> Parts,
    IReadOnlyDictionary<MunicipalityCode, (int First, int Last)> Months,
    IReadOnlyDictionary<MunicipalityCode, Money> Contributions,
    IReadOnlyDictionary<MunicipalityCode, Money> GapParts,
    NonParticipants Mode,
    IReadOnlyList<(string Fund, Money Amount)> Covered)
{
    public Money Gap => Money.Sum(GapParts.Values);

    public Money Uncovered => Mode == NonParticipants.Gap ? Gap - Money.Sum(Covered.Select(c => c.Amount)) : Money.Zero;

    /// <summary>
    /// The shares of funders that are not municipalities (<see cref="FunderShares.Annual"/>), taken off the budget before
    /// it was split: <see cref="Parts"/> add up to the budget less these. Empty for a scheme without funders.
    /// </summary>
    public IReadOnlyList<(Funder Funder, Money Annual)> Funders { get; init; } = [];

    /// <summary>What the cashier has to pay out: everything collected, from municipalities and funders, plus the covered part of the gap.</summary>
    public Money Available => Money.Sum(Contributions.Values) + Money.Sum(Funders.Select(f => f.Annual)) + Money.Sum(Covered.Select(c => c.Amount));

    /// <summary>
    /// Month k: a participant pays instalment j of n of its contribution, n being its months in the year
    /// (over twelve months this is the monthly schedule). The gap of the month is every municipality's
    /// scheduled month of its part in a month it does not take part. The funds cover the gap in proportion as
    /// it builds up: by month k together ⌊covered × gap through k / gap of the year⌋, which never exceeds the
    /// month's gap and reaches the covered total in December; the funds take that in the order of the scheme.
    /// </summary>
    public CashierMonth Month(int month)
    {
        var contributions = new Dictionary<MunicipalityCode, Money>();
        foreach (var (municipality, (first, last)) in Months)
        {
            if (month >= first && month <= last)
            {
                contributions[municipality] = MonthlySchedule.ForInstalment(Contributions[municipality], month - first + 1, last - first + 1);
            }
        }
        var gapParts = Parts
            .Where(p => !contributions.ContainsKey(p.Key))
            .Select(p => KeyValuePair.Create(p.Key, MonthlySchedule.ForMonth(p.Value, month)))
            .Where(p => p.Value != Money.Zero)
            .ToDictionary();
        if (Mode == NonParticipants.Spread || Gap == Money.Zero)
        {
            return new CashierMonth(contributions, gapParts, []);
        }

        var coveredTotal = Money.Sum(Covered.Select(c => c.Amount));
        Money CoveredThrough(int k) => k == 0 ? Money.Zero : new Money(checked(coveredTotal.Cents * GapThrough(k).Cents) / Gap.Cents);
        var before = CoveredThrough(month - 1);
        var through = CoveredThrough(month);
        var covered = new List<(string, Money)>();
        var fundStart = Money.Zero;
        foreach (var (fund, amount) in Covered)
        {
            covered.Add((fund, Clamp(through - fundStart, amount) - Clamp(before - fundStart, amount)));
            fundStart += amount;
        }
        return new CashierMonth(contributions, gapParts, covered);
    }

    private Money GapThrough(int month) =>
        Money.Sum(Enumerable.Range(1, month).SelectMany(k => Parts.Where(p => !TakesPart(p.Key, k)).Select(p => MonthlySchedule.ForMonth(p.Value, k))));

    private bool TakesPart(MunicipalityCode municipality, int month) =>
        Months.TryGetValue(municipality, out var months) && month >= months.First && month <= months.Last;

    private static Money Clamp(Money value, Money max) => value < Money.Zero ? Money.Zero : value > max ? max : value;
}

/// <summary>
/// The <c>cashier</c> flow's split of a budget (DOMAIN "Flow"): the budget is split by the split rule over
/// every municipality with pupils, participants and non-participants alike, so leftover cents go to the
/// largest remainders across both and ties to the lowest code. Non-participants' parts then form the gap,
/// or are split again over the participants by their pupils.
/// </summary>
public static class CashierSplit
{
    /// <summary>Every participant takes part the whole year.</summary>
    public static CashierYear Annual(
        Money budget, IReadOnlyDictionary<MunicipalityCode, decimal> pupils, IReadOnlySet<MunicipalityCode> participants,
        NonParticipants mode, IReadOnlyList<GapFund> funds)
    {
        ArgumentNullException.ThrowIfNull(participants);
        return Annual(budget, pupils, participants.ToDictionary(p => p, _ => (1, 12)), mode, funds);
    }

    /// <summary>
    /// A participant that takes part only some months is prorated by months first: it contributes the
    /// scheduled months of its part in which it takes part, and the other months of its part fall in the gap.
    /// Spread shares the gap over the participants by pupils × months taken part.
    /// </summary>
    public static CashierYear Annual(
        Money budget, IReadOnlyDictionary<MunicipalityCode, decimal> pupils, IReadOnlyDictionary<MunicipalityCode, (int First, int Last)> participantMonths,
        NonParticipants mode, IReadOnlyList<GapFund> funds)
    {
        ArgumentNullException.ThrowIfNull(pupils);
        ArgumentNullException.ThrowIfNull(participantMonths);
        ArgumentNullException.ThrowIfNull(funds);
        var parts = Split.ByWeights(budget, pupils);
        var months = participantMonths.Where(p => pupils.GetValueOrDefault(p.Key) > 0).ToDictionary();
        var contributions = new Dictionary<MunicipalityCode, Money>();
        var gapParts = new Dictionary<MunicipalityCode, Money>();
        foreach (var (municipality, part) in parts)
        {
            var own = months.TryGetValue(municipality, out var m)
                ? Money.Sum(Enumerable.Range(m.First, m.Last - m.First + 1).Select(k => MonthlySchedule.ForMonth(part, k)))
                : Money.Zero;
            if (months.ContainsKey(municipality))
            {
                contributions[municipality] = own;
            }
            if (part - own != Money.Zero)
            {
                gapParts[municipality] = part - own;
            }
        }
        var gap = Money.Sum(gapParts.Values);

        if (mode == NonParticipants.Spread)
        {
            if (gap != Money.Zero && months.Count > 0)
            {
                var spread = Split.ByWeights(gap, months.Select(p => KeyValuePair.Create(p.Key, pupils[p.Key] * (p.Value.Last - p.Value.First + 1))));
                contributions = contributions.ToDictionary(c => c.Key, c => c.Value + spread[c.Key]);
            }
            return new CashierYear(parts, months, contributions, gapParts, mode, []);
        }

        var covered = new List<(string, Money)>();
        var open = gap;
        foreach (var fund in funds)
        {
            var take = fund.Amount < open ? fund.Amount : open;
            covered.Add((fund.Name, take));
            open -= take;
        }
        return new CashierYear(parts, months, contributions, gapParts, mode, covered);
    }

    /// <summary>The cashier's payment orders: what it pays out, split over the host locations by their FTE (or fixed amounts as weights).</summary>
    public static IReadOnlyDictionary<SchoolLocationId, Money> Payouts(Money available, IReadOnlyDictionary<SchoolLocationId, decimal> hostWeights) =>
        Split.ByWeights(available, hostWeights);
}
