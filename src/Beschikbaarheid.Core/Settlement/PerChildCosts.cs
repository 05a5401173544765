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
    public static Costs Calculate(SchemeTerms terms, PerChildPool pool, YearMonth period, IReadOnlyList<Beschikking> beschikkingen) =>
        CalculateMonths(terms, pool, period.Year, [period.Month], beschikkingen).Single().Costs;

    /// <summary>
    /// Several months of one year under the same terms from one pass over the beschikkingen, for the months a
    /// run computes again to correct them. Each month's costs are made as they are asked for, so only one
    /// month's lines are held at a time.
    /// </summary>
    public static IEnumerable<(int Month, Costs Costs)> CalculateMonths(
        SchemeTerms terms, PerChildPool pool, int year, IReadOnlyList<int> months, IReadOnlyList<Beschikking> beschikkingen)
    {
        var ofYear = new YearOfChildren(pool, year, months, beschikkingen, terms);
        foreach (var month in months)
        {
            yield return (month, ofYear.CostsOf(month));
        }
    }

    /// <summary>
    /// A year's children, grouped once: per child at a location its line, its numbers for counting and its days in each
    /// month asked and in the year. Lines and children are numbered, so a month is counted in arrays indexed by those numbers.
    /// </summary>
    private sealed class YearOfChildren
    {
        private readonly PerChildPool _pool;
        private readonly int _year;
        private readonly List<(SchoolLocationId School, MunicipalityCode Residence)> _lines;
        private readonly List<(int Line, int OfMunicipality, int AtSchool)> _children;
        private readonly int _municipalityChildren;
        private readonly int _schoolChildren;
        private readonly int[,] _monthDays;
        private readonly long[] _yearDays;
        private readonly Dictionary<(int Month, Eligibility Reason), HashSet<string>> _individual;

        /// <param name="months">The months asked for: only their days are counted.</param>
        public YearOfChildren(PerChildPool pool, int year, IReadOnlyList<int> months, IReadOnlyList<Beschikking> beschikkingen, SchemeTerms terms)
        {
            (_pool, _year) = (pool, year);
            var windows = Enumerable.Range(1, 12).Select(m => new YearMonth(year, m)).ToArray();
            // Clients, schools and residences numbered first, so every table below is keyed by whole numbers: 200,000 children
            // in tables of references kept the garbage collector busy for most of the time a national year took. Sized for a
            // child per beschikking, which most children are.
            var schools = new Numbering<SchoolLocationId>(0);
            var residences = new Numbering<MunicipalityCode>(0);
            var clients = new Numbering<string>(beschikkingen.Count);
            var lines = new Numbering<long>(0);
            var children = new Numbering<long>(beschikkingen.Count);
            var ofMunicipality = new Numbering<long>(beschikkingen.Count);
            var atSchool = new Numbering<long>(beschikkingen.Count);
            _lines = [];
            // A child's first period; the few with more than one beschikking at a location keep the others beside it.
            var firstPeriods = new List<ActivePeriod>(beschikkingen.Count);
            var morePeriods = new Dictionary<int, List<ActivePeriod>>();
            _children = new(beschikkingen.Count);
            _individual = [];
            foreach (var beschikking in beschikkingen)
            {
                var reason = EligibilityRules.Classify(beschikking, terms, pool);
                if (reason == Eligibility.OtherSchool)
                {
                    continue;
                }
                if (reason != Eligibility.Eligible)
                {
                    foreach (var window in months.Select(m => windows[m - 1]).Where(w => beschikking.Active.DaysWithin(w.FirstDay, w.LastDay) > 0))
                    {
                        (_individual.TryGetValue((window.Month, reason), out var ofReason) ? ofReason : _individual[(window.Month, reason)] = []).Add(beschikking.Client);
                    }
                    continue;
                }
                long school = schools.Of(beschikking.School, out _);
                long residence = residences.Of(beschikking.Residence, out _);
                long client = clients.Of(beschikking.Client, out _);
                var line = lines.Of(school << 32 | residence, out var newLine);
                if (newLine)
                {
                    _lines.Add((beschikking.School, beschikking.Residence));
                }
                var index = children.Of((long)line << 32 | client, out var added);
                if (added)
                {
                    _children.Add((line, ofMunicipality.Of(residence << 32 | client, out _), atSchool.Of(school << 32 | client, out _)));
                    firstPeriods.Add(beschikking.Active);
                }
                else
                {
                    (morePeriods.TryGetValue(index, out var more) ? more : morePeriods[index] = [firstPeriods[index]]).Add(beschikking.Active);
                }
            }
            _municipalityChildren = ofMunicipality.Count;
            _schoolChildren = atSchool.Count;

            // Per child: its days in each month and in the year, overlapping beschikkingen counted once.
            _yearDays = new long[_lines.Count];
            _monthDays = new int[_children.Count, 12];
            for (var c = 0; c < _children.Count; c++)
            {
                _yearDays[_children[c].Line] += Days(c, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
                foreach (var month in months)
                {
                    _monthDays[c, month - 1] = Days(c, windows[month - 1].FirstDay, windows[month - 1].LastDay);
                }
            }

            int Days(int child, DateOnly from, DateOnly through) =>
                morePeriods.TryGetValue(child, out var more) ? ActivePeriod.UnionDaysWithin(more, from, through) : firstPeriods[child].DaysWithin(from, through);
        }

        public Costs CostsOf(int month)
        {
            var i = month - 1;
            var daysOfLine = new long[_lines.Count];
            // A child is counted once per municipality and once per school, also when it has care at two schools.
            var countedOfMunicipality = new bool[_municipalityChildren];
            var countedAtSchool = new bool[_schoolChildren];
            var childrenPerMunicipality = new Dictionary<MunicipalityCode, int>();
            var childrenPerSchool = new Dictionary<SchoolLocationId, int>();
            for (var c = 0; c < _children.Count; c++)
            {
                var days = _monthDays[c, i];
                var (line, m, s) = _children[c];
                daysOfLine[line] += days;
                if (days > 0)
                {
                    var (school, residence) = _lines[line];
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
            var annual = _pool.AnnualCentsPerChild;
            var shares = new List<CostShare>(_lines.Count);
            for (var l = 0; l < _lines.Count; l++)
            {
                shares.Add(new CostShare(
                    _lines[l].School, _lines[l].Residence, daysOfLine[l],
                    DayProration.LineAmount(annual, daysOfLine[l], _year),
                    DayProration.LineAmount(annual, _yearDays[l], _year)));
            }
            return new Costs(
                BasisUnit.ChildDays,
                shares,
                childrenPerMunicipality,
                childrenPerSchool,
                _individual.Where(r => r.Key.Month == month).OrderBy(r => r.Key.Reason).Select(r => new IndividualCount(r.Key.Reason, r.Value.Count)).ToList());
        }
    }

    /// <summary>Numbers distinct keys 0, 1, 2, … in the order they are first seen.</summary>
    /// <param name="capacity">How many keys to make room for at once.</param>
    private sealed class Numbering<TKey>(int capacity)
        where TKey : notnull
    {
        private readonly Dictionary<TKey, int> _numbers = new(capacity);

        public int Count => _numbers.Count;

        public int Of(TKey key, out bool added)
        {
            // Read before the lookup: adding the key already counts it.
            var next = _numbers.Count;
            ref var number = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_numbers, key, out var exists);
            added = !exists;
            if (added)
            {
                number = next;
            }
            return number;
        }
    }
}
