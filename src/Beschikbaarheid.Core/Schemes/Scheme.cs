using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Schemes;

/// <summary>The parameters of a scheme that hold in one funding year.</summary>
public sealed record SchemeTerms(
    IReadOnlySet<SchoolLocationId> Schools,
    IReadOnlySet<MunicipalityCode> Participants,
    Pool Pool,
    Key Key,
    Flow Flow,
    InvoiceTerms Invoice);

/// <summary>
/// One cost-sharing arrangement. Its terms can change from a funding year on (the scheme file's
/// <c>years</c> section); <see cref="TermsFor"/> returns the latest terms in force in a year.
/// </summary>
public sealed record Scheme
{
    private readonly SortedDictionary<int, SchemeTerms> _termsFromYear;

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
    public int StartYear { get; }
    public CountingDate CountingDate { get; }

    public SchemeTerms TermsFor(int fundingYear) => _termsFromYear.Last(t => t.Key <= fundingYear).Value;
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
