using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Schemes;

/// <summary>What a scheme's reach comes to on one Peildatum.</summary>
/// <param name="PerLocation">Each location's pupils reached; a masked count at the scheme's value, and then estimated.</param>
/// <param name="ByGrade">The locations counted by the reach's grade: their counts carry grades.</param>
/// <param name="WithoutGrade">The locations counted whole although the reach names a grade: their counts carry none.</param>
public sealed record ReachedPupils(
    IReadOnlyDictionary<SchoolLocationId, PupilTotal> PerLocation,
    IReadOnlySet<SchoolLocationId> ByGrade,
    IReadOnlySet<SchoolLocationId> WithoutGrade);

/// <summary>
/// The pupils a scheme reaches per location (its <c>reach</c>, for the year overview): with a grade, the counts of that grade
/// where the location's counts carry grades; all pupils where they do not (a pupils file without the <c>leerjaar</c> column
/// cannot say who is in which grade), and the overview says so. Without a reach, all pupils.
/// </summary>
public static class PupilsReached
{
    /// <param name="counts">The counts of one Peildatum.</param>
    public static ReachedPupils PerLocation(IEnumerable<GradedPupilCount> counts, Reach? reach, decimal maskedCountValue)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var perLocation = new Dictionary<SchoolLocationId, PupilTotal>();
        var byGrade = new HashSet<SchoolLocationId>();
        var withoutGrade = new HashSet<SchoolLocationId>();
        foreach (var location in counts.GroupBy(c => c.School))
        {
            // One import leaves a location's counts on a Peildatum all with or all without grades.
            var graded = location.Any(c => c.Grade is not null);
            if (reach is not null)
            {
                (graded ? byGrade : withoutGrade).Add(location.Key);
            }
            var reached = reach is not null && graded ? location.Where(c => c.Grade == reach.Grade) : location;
            perLocation[location.Key] = new PupilTotal(reached.Sum(c => c.Count ?? maskedCountValue), reached.Any(c => c.Masked));
        }
        return new ReachedPupils(perLocation, byGrade, withoutGrade);
    }
}
