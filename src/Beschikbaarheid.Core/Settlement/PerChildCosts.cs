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
    /// <remarks>
    /// Lines and children are numbered once, so a month is counted in arrays indexed by those numbers: a run that
    /// corrects eleven months of a national region hashes each child's codes once, not once per month.
    /// </remarks>
    public static IEnumerable<(int Month, Costs Costs)> CalculateMonths(
        SchemeTerms terms, PerChildPool pool, int year, IReadOnlyList<int> months, IEnumerable<Beschikking> beschikkingen)
    {
        var windows = months.Select(m => new YearMonth(year, m)).ToList();
        var lines = new Numbering<(SchoolLocationId School, MunicipalityCode Residence)>();
        var children = new Numbering<(SchoolLocationId School, MunicipalityCode Residence, string Client)>();
        var ofMunicipality = new Numbering<(MunicipalityCode Residence, string Client)>();
        var atSchool = new Numbering<(SchoolLocationId School, string Client)>();
        // Per child at a school (index as numbered): its line, its numbers for counting, and its active periods.
        var child = new List<(int Line, int OfMunicipality, int AtSchool, List<ActivePeriod> Periods)>();
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
            var index = children.Of((beschikking.School, beschikking.Residence, beschikking.Client), out var added);
            if (added)
            {
                child.Add((lines.Of((beschikking.School, beschikking.Residence), out _),
                    ofMunicipality.Of((beschikking.Residence, beschikking.Client), out _),
                    atSchool.Of((beschikking.School, beschikking.Client), out _), []));
            }
            child[index].Periods.Add(beschikking.Active);
        }

        // Per child: its days in each asked month and in the year, overlapping beschikkingen counted once.
        var yearDays = new long[lines.Count];
        var monthDays = new int[child.Count, windows.Count];
        for (var c = 0; c < child.Count; c++)
        {
            var periods = child[c].Periods;
            yearDays[child[c].Line] += ActivePeriod.UnionDaysWithin(periods, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            for (var i = 0; i < windows.Count; i++)
            {
                monthDays[c, i] = ActivePeriod.UnionDaysWithin(periods, windows[i].FirstDay, windows[i].LastDay);
            }
        }

        var annual = pool.AnnualCentsPerChild;
        var lineKeys = lines.Keys;
        for (var i = 0; i < windows.Count; i++)
        {
            var month = windows[i].Month;
            var daysOfLine = new long[lines.Count];
            // A child is counted once per municipality and once per school, also when it has care at two schools.
            var countedOfMunicipality = new bool[ofMunicipality.Count];
            var countedAtSchool = new bool[atSchool.Count];
            var childrenPerMunicipality = new Dictionary<MunicipalityCode, int>();
            var childrenPerSchool = new Dictionary<SchoolLocationId, int>();
            for (var c = 0; c < child.Count; c++)
            {
                var days = monthDays[c, i];
                var (line, m, s, _) = child[c];
                daysOfLine[line] += days;
                if (days > 0)
                {
                    var (school, residence) = lineKeys[line];
                    if (!countedOfMunicipality[m])
                    {
                        countedOfMunicipality[m] = true;
                        childrenPerMunicipality[residence] = childrenPerMunicipality.GetValueOrDefault(residence) + 1;
                    }
                    if (!countedAtSchool[s])
                    {
                        countedAtSchool[s] = true;
                        childrenPerSchool[school] = childrenPerSchool.GetValueOrDefault(school) + 1;
                    }
                }
            }
            var shares = new List<CostShare>(lines.Count);
            for (var l = 0; l < lines.Count; l++)
            {
                shares.Add(new CostShare(
                    lineKeys[l].School, lineKeys[l].Residence, daysOfLine[l],
                    DayProration.LineAmount(annual, daysOfLine[l], year),
                    DayProration.LineAmount(annual, yearDays[l], year)));
            }
            yield return (month, new Costs(
                BasisUnit.ChildDays,
                shares,
                childrenPerMunicipality,
                childrenPerSchool,
                individual.Where(r => r.Key.Month == month).OrderBy(r => r.Key.Reason).Select(r => new IndividualCount(r.Key.Reason, r.Value.Count)).ToList()));
        }
    }

    /// <summary>Numbers distinct keys 0, 1, 2, … in the order they are first seen.</summary>
    private sealed class Numbering<TKey>
        where TKey : notnull
    {
        private readonly Dictionary<TKey, int> _numbers = [];

        public List<TKey> Keys { get; } = [];

        public int Count => Keys.Count;

        public int Of(TKey key, out bool added)
        {
            ref var number = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_numbers, key, out var exists);
            added = !exists;
            if (added)
            {
                number = Keys.Count;
                Keys.Add(key);
            }
            return number;
        }
    }
}
