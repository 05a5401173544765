using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// One non-participant's part at one location under a lead scheme, and where it went: to whom, how much
/// (<see cref="To"/>, empty when it was invoiced to the non-participant itself). Stored with the run's calculation, so
/// the allocation sheet shows it as it was issued. Plain values, so that it is stored as it reads.
/// </summary>
/// <param name="Municipality">The non-participant's code.</param>
/// <param name="School">The location, as <c>40AA00</c>.</param>
/// <param name="Basis">Its pupils at the location (a masked count at the scheme value).</param>
/// <param name="Cents">Its part: of the location's annual budget under the pupils key, of the location's month under a blend.</param>
/// <param name="To">Per municipality that carries it, the cents it took over; they add up to <paramref name="Cents"/>.</param>
public sealed record NonParticipantPart(string Municipality, string School, decimal Basis, long Cents, IReadOnlyDictionary<string, long> To);

/// <summary>One municipality's amounts at one location before the lead flow's <c>nonParticipants</c> rule is applied.</summary>
/// <param name="Basis">The figure its line shows (pupils).</param>
/// <param name="Weight">What a spread weighs it by at the location (pupils; under a blend its blend weight).</param>
/// <param name="Amounts">The amounts the rule moves, each split by itself: [annual] under the pupils key, [month, annual projection] under a blend.</param>
internal sealed record LocationAmount(SchoolLocationId School, MunicipalityCode Municipality, decimal Basis, decimal Weight, bool Estimated, Money[] Amounts);

/// <summary>
/// The lead flow's <c>nonParticipants</c> (README "Non-participants under a lead"), applied per location at the level the
/// key splits at (the annual budget under the pupils key, the month under a blend), before the monthly schedule:
/// <list type="bullet">
/// <item><c>spread</c>: each non-participant's part at a location is split again, by the split rule, over the participants
/// with a weight at that location, by their weights there (pupils); when no participant has one there, the lead carries it;</item>
/// <item><c>lead</c>: the lead carries the part (a line of the lead at the location, basis 0 when it has no pupils there);</item>
/// <item><c>invoice</c>: the non-participant keeps its part and is invoiced like a participant.</item>
/// </list>
/// Several non-participants at one location are each split on their own, in code order. Other flows are left alone.
/// </summary>
internal static class NonParticipantRule
{
    public static IReadOnlyList<LocationAmount> Apply(IReadOnlyList<LocationAmount> amounts, SchemeTerms terms, out IReadOnlyList<NonParticipantPart> parts)
    {
        var shown = new List<NonParticipantPart>();
        parts = shown;
        if (terms.Flow is not LeadFlow lead || amounts.All(a => terms.Participants.Contains(a.Municipality)))
        {
            return amounts;
        }
        var mode = lead.NonParticipants;
        var result = new List<LocationAmount>();
        foreach (var atSchool in amounts.GroupBy(a => a.School).OrderBy(g => g.Key))
        {
            var carried = atSchool
                .Where(a => mode == LeadNonParticipants.Invoice || terms.Participants.Contains(a.Municipality))
                .ToDictionary(a => a.Municipality, a => a with { Amounts = [.. a.Amounts] });
            var receivers = atSchool.Where(a => terms.Participants.Contains(a.Municipality) && a.Weight > 0).ToList();
            foreach (var outside in atSchool.Where(a => !terms.Participants.Contains(a.Municipality)).OrderBy(a => a.Municipality))
            {
                var to = new Dictionary<MunicipalityCode, Money[]>();
                if (mode == LeadNonParticipants.Spread && receivers.Count > 0)
                {
                    var splits = outside.Amounts.Select(amount => Split.ByWeights(amount, receivers.Select(r => KeyValuePair.Create(r.Municipality, r.Weight)))).ToList();
                    foreach (var receiver in receivers)
                    {
                        to[receiver.Municipality] = splits.Select(s => s[receiver.Municipality]).ToArray();
                    }
                }
                else if (mode != LeadNonParticipants.Invoice)
                {
                    to[lead.Lead] = outside.Amounts;
                }
                foreach (var (municipality, taken) in to)
                {
                    var entry = carried.TryGetValue(municipality, out var existing)
                        ? existing
                        : new LocationAmount(outside.School, municipality, 0m, 0m, false, outside.Amounts.Select(_ => Money.Zero).ToArray());
                    carried[municipality] = entry with { Amounts = entry.Amounts.Zip(taken, (a, b) => a + b).ToArray() };
                }
                shown.Add(new NonParticipantPart(
                    outside.Municipality.Value, outside.School.ToString(), outside.Basis, outside.Amounts[0].Cents,
                    to.Where(t => t.Value[0] != Money.Zero).OrderBy(t => t.Key).ToDictionary(t => t.Key.Value, t => t.Value[0].Cents)));
            }
            result.AddRange(carried.Values.OrderBy(a => a.Municipality));
        }
        return result;
    }
}
