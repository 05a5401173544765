using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>A participant merged away in a scheme's funding year: its successor takes over; <paramref name="Joined"/> when it did not take part before.</summary>
public sealed record Succession(int Year, Merger Merger, bool Joined);

/// <summary>
/// What mergers (<see cref="Mergers"/>) do to a settlement, in memory after the inputs are loaded. A funding year is computed
/// with the codes that stand on its 1 January: residences of beschikkingen, pupil counts and estimates, participants, lead,
/// cashier and funder become their successor's, so a successor that takes part grows and one that did not takes part from
/// then on; years before the merger are computed as they were. Documents are addressed by the invoice date: whatever a run
/// issues on or after a merger to a merged-away municipality goes to its successor, the legal successor, also for months
/// before the merger, with the old code kept on the line as the residence it concerns.
/// </summary>
public static class Successions
{
    /// <summary>The scheme with, from each merger's year, the codes of that year in its terms; and the participants that were succeeded.</summary>
    public static (Scheme Scheme, IReadOnlyList<Succession> Successions) Apply(Scheme scheme, Mergers mergers)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(mergers);
        var merged = scheme;
        foreach (var year in mergers.All.Select(m => m.Date.Year).Distinct().Order())
        {
            if (Changed(merged.TermsFor(year), mergers, year) is not null)
            {
                merged = merged.WithTermsFrom(year, terms => Changed(terms, mergers, year) ?? terms);
            }
        }
        var successions = new List<Succession>();
        foreach (var year in mergers.All.Select(m => m.Date.Year).Distinct().Order().Where(y => y > scheme.StartYear))
        {
            var before = merged.TermsFor(year - 1).Participants;
            var declared = scheme.TermsFor(year).Participants;
            successions.AddRange(mergers.All
                .Where(m => m.Date.Year == year && before.Contains(m.Old))
                .OrderBy(m => m.Old)
                .Select(m => new Succession(year, m, Joined: !before.Contains(mergers.InYear(m.New, year)) && !declared.Contains(mergers.InYear(m.New, year)))));
        }
        return (merged, successions);
    }

    /// <summary>The terms with the codes that stand in <paramref name="year"/>; null when no code of them merged.</summary>
    private static SchemeTerms? Changed(SchemeTerms terms, Mergers mergers, int year)
    {
        var successors = terms.Participants.ToDictionary(p => p, p => mergers.InYear(p, year));
        var flow = terms.Flow switch
        {
            LeadFlow lead => lead with { Lead = mergers.InYear(lead.Lead, year) },
            CashierFlow cashier => cashier with { Cashier = mergers.InYear(cashier.Cashier, year) },
            FunderFlow funder => funder with { Funder = mergers.InYear(funder.Funder, year) },
            _ => terms.Flow,
        };
        if (successors.All(s => s.Key == s.Value) && flow == terms.Flow)
        {
            return null;
        }
        var participation = terms.Participation.Where(p => successors.GetValueOrDefault(p.Key, p.Key) == p.Key).ToDictionary();
        foreach (var (old, successor) in successors.Where(s => s.Key != s.Value).OrderBy(s => s.Key))
        {
            // A successor that did not take part takes part as its predecessor did; one that did keeps its own terms and grows.
            if (!terms.Participants.Contains(successor) && !participation.ContainsKey(successor) && terms.Participation.TryGetValue(old, out var p))
            {
                participation[successor] = p;
            }
        }
        return terms with { Participants = successors.Values.ToHashSet(), Participation = participation, Flow = flow };
    }

    /// <summary>The year's inputs with every residence as it stands in <paramref name="year"/>; the same inputs when nothing merged.</summary>
    public static SettlementInputs Apply(SettlementInputs inputs, Mergers mergers, int year)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(mergers);
        if (mergers.IsEmpty)
        {
            return inputs;
        }
        MunicipalityCode In(MunicipalityCode code) => mergers.InYear(code, year);
        return inputs with
        {
            Beschikkingen = inputs.Beschikkingen.Select(b => In(b.Residence) is var r && r != b.Residence ? b with { Residence = r } : b).ToList(),
            PupilCounts = inputs.PupilCounts.Select(c => In(c.Residence) is var r && r != c.Residence ? c with { Residence = r } : c).ToList(),
            Estimates = inputs.Estimates.Select(e => In(e.Residence) is var r && r != e.Residence ? e with { Residence = r } : e).ToList(),
        };
    }

    /// <summary>
    /// The plan's invoices addressed as on <paramref name="invoiceDate"/>: each debtor and the issuer by the code that stands
    /// for it that day; a line of a merged-away municipality keeps its code as the residence it concerns. An amount whose
    /// successor is the issuer is its own share, not invoiced.
    /// </summary>
    public static SettlementPlan Readdressed(SettlementPlan plan, Scheme scheme, Mergers mergers, DateOnly invoiceDate)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(mergers);
        if (mergers.IsEmpty)
        {
            return plan;
        }
        var flow = scheme.TermsFor(plan.Period.Year).Flow;
        MunicipalityCode To(MunicipalityCode code) => mergers.On(code, invoiceDate);
        var issuer = Invoicing.IssuerOf(flow) is { } code ? To(code) : (MunicipalityCode?)null;
        return plan with
        {
            Invoices = Invoicing.Drafts(scheme, flow, plan.Entries, To),
            Allocation = plan.Allocation.Select(a => a with { Invoiced = issuer is { } i && To(a.Municipality) != i }).ToList(),
        };
    }
}
