using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>What a scheme does with the share of municipalities that do not take part.</summary>
public enum NonParticipants
{
    /// <summary>Their share is a gap, reported and covered by named other funds.</summary>
    Gap,

    /// <summary>Their share is spread over the participants.</summary>
    Spread,
}

/// <summary>A named fund that covers (part of) the gap, e.g. "VSV-middelen".</summary>
public sealed record GapFund(string Name, Money Amount);

/// <summary>
/// The cashier's year: each participant's contribution, the gap left by non-participants, which fund
/// covers how much of it, and what stays uncovered.
/// </summary>
public sealed record CashierYear(
    IReadOnlyDictionary<MunicipalityCode, Money> Contributions,
    IReadOnlyDictionary<MunicipalityCode, Money> NonParticipantParts,
    Money Gap,
    IReadOnlyList<(string Fund, Money Amount)> Covered,
    Money Uncovered)
{
    /// <summary>What the cashier has to pay out: everything collected plus the covered part of the gap.</summary>
    public Money Available => Money.Sum(Contributions.Values) + Money.Sum(Covered.Select(c => c.Amount));
}

/// <summary>
/// The <c>cashier</c> flow's split of a budget (DOMAIN "Flow"): the budget is split by the split rule over
/// every municipality with pupils, participants and non-participants alike, so leftover cents go to the
/// largest remainders across both and ties to the lowest code. Non-participants' parts then form the gap,
/// or are split again over the participants by their pupils.
/// </summary>
public static class CashierSplit
{
    public static CashierYear Annual(
        Money budget, IReadOnlyDictionary<MunicipalityCode, decimal> pupils, IReadOnlySet<MunicipalityCode> participants,
        NonParticipants mode, IReadOnlyList<GapFund> funds)
    {
        ArgumentNullException.ThrowIfNull(pupils);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(funds);
        var parts = Split.ByWeights(budget, pupils);
        var contributions = parts.Where(p => participants.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var outside = parts.Where(p => !participants.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var gap = Money.Sum(outside.Values);

        if (mode == NonParticipants.Spread && gap != Money.Zero)
        {
            var spread = Split.ByWeights(gap, pupils.Where(p => participants.Contains(p.Key)));
            contributions = contributions.ToDictionary(c => c.Key, c => c.Value + spread[c.Key]);
            return new CashierYear(contributions, outside, gap, [], Money.Zero);
        }

        var covered = new List<(string, Money)>();
        var open = gap;
        foreach (var fund in funds)
        {
            var take = fund.Amount < open ? fund.Amount : open;
            covered.Add((fund.Name, take));
            open -= take;
        }
        return new CashierYear(contributions, outside, gap, covered, open);
    }

    /// <summary>The cashier's payment orders: what is available, split over the host locations by their FTE (or fixed amounts as weights).</summary>
    public static IReadOnlyDictionary<SchoolLocationId, Money> Payouts(Money available, IReadOnlyDictionary<SchoolLocationId, decimal> hostWeights) =>
        Split.ByWeights(available, hostWeights);
}
