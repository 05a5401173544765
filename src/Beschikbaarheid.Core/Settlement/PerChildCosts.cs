using System.Runtime.CompilerServices;
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
    public static Costs Calculate(SchemeTerms terms, PerChildPool pool, YearMonth period, SettlementInputs inputs) =>
        CalculateMonths(terms, pool, period.Year, [period.Month], inputs).Single().Costs;

    /// <summary>
    /// Several months of one year under the same terms, each month's costs made as they are asked for, so only one month's
    /// lines are held at a time. The children are grouped once per inputs (<see cref="Grouped"/>).
    /// </summary>
    public static IEnumerable<(int Month, Costs Costs)> CalculateMonths(
        SchemeTerms terms, PerChildPool pool, int year, IReadOnlyList<int> months, SettlementInputs inputs)
    {
        var ofYear = Grouped.Of(inputs, year, terms, pool);
        foreach (var month in months)
        {
            yield return (month, ofYear.CostsOf(month));
        }
    }

    /// <summary>
    /// The years of children grouped from one <see cref="SettlementInputs"/>, kept as long as those inputs live: a run
    /// calculates its month and then the earlier months it corrects from the same inputs, and grouping a national region's
    /// 200,000 beschikkingen was most of either. A grouping is used again only for the same year, schools (the same set),
    /// participants and pool: all that grouping reads besides the beschikkingen, which inputs never change once made.
    /// </summary>
    private sealed class Grouped
    {
        private static readonly ConditionalWeakTable<SettlementInputs, Grouped> OfInputs = new();

        private readonly List<(int Year, IReadOnlySet<SchoolLocationId> Schools, IReadOnlySet<MunicipalityCode> Participants, PerChildPool Pool, YearOfChildren Children)> _years = [];

        public static YearOfChildren Of(SettlementInputs inputs, int year, SchemeTerms terms, PerChildPool pool)
        {
            var grouped = OfInputs.GetValue(inputs, _ => new Grouped());
            lock (grouped._years)
            {
                foreach (var known in grouped._years)
                {
                    if (known.Year == year && ReferenceEquals(known.Schools, terms.Schools) && known.Participants.SetEquals(terms.Participants) && known.Pool == pool)
                    {
                        return known.Children;
                    }
                }
                var children = new YearOfChildren(pool, year, inputs.Beschikkingen, terms);
                grouped._years.Add((year, terms.Schools, terms.Participants, pool, children));
                return children;
            }
        }
    }

    /// <summary>
    /// A year's children, grouped once: per child at a location its line, its numbers for counting and its days in each
    /// month and in the year. Lines and children are numbered, so a month is counted in arrays indexed by those numbers.
    /// </summary>
    private sealed class YearOfChildren
    {
        private static readonly Eligibility[] Reasons = Enum.GetValues<Eligibility>();

        private readonly PerChildPool _pool;
        private readonly int _year;
        // Per line (a school and a residence): the numbers of its school and residence, and its annual projection.
        private readonly int[] _lineSchool;
        private readonly int[] _lineResidence;
        private readonly Money[] _lineAnnual;
        private readonly SchoolLocationId[] _schools;
        private readonly MunicipalityCode[] _residences;
        // Per child at a location: its line and its numbers among the children of its municipality and of its school.
        private readonly int[] _childLine;
        private readonly int[] _childOfMunicipality;
        private readonly int[] _childAtSchool;
        private readonly int _municipalityChildren;
        private readonly int _schoolChildren;
        // Each child's days in a month, month after month (month − 1) × children + child: a month is read in one run.
        private readonly int[] _monthDays;

        // Per month and reason: the clients with a beschikking that is not counted.
        private readonly int[,] _individual;

        public YearOfChildren(PerChildPool pool, int year, IReadOnlyList<Beschikking> beschikkingen, SchemeTerms terms)
        {
            (_pool, _year) = (pool, year);
            var windows = Enumerable.Range(1, 12).Select(m => new YearMonth(year, m)).Select(m => (First: m.FirstDay, Last: m.LastDay)).ToArray();
            // Clients, schools and residences numbered first, so every table below is keyed by whole numbers: 200,000 children
            // in tables of references kept the garbage collector busy for most of the time a national year took. Sized for a
            // child per beschikking, which most children are.
            var n = beschikkingen.Count;
            var schools = new Numbering<SchoolLocationId>(0);
            var residences = new Numbering<MunicipalityCode>(0);
            var clients = new Numbering<string>(n);
            var lines = new Numbering<long>(0);
            var schoolCodes = new List<SchoolLocationId>();
            var residenceCodes = new List<MunicipalityCode>();
            var lineNumbers = new List<(int School, int Residence)>();
            // A client's children (one per line it has care on) and its individual beschikkingen are chained from the client,
            // newest first: a client has one to three, so a child, and its numbers among the children of its municipality and
            // of its school, are found by walking them. Hash tables keyed by client and line, residence, school or reason took
            // 46 MB of large arrays per grouping of a national year, which only a full collection frees.
            var clientChild = new int[n];
            var clientIndividual = new int[n];
            Array.Fill(clientChild, -1);
            Array.Fill(clientIndividual, -1);
            var childNext = new int[n];
            var childLine = new int[n];
            var childOfMunicipality = new int[n];
            var childAtSchool = new int[n];
            var children = 0;
            var municipalityChildren = 0;
            var schoolChildren = 0;
            // A child's first period; the few with more than one beschikking at a location keep the others beside it.
            var firstPeriods = new ActivePeriod[n];
            var morePeriods = new Dictionary<int, List<ActivePeriod>>();
            // A client with a beschikking that is not counted: per reason the months it had one, as bits (1 << month - 1), so
            // that each is counted once per month at the end. A national year has 100,000 of them; a set of clients per month
            // and reason took 1,300,000 additions.
            var individualNext = new int[n];
            var individualReason = new Eligibility[n];
            var individualMonths = new int[n];
            var individuals = 0;
            foreach (var beschikking in beschikkingen)
            {
                var reason = EligibilityRules.Classify(beschikking, terms, pool);
                if (reason == Eligibility.OtherSchool)
                {
                    continue;
                }
                if (reason != Eligibility.Eligible)
                {
                    var months = 0;
                    for (var m = 0; m < 12; m++)
                    {
                        if (beschikking.Active.DaysWithin(windows[m].First, windows[m].Last) > 0)
                        {
                            months |= 1 << m;
                        }
                    }
                    var ofClient = clients.Of(beschikking.Client, out _);
                    var individual = clientIndividual[ofClient];
                    while (individual >= 0 && individualReason[individual] != reason)
                    {
                        individual = individualNext[individual];
                    }
                    if (individual < 0)
                    {
                        individual = individuals++;
                        (individualReason[individual], individualNext[individual]) = (reason, clientIndividual[ofClient]);
                        clientIndividual[ofClient] = individual;
                    }
                    individualMonths[individual] |= months;
                    continue;
                }
                long school = schools.Of(beschikking.School, out var newSchool);
                if (newSchool)
                {
                    schoolCodes.Add(beschikking.School);
                }
                long residence = residences.Of(beschikking.Residence, out var newResidence);
                if (newResidence)
                {
                    residenceCodes.Add(beschikking.Residence);
                }
                var client = clients.Of(beschikking.Client, out _);
                var line = lines.Of(school << 32 | residence, out var newLine);
                if (newLine)
                {
                    lineNumbers.Add(((int)school, (int)residence));
                }
                // The client's child on this line, else the numbers its other children have in this municipality and school.
                int child = clientChild[client], ofMunicipality = -1, atSchool = -1;
                for (; child >= 0 && childLine[child] != line; child = childNext[child])
                {
                    var (schoolOf, residenceOf) = lineNumbers[childLine[child]];
                    if (residenceOf == residence)
                    {
                        ofMunicipality = childOfMunicipality[child];
                    }
                    if (schoolOf == school)
                    {
                        atSchool = childAtSchool[child];
                    }
                }
                if (child < 0)
                {
                    child = children++;
                    childLine[child] = line;
                    childOfMunicipality[child] = ofMunicipality >= 0 ? ofMunicipality : municipalityChildren++;
                    childAtSchool[child] = atSchool >= 0 ? atSchool : schoolChildren++;
                    childNext[child] = clientChild[client];
                    clientChild[client] = child;
                    firstPeriods[child] = beschikking.Active;
                }
                else
                {
                    (morePeriods.TryGetValue(child, out var more) ? more : morePeriods[child] = [firstPeriods[child]]).Add(beschikking.Active);
                }
            }
            _individual = new int[12, Reasons.Length];
            for (var i = 0; i < individuals; i++)
            {
                for (var m = 0; m < 12; m++)
                {
                    _individual[m, (int)individualReason[i]] += individualMonths[i] >> m & 1;
                }
            }
            _municipalityChildren = municipalityChildren;
            _schoolChildren = schoolChildren;
            _schools = [.. schoolCodes];
            _residences = [.. residenceCodes];
            _lineSchool = [.. lineNumbers.Select(l => l.School)];
            _lineResidence = [.. lineNumbers.Select(l => l.Residence)];
            _childLine = childLine[..children];
            _childOfMunicipality = childOfMunicipality[..children];
            _childAtSchool = childAtSchool[..children];

            // Per child: its days in each month and in the year, overlapping beschikkingen counted once.
            var count = children;
            var yearDays = new long[lineNumbers.Count];
            _monthDays = new int[12 * count];
            for (var c = 0; c < count; c++)
            {
                yearDays[_childLine[c]] += Days(c, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
                for (var month = 0; month < 12; month++)
                {
                    _monthDays[month * count + c] = Days(c, windows[month].First, windows[month].Last);
                }
            }
            // The annual projection does not depend on the month: made once.
            _lineAnnual = [.. yearDays.Select(days => DayProration.LineAmount(pool.AnnualCentsPerChild, days, year))];

            int Days(int child, DateOnly from, DateOnly through) =>
                morePeriods.TryGetValue(child, out var more) ? ActivePeriod.UnionDaysWithin(more, from, through) : firstPeriods[child].DaysWithin(from, through);
        }

        public Costs CostsOf(int month)
        {
            var i = month - 1;
            var count = _childLine.Length;
            var daysOfLine = new long[_lineSchool.Length];
            // A child is counted once per municipality and once per school, also when it has care at two schools.
            var countedOfMunicipality = new bool[_municipalityChildren];
            var countedAtSchool = new bool[_schoolChildren];
            var perResidence = new int[_residences.Length];
            var perSchool = new int[_schools.Length];
            // The counts' tables list residences and schools in the order their first child is counted.
            var residenceOrder = new List<int>();
            var schoolOrder = new List<int>();
            var days = _monthDays.AsSpan(i * count, count);
            for (var c = 0; c < days.Length; c++)
            {
                if (days[c] == 0)
                {
                    continue;
                }
                var line = _childLine[c];
                daysOfLine[line] += days[c];
                if (!countedOfMunicipality[_childOfMunicipality[c]])
                {
                    countedOfMunicipality[_childOfMunicipality[c]] = true;
                    if (perResidence[_lineResidence[line]]++ == 0)
                    {
                        residenceOrder.Add(_lineResidence[line]);
                    }
                }
                if (!countedAtSchool[_childAtSchool[c]])
                {
                    countedAtSchool[_childAtSchool[c]] = true;
                    if (perSchool[_lineSchool[line]]++ == 0)
                    {
                        schoolOrder.Add(_lineSchool[line]);
                    }
                }
            }
            var annual = _pool.AnnualCentsPerChild;
            var shares = new List<CostShare>(daysOfLine.Length);
            for (var l = 0; l < daysOfLine.Length; l++)
            {
                shares.Add(new CostShare(
                    _schools[_lineSchool[l]], _residences[_lineResidence[l]], daysOfLine[l], DayProration.LineAmount(annual, daysOfLine[l], _year), _lineAnnual[l]));
            }
            return new Costs(
                BasisUnit.ChildDays,
                shares,
                residenceOrder.ToDictionary(r => _residences[r], r => perResidence[r]),
                schoolOrder.ToDictionary(s => _schools[s], s => perSchool[s]),
                Reasons.Where(r => _individual[i, (int)r] > 0).Select(r => new IndividualCount(r, _individual[i, (int)r])).ToList());
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
