using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.DrawingRights;

/// <summary>
/// The indicator a region watches under drawing rights: how many individual Jeugdwet beschikkingen still
/// start at the scheme's locations, per location and month. Under availability funding it should fall.
/// </summary>
public static class BeschikkingMonitor
{
    public static IReadOnlyDictionary<(SchoolLocationId School, YearMonth Month), int> StartsPerMonth(
        IEnumerable<Beschikking> beschikkingen, IReadOnlySet<SchoolLocationId> schools, YearMonth from, YearMonth through)
    {
        ArgumentNullException.ThrowIfNull(beschikkingen);
        ArgumentNullException.ThrowIfNull(schools);
        return beschikkingen
            .Where(b => b.Law == Law.JW && schools.Contains(b.School))
            .Select(b => (b.School, Month: YearMonth.Of(b.Active.Start)))
            .Where(s => s.Month >= from && s.Month <= through)
            .CountBy(s => s)
            .ToDictionary(c => c.Key, c => c.Value);
    }
}
