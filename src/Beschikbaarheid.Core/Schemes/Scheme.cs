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

    public Scheme(string id, string name, int startYear, SchemeTerms terms, IReadOnlyDictionary<int, SchemeTerms>? changesFromYear = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Id = id;
        Name = name;
        StartYear = startYear;
        _termsFromYear = new SortedDictionary<int, SchemeTerms> { [int.MinValue] = terms };
        foreach (var (year, changed) in changesFromYear ?? new Dictionary<int, SchemeTerms>())
        {
            _termsFromYear[year] = changed;
        }
    }

    public string Id { get; }
    public string Name { get; }
    public int StartYear { get; }

    public SchemeTerms TermsFor(int fundingYear) => _termsFromYear.Last(t => t.Key <= fundingYear).Value;
}
