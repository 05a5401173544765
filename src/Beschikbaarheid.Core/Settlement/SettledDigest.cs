using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// What is settled for one month at one school location, as a fingerprint: SHA-256 over each municipality's summed
/// amount there, municipalities in order, sums of zero left out. Two states with the same digest bill every
/// municipality the same at that location, so a run correcting a month reads back only the locations whose digest
/// changed, instead of the month's tens of thousands of lines (<see cref="Corrections"/> compares exactly those).
/// </summary>
/// <remarks>
/// Zero sums are left out because a correction compares sums: a line corrected back to zero and a line never
/// billed are the same to it. A location whose sums are all zero has no digest.
/// </remarks>
public static class SettledDigest
{
    /// <summary>Per location: the digest of the entries' sums per municipality; locations whose sums are all zero are absent.</summary>
    public static IReadOnlyDictionary<SchoolLocationId, string> Of(IEnumerable<Entry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // Summed in hash tables and each location's parties sorted once: a sorted table per location, kept in order on every
        // add, was most of the time a year's corrections took.
        var sums = new Dictionary<SchoolLocationId, Dictionary<PartyCode, long>>();
        foreach (var e in entries)
        {
            ref var bySchool = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, e.School, out _);
            bySchool ??= [];
            ref var cents = ref CollectionsMarshal.GetValueRefOrAddDefault(bySchool, e.Municipality, out _);
            cents += e.Amount.Cents;
        }
        var digests = new Dictionary<SchoolLocationId, string>(sums.Count);
        var text = new StringBuilder();
        var parties = new List<KeyValuePair<PartyCode, long>>();
        foreach (var (school, bySchool) in sums)
        {
            parties.Clear();
            parties.AddRange(bySchool.Where(s => s.Value != 0));
            parties.Sort((a, b) => Comparer<PartyCode>.Default.Compare(a.Key, b.Key));
            text.Clear();
            foreach (var (municipality, cents) in parties)
            {
                text.Append(municipality.Value).Append(':').Append(cents.ToString(CultureInfo.InvariantCulture)).Append(';');
            }
            if (text.Length > 0)
            {
                digests[school] = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text.ToString())));
            }
        }
        return digests;
    }

    /// <summary>The locations whose digest differs between two states of a month, including those present in only one.</summary>
    public static IReadOnlySet<SchoolLocationId> Changed(IReadOnlyDictionary<SchoolLocationId, string> stored, IReadOnlyDictionary<SchoolLocationId, string> now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(now);
        var changed = new HashSet<SchoolLocationId>();
        foreach (var (school, digest) in now)
        {
            if (!stored.TryGetValue(school, out var before) || before != digest)
            {
                changed.Add(school);
            }
        }
        changed.UnionWith(stored.Keys.Where(school => !now.ContainsKey(school)));
        return changed;
    }
}

/// <summary>
/// The digests a run leaves for one month (<see cref="SettledDigest"/>): for <see cref="Schools"/> the new digest, or null
/// where nothing remains settled there. <see cref="Complete"/>: these are all the month's locations, replacing whatever was
/// stored (a month settled before digests existed, or the run's own month); otherwise only the locations named change.
/// </summary>
public sealed record MonthDigests(YearMonth Month, IReadOnlyDictionary<SchoolLocationId, string?> Schools, bool Complete);
