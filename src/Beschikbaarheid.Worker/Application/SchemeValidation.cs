using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;

namespace Beschikbaarheid.Worker.Application;

/// <summary>One scheme file as <c>validate</c> found it: every problem with its key; none when it is OK.</summary>
public sealed record SchemeCheck(string File, string? SchemeId, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>What <c>validate</c> found: per scheme file its problems, and whether the registry could be read.</summary>
/// <param name="RegistryProblem">Why the municipalities and schools could not be checked; null when they were.</param>
public sealed record ValidationReport(IReadOnlyList<SchemeCheck> Schemes, string? RegistryProblem)
{
    public bool Ok => RegistryProblem is null && Schemes.All(s => s.Ok);
}

/// <summary>
/// The <c>validate</c> verb's work: every scheme file (or one) read by the loader, which refuses unknown keys and
/// unsupported combinations by the table of <see cref="SupportedSchemes"/>; then every municipality and school
/// location a loaded scheme names, in each version of its terms, looked up in the registry. Reads only.
/// </summary>
public sealed class SchemeValidation(SchemeFileLoader loader, IConnectionFactory connections, DatabaseSetup setup, RegistryReader registry)
{
    public async Task<ValidationReport> ValidateAsync(string? schemeId, CancellationToken cancellationToken = default)
    {
        var files = loader.Check(schemeId);
        string? registryProblem = null;
        IReadOnlySet<MunicipalityCode> municipalities = new HashSet<MunicipalityCode>();
        IReadOnlySet<SchoolLocationId> schools = new HashSet<SchoolLocationId>();
        if (connections.Provider == DatabaseProvider.Sqlite && !File.Exists(connections.Describe()))
        {
            registryProblem = $"database {connections.Describe()} does not exist, so the municipalities and schools the schemes name were not checked; "
                + "run 'beschikbaarheid db migrate' and import gemeenten and scholen first.";
        }
        else
        {
            await setup.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            var (m, s) = await registry.LoadAsync(cancellationToken).ConfigureAwait(false);
            municipalities = m.Keys.ToHashSet();
            schools = s.Keys.ToHashSet();
        }
        var checks = files.Select(file => file.Scheme is { } scheme
                ? new SchemeCheck(file.File, scheme.Id, registryProblem is null ? Unregistered(scheme, municipalities, schools) : [])
                : new SchemeCheck(file.File, null, file.Error!.Problems))
            .ToList();
        return new ValidationReport(checks, registryProblem);
    }

    /// <summary>Every code a scheme names that the registry lacks, once, with the key (and year) that names it first.</summary>
    public static IReadOnlyList<string> Unregistered(Scheme scheme, IReadOnlySet<MunicipalityCode> municipalities, IReadOnlySet<SchoolLocationId> schools)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(municipalities);
        ArgumentNullException.ThrowIfNull(schools);
        var problems = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (fromYear, terms) in scheme.DeclaredTerms)
        {
            var context = fromYear is { } year ? $"years.{year} → " : "";
            foreach (var code in terms.Participants.Order().Where(c => !municipalities.Contains(c) && reported.Add(c.ToString())))
            {
                var key = terms.Participation.ContainsKey(code) ? $"participation.{code}" : "participants";
                problems.Add($"{context}key '{key}': municipality {code} is not in the registry (import gemeenten)");
            }
            var named = terms.Schools.Select(s => (Key: "schools", School: s));
            if (terms.Pool is DrawingRightsPool pool)
            {
                named = named.Concat(pool.FixedFte.Keys.Select(s => (Key: $"pool.fixedFte.{s}", School: s)));
            }
            foreach (var (key, school) in named.OrderBy(n => n.School).Where(n => !schools.Contains(n.School) && reported.Add(n.School.ToString())))
            {
                problems.Add($"{context}key '{key}': school location {school} is not in the registry (import scholen)");
            }
        }
        return problems;
    }
}
