using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Schemes;

/// <summary>The parameters of a scheme that hold in one funding year.</summary>
/// <param name="Participants">As the file declares them; <see cref="Scheme.TermsFor(int)"/> narrows them to a year.</param>
public sealed record SchemeTerms(
    IReadOnlySet<SchoolLocationId> Schools,
    IReadOnlySet<MunicipalityCode> Participants,
    Pool Pool,
    Key Key,
    Flow Flow,
    InvoiceTerms Invoice)
{
    /// <summary>Municipalities that join or leave: when each takes part. A participant without an entry always takes part.</summary>
    public IReadOnlyDictionary<MunicipalityCode, Participation> Participation { get; init; } = new Dictionary<MunicipalityCode, Participation>();

    /// <summary>Contributions in kind per school board (its number), for the year overview; empty when the scheme names none.</summary>
    public IReadOnlyDictionary<string, InKindContribution> InKind { get; init; } = new Dictionary<string, InKindContribution>();

    /// <summary>Funders that are not municipalities (the file's <c>funders</c>): their shares come off the pool before the key splits it; empty when it names none.</summary>
    public IReadOnlyList<Funder> Funders { get; init; } = [];

    /// <summary>Which pupils the scheme reaches (its <c>reach</c>); null for all pupils.</summary>
    public Reach? Reach { get; init; }

    public Participation ParticipationOf(MunicipalityCode municipality) =>
        Participation.TryGetValue(municipality, out var participation) ? participation : Schemes.Participation.Always;

    /// <summary>The months of a funding year a municipality takes part; null when it does not take part that year.</summary>
    public (int First, int Last)? MonthsOf(MunicipalityCode municipality, int year) =>
        Participants.Contains(municipality) ? ParticipationOf(municipality).MonthsIn(year) : null;

    internal SchemeTerms Narrowed(Func<Participation, bool> takesPart) =>
        this with { Participants = Participants.Where(p => takesPart(ParticipationOf(p))).ToHashSet() };
}

/// <summary>
/// One cost-sharing arrangement. Its terms can change from a funding year on (the scheme file's
/// <c>years</c> section); <see cref="TermsFor"/> returns the latest terms in force in a year.
/// </summary>
public sealed record Scheme
{
    // Not readonly: WithTermsFrom gives a copy (made by `with`, so every other property comes along) terms of its own.
    private SortedDictionary<int, SchemeTerms> _termsFromYear;

    /// <param name="countingDate">The Peildatum's month and day; DUO counts on 1 October, a scheme may name another date.</param>
    public Scheme(string id, string name, int startYear, SchemeTerms terms, IReadOnlyDictionary<int, SchemeTerms>? changesFromYear = null, CountingDate? countingDate = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Id = id;
        Name = name;
        StartYear = startYear;
        CountingDate = countingDate ?? CountingDate.FirstOfOctober;
        _termsFromYear = new SortedDictionary<int, SchemeTerms> { [int.MinValue] = terms };
        foreach (var (year, changed) in changesFromYear ?? new Dictionary<int, SchemeTerms>())
        {
            _termsFromYear[year] = changed;
        }
    }

    public string Id { get; }
    public string Name { get; }

    /// <summary>The agreement the scheme rests on, e.g. "Convenant Zorg in onderwijstijd, 12 maart 2019"; printed on its invoices.</summary>
    public string? Agreement { get; init; }
    public int StartYear { get; }

    /// <summary>
    /// Four-eyes approval (the file's <c>approval</c>, default false): a run is prepared first, stored as a concept with
    /// its plan's fingerprint and the one who prepared it, and issued only by <c>approve</c> of someone else.
    /// </summary>
    public bool Approval { get; init; }
    public CountingDate CountingDate { get; }

    /// <summary>Per funding year of the file's <c>years</c> section, what it changes as written, e.g. <c>pool.normHoursPerWeek = 6</c>.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> YearChanges { get; init; } = new Dictionary<int, IReadOnlyList<string>>();

    /// <summary>Every version of the terms as declared, oldest first: the base terms (no year) and each year's.</summary>
    public IEnumerable<(int? FromYear, SchemeTerms Terms)> DeclaredTerms =>
        _termsFromYear.Select(t => (t.Key == int.MinValue ? (int?)null : t.Key, t.Value));

    /// <summary>The terms of a funding year, with the participants that take part in at least one of its months.</summary>
    public SchemeTerms TermsFor(int fundingYear) =>
        DeclaredTermsFor(fundingYear).Narrowed(p => p.MonthsIn(fundingYear) is not null);

    /// <summary>The terms of one month, with the participants that take part in that month.</summary>
    public SchemeTerms TermsFor(Periods.YearMonth month) =>
        DeclaredTermsFor(month.Year).Narrowed(p => p.Covers(month.Year, month.Month));

    private SchemeTerms DeclaredTermsFor(int fundingYear) => _termsFromYear.Last(t => t.Key <= fundingYear).Value;

    /// <summary>
    /// This scheme with the terms in force from <paramref name="fromYear"/> on changed by <paramref name="change"/> (the
    /// terms of that year and every later version); the years before keep theirs. Used for what holds from a date on
    /// whatever the file says, such as a merger.
    /// </summary>
    public Scheme WithTermsFrom(int fromYear, Func<SchemeTerms, SchemeTerms> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var terms = new SortedDictionary<int, SchemeTerms>(_termsFromYear) { [fromYear] = DeclaredTermsFor(fromYear) };
        foreach (var year in terms.Keys.Where(y => y >= fromYear).ToList())
        {
            terms[year] = change(terms[year]);
        }
        var copy = this with { };
        copy._termsFromYear = terms;
        return copy;
    }
}

/// <summary>The month and day pupils are counted on (the Peildatum); the count of year Y-1 keys funding year Y.</summary>
public readonly record struct CountingDate(int Month, int Day)
{
    public static CountingDate FirstOfOctober => new(10, 1);

    /// <summary>The Peildatum whose counts key funding year <paramref name="fundingYear"/>: in the year before it.</summary>
    public DateOnly ForFundingYear(int fundingYear) => new(fundingYear - 1, Month, Day);

    /// <summary>The Peildatum inside the school year that starts on 1 August of <paramref name="year"/> (step 4's base).</summary>
    public DateOnly InSchoolYearStarting(int year) => new(Month >= 8 ? year : year + 1, Month, Day);

    public bool Matches(DateOnly date) => date.Month == Month && date.Day == Day;
}
