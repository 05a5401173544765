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
        // The text "GM0209:116781;GM1945:-5;" hashed from one buffer, written in place: a year's corrections digest 70,000
        // entries a month, and a string, its bytes and a hash array per location were most of what that allocated.
        var text = new byte[1024];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var parties = new List<KeyValuePair<PartyCode, long>>();
        foreach (var (school, bySchool) in sums)
        {
            parties.Clear();
            foreach (var party in bySchool)
            {
                if (party.Value != 0)
                {
                    parties.Add(party);
                }
            }
            if (parties.Count == 0)
            {
                continue;
            }
            parties.Sort(ByParty);
            var length = 0;
            foreach (var (municipality, cents) in parties)
            {
                // A party code and a long in ASCII: at most the code, ':', 20 characters and ';'.
                var needed = length + municipality.Value.Length + 22;
                if (needed > text.Length)
                {
                    Array.Resize(ref text, Math.Max(needed, text.Length * 2));
                }
                length += Encoding.ASCII.GetBytes(municipality.Value, text.AsSpan(length));
                text[length++] = (byte)':';
                cents.TryFormat(text.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
                length += written;
                text[length++] = (byte)';';
            }
            SHA256.HashData(text.AsSpan(0, length), hash);
            digests[school] = Convert.ToHexStringLower(hash);
        }
        return digests;
    }

    private static readonly Comparison<KeyValuePair<PartyCode, long>> ByParty = (a, b) => Comparer<PartyCode>.Default.Compare(a.Key, b.Key);

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
