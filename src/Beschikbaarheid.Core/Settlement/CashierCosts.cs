using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// A fixed-budget pool under the pupils key with the cashier flow: the funders' shares come off the year's budget
/// first (<see cref="FunderShares.Annual"/>), and the rest is split as a whole by the residence of the pupils of all the
/// scheme's locations (<see cref="CashierSplit"/>); a participant's month is spread over its locations by its pupils
/// there, a funder's by all the pupils of each location, for invoice lines per school.
/// </summary>
internal static class CashierCosts
{
    public static Costs Calculate(Scheme scheme, YearMonth period, FixedBudgetPool pool, CashierFlow flow, PupilsKey key, IReadOnlyList<PupilCount> counts)
    {
        var year = Year(scheme, period.Year, pool, flow, key, counts, out var pupils);
        var month = year.Month(period.Month);
        var shares = new List<CostShare>();
        foreach (var (municipality, annual) in year.Contributions)
        {
            var locations = pupils.Where(p => p.Key.Residence == municipality && p.Value.Pupils > 0)
                .ToDictionary(p => p.Key.School, p => p.Value);
            var weights = locations.Select(l => KeyValuePair.Create(l.Key, l.Value.Pupils)).ToList();
            var monthly = Split.ByWeights(month.Contributions.GetValueOrDefault(municipality), weights);
            var annually = Split.ByWeights(annual, weights);
            shares.AddRange(locations.OrderBy(l => l.Key).Select(l =>
                new CostShare(l.Key, municipality, l.Value.Pupils, monthly[l.Key], annually[l.Key], l.Value.Estimated)));
        }
        // A funder carries part of the budget as a whole, so its lines follow the budget's own key: every pupil of a location.
        var perLocation = pupils.GroupBy(p => p.Key.School).Select(g => KeyValuePair.Create(g.Key, g.Sum(p => p.Value.Pupils))).Where(w => w.Value > 0).ToList();
        return new Costs(
            BasisUnit.Pupils,
            shares,
            pupils.GroupBy(p => p.Key.Residence).ToDictionary(g => g.Key, g => (int)Math.Round(g.Sum(p => p.Value.Pupils), MidpointRounding.AwayFromZero)),
            pupils.GroupBy(p => p.Key.School).ToDictionary(g => g.Key, g => (int)Math.Round(g.Sum(p => p.Value.Pupils), MidpointRounding.AwayFromZero)),
            [])
        {
            CashierMonth = month,
            PupilsTotal = pupils.Values.Sum(p => p.Pupils),
            Funders = FunderShares.OverLocations(year.Funders, perLocation, period.Month),
            FundersCalculation = year.Funders.Count == 0 ? null : FundersCalculation.Of(pool.BudgetFor(period.Year)!.Value, year.Funders),
        };
    }

    /// <summary>
    /// The year's split of what is left of the budget after the funders' shares; refused when the year has no budget, the
    /// funders' shares exceed it, there are no pupils, or the funds cover more than the gap.
    /// </summary>
    public static CashierYear Year(
        Scheme scheme, int fundingYear, FixedBudgetPool pool, CashierFlow flow, PupilsKey key, IReadOnlyList<PupilCount> counts,
        out Dictionary<(SchoolLocationId School, MunicipalityCode Residence), (decimal Pupils, bool Estimated)> pupils)
    {
        var budget = pool.BudgetFor(fundingYear)
            ?? throw new SettlementInputException($"Scheme {scheme.Id} has no budget for {fundingYear} (pool.amounts); nothing issued.");
        var terms = scheme.TermsFor(fundingYear);
        var peildatum = scheme.CountingDate.ForFundingYear(fundingYear);
        pupils = counts.Where(c => c.Peildatum == peildatum && terms.Schools.Contains(c.School))
            .GroupBy(c => (c.School, c.Residence))
            .ToDictionary(g => g.Key, g => (g.Sum(c => c.Count ?? key.MaskedCountValue), g.Any(c => c.Masked)));
        var perMunicipality = pupils.GroupBy(p => p.Key.Residence).ToDictionary(g => g.Key, g => g.Sum(p => p.Value.Pupils));
        if (perMunicipality.Values.Sum() <= 0)
        {
            throw new SettlementInputException(
                $"Scheme {scheme.Id}: no pupil counts on {peildatum:yyyy-MM-dd} at its locations to split the budget of {fundingYear} by; import leerlingen first.");
        }
        var months = terms.Participants.ToDictionary(p => p, p => terms.MonthsOf(p, fundingYear)!.Value);
        var funders = FunderShares.Annual(scheme.Id, fundingYear, terms.Funders, budget);
        var year = CashierSplit.Annual(budget - Money.Sum(funders.Select(f => f.Annual)), perMunicipality, months, flow.NonParticipants, flow.GapFunds) with { Funders = funders };
        var funds = Money.Sum(flow.GapFunds.Select(f => f.Amount));
        if (flow.NonParticipants == NonParticipants.Gap && funds > year.Gap)
        {
            throw new SettlementInputException(
                $"Scheme {scheme.Id}: the gap funds ({string.Join(", ", flow.GapFunds.Select(f => $"{f.Name} € {f.Amount}"))}) cover more than the gap of {fundingYear} (€ {year.Gap}); lower them in flow.gapFunds. Nothing issued.");
        }
        return year;
    }
}
