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
    public static Costs Calculate(SchemeTerms terms, PerChildPool pool, YearMonth period, IEnumerable<Beschikking> beschikkingen) =>
        CalculateMonths(terms, pool, period.Year, [period.Month], beschikkingen).Single().Costs;

    /// <summary>
    /// Several months of one year under the same terms from one pass over the beschikkingen, for the months a
    /// run computes again to correct them. Each month's costs are made as they are asked for, so only one
    /// month's lines are held at a time.
    /// </summary>
    public static IEnumerable<(int Month, Costs Costs)> CalculateMonths(
        SchemeTerms terms, PerChildPool pool, int year, IReadOnlyList<int> months, IEnumerable<Beschikking> beschikkingen)
    {
        var windows = months.Select(m => new YearMonth(year, m)).ToList();
        var eligible = new Dictionary<(SchoolLocationId School, MunicipalityCode Residence, string Client), List<ActivePeriod>>();
        var individual = new Dictionary<(int Month, Eligibility Reason), HashSet<string>>();
        foreach (var beschikking in beschikkingen)
        {
            var reason = EligibilityRules.Classify(beschikking, terms, pool);
            if (reason == Eligibility.OtherSchool)
            {
                continue;
            }
            if (reason != Eligibility.Eligible)
            {
                foreach (var window in windows.Where(w => beschikking.Active.DaysWithin(w.FirstDay, w.LastDay) > 0))
                {
                    (individual.TryGetValue((window.Month, reason), out var clients) ? clients : individual[(window.Month, reason)] = []).Add(beschikking.Client);
                }
                continue;
            }
            var key = (beschikking.School, beschikking.Residence, beschikking.Client);
            (eligible.TryGetValue(key, out var periods) ? periods : eligible[key] = []).Add(beschikking.Active);
        }

        // Per child at a school: its days in each asked month (index as in windows) and in the year, overlapping beschikkingen counted once.
        var days = eligible.Select(e => (e.Key, Months: windows.Select(w => ActivePeriod.UnionDaysWithin(e.Value, w.FirstDay, w.LastDay)).ToArray(),
                Year: ActivePeriod.UnionDaysWithin(e.Value, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31))))
            .ToList();
        var yearDays = new Dictionary<(SchoolLocationId School, MunicipalityCode Residence), long>();
        foreach (var (key, _, yearOfChild) in days)
        {
            yearDays[(key.School, key.Residence)] = yearDays.GetValueOrDefault((key.School, key.Residence)) + yearOfChild;
        }

        var annual = pool.AnnualCentsPerChild;
        for (var i = 0; i < windows.Count; i++)
        {
            var month = windows[i].Month;
            var monthDays = new Dictionary<(SchoolLocationId School, MunicipalityCode Residence), long>(yearDays.Count);
            // A child is counted once per municipality and once per school, also when it has care at two schools.
            var childOfMunicipality = new HashSet<(MunicipalityCode, string)>();
            var childAtSchool = new HashSet<(SchoolLocationId, string)>();
            foreach (var (key, ofMonths, _) in days)
            {
                var line = (key.School, key.Residence);
                monthDays[line] = monthDays.GetValueOrDefault(line) + ofMonths[i];
                if (ofMonths[i] > 0)
                {
                    childOfMunicipality.Add((key.Residence, key.Client));
                    childAtSchool.Add((key.School, key.Client));
                }
            }
            yield return (month, new Costs(
                BasisUnit.ChildDays,
                yearDays
                    .Select(l => new CostShare(
                        l.Key.School, l.Key.Residence, monthDays[l.Key],
                        DayProration.LineAmount(annual, monthDays[l.Key], year),
                        DayProration.LineAmount(annual, l.Value, year)))
                    .ToList(),
                childOfMunicipality.CountBy(c => c.Item1).ToDictionary(),
                childAtSchool.CountBy(c => c.Item1).ToDictionary(),
                individual.Where(r => r.Key.Month == month).OrderBy(r => r.Key.Reason).Select(r => new IndividualCount(r.Key.Reason, r.Value.Count)).ToList()));
        }
    }
}
