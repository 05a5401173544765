using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// The children key's figures: child-days per location and residence within a span, per child (client) the union of its
/// beschikkingen's active days, so overlapping beschikkingen of one child at one location count its days once; and the
/// children with at least one such day.
/// </summary>
internal static class ChildDayCounts
{
    public static Dictionary<(SchoolLocationId School, MunicipalityCode Residence), (long Days, HashSet<string> Children)> Of(
        IEnumerable<Beschikking> beschikkingen, DateOnly from, DateOnly through)
    {
        var days = new Dictionary<(SchoolLocationId School, MunicipalityCode Residence), (long Days, HashSet<string> Children)>();
        foreach (var child in beschikkingen.GroupBy(b => (b.School, b.Residence, b.Client)))
        {
            var active = Periods.ActivePeriod.UnionDaysWithin(child.Select(b => b.Active).ToList(), from, through);
            if (active > 0)
            {
                var key = (child.Key.School, child.Key.Residence);
                var (sum, children) = days.TryGetValue(key, out var entry) ? entry : (0L, new HashSet<string>(StringComparer.Ordinal));
                children.Add(child.Key.Client);
                days[key] = (sum + active, children);
            }
        }
        return days;
    }
}
