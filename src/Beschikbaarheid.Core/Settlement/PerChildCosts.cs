using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// The per-child pool under the children key: each eligible child's day-prorated cost falls on its
/// municipality of residence, summed per school location and rounded once per line.
/// </summary>
internal static class PerChildCosts
{
    public static Costs Calculate(SchemeTerms terms, PerChildPool pool, YearMonth period, IEnumerable<Beschikking> beschikkingen)
    {
        var yearStart = new DateOnly(period.Year, 1, 1);
        var yearEnd = new DateOnly(period.Year, 12, 31);
        var eligible = new Dictionary<(SchoolLocationId School, MunicipalityCode Residence, string Client), List<ActivePeriod>>();
        var individual = new Dictionary<Eligibility, HashSet<string>>();

        foreach (var beschikking in beschikkingen)
        {
            var reason = EligibilityRules.Classify(beschikking, terms, pool);
            if (reason == Eligibility.OtherSchool)
            {
                continue;
            }
            if (reason != Eligibility.Eligible)
            {
                if (beschikking.Active.DaysWithin(period.FirstDay, period.LastDay) > 0)
                {
                    (individual.TryGetValue(reason, out var clients) ? clients : individual[reason] = []).Add(beschikking.Client);
                }
                continue;
            }
            var key = (beschikking.School, beschikking.Residence, beschikking.Client);
            (eligible.TryGetValue(key, out var periods) ? periods : eligible[key] = []).Add(beschikking.Active);
        }

        var perLine = new Dictionary<(SchoolLocationId School, MunicipalityCode Residence), (long MonthDays, long YearDays)>();
        // A child is counted once per municipality and once per school, also when it has care at two schools.
        var childOfMunicipality = new HashSet<(MunicipalityCode, string)>(eligible.Count);
        var childAtSchool = new HashSet<(SchoolLocationId, string)>(eligible.Count);
        foreach (var ((school, residence, client), periods) in eligible)
        {
            var monthDays = ActivePeriod.UnionDaysWithin(periods, period.FirstDay, period.LastDay);
            var yearDays = ActivePeriod.UnionDaysWithin(periods, yearStart, yearEnd);
            var line = perLine.GetValueOrDefault((school, residence));
            perLine[(school, residence)] = (line.MonthDays + monthDays, line.YearDays + yearDays);
            if (monthDays > 0)
            {
                childOfMunicipality.Add((residence, client));
                childAtSchool.Add((school, client));
            }
        }

        var annual = pool.AnnualCentsPerChild;
        var shares = perLine
            .Select(l => new CostShare(
                l.Key.School,
                l.Key.Residence,
                l.Value.MonthDays,
                DayProration.LineAmount(annual, l.Value.MonthDays, period.Year),
                DayProration.LineAmount(annual, l.Value.YearDays, period.Year),
                AnnualBasis: l.Value.YearDays))
            .ToList();

        return new Costs(
            BasisUnit.ChildDays,
            shares,
            childOfMunicipality.CountBy(c => c.Item1).ToDictionary(),
            childAtSchool.CountBy(c => c.Item1).ToDictionary(),
            individual.OrderBy(i => i.Key).Select(i => new IndividualCount(i.Key, i.Value.Count)).ToList(),
            ProjectionIsAnnual: true);
    }
}
