using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.DrawingRights;

/// <summary>A location's pupils on one Peildatum, all municipalities of residence together.</summary>
/// <param name="Estimated">At least one count was masked as &lt;5 and valued by the scheme setting.</param>
public readonly record struct PupilTotal(decimal Pupils, bool Estimated);

public static class PupilTotals
{
    /// <summary>Sums counts per location and Peildatum; a masked count counts as <paramref name="maskedCountValue"/>.</summary>
    public static IReadOnlyDictionary<(SchoolLocationId School, DateOnly Peildatum), PupilTotal> PerLocation(
        IEnumerable<PupilCount> counts, decimal maskedCountValue)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var totals = new Dictionary<(SchoolLocationId, DateOnly), PupilTotal>();
        foreach (var count in counts)
        {
            var key = (count.School, count.Peildatum);
            var total = totals.GetValueOrDefault(key);
            totals[key] = new PupilTotal(total.Pupils + (count.Count ?? maskedCountValue), total.Estimated || count.Masked);
        }
        return totals;
    }
}
