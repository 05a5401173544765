using System.Buffers;
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
        var all = entries as IReadOnlyList<Entry> ?? [.. entries];
        return Of(all.Select(e => new Part(e.School, e.Municipality, e.Amount.Cents)), all.Count);
    }

    /// <summary>An amount of a party at a location, as an entry has it.</summary>
    internal readonly record struct Part(SchoolLocationId School, PartyCode Party, long Cents);

    /// <summary>The digests of at most <paramref name="most"/> parts, held meanwhile in an array from the shared pool.</summary>
    internal static IReadOnlyDictionary<SchoolLocationId, string> Of(IEnumerable<Part> parts, int most)
    {
        var held = ArrayPool<Part>.Shared.Rent(most);
        try
        {
            var count = 0;
            foreach (var part in parts)
            {
                held[count++] = part;
            }
            return Of(held.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<Part>.Shared.Return(held, clearArray: true);
        }
    }

    /// <summary>Per location: the digest of the parts' sums per party; locations whose sums are all zero are absent.</summary>
    internal static IReadOnlyDictionary<SchoolLocationId, string> Of(ReadOnlySpan<Part> all)
    {
        // The parts placed by location in pooled arrays (counted per location first: a counting sort), and each location's
        // parties sorted and summed where they lie: a hash table per location, grown entry by entry, was a quarter of what a
        // year's corrections allocated (they digest 70,000 entries for each month they recompute). A party is sorted by its
        // rank among the parties present, ranked once: comparing the codes themselves, some 70 per location, was most of a digest.
        var schools = new Dictionary<SchoolLocationId, int>();
        var ends = new List<int>();
        var parties = new Dictionary<PartyCode, int>();
        var schoolOf = ArrayPool<int>.Shared.Rent(all.Length);
        var partyOf = ArrayPool<int>.Shared.Rent(all.Length);
        var placedParty = ArrayPool<int>.Shared.Rent(all.Length);
        var placedCents = ArrayPool<long>.Shared.Rent(all.Length);
        try
        {
            for (var i = 0; i < all.Length; i++)
            {
                ref var school = ref CollectionsMarshal.GetValueRefOrAddDefault(schools, all[i].School, out var known);
                if (!known)
                {
                    school = ends.Count;
                    ends.Add(0);
                }
                ends[school]++;
                schoolOf[i] = school;
                ref var party = ref CollectionsMarshal.GetValueRefOrAddDefault(parties, all[i].Party, out var seen);
                if (!seen)
                {
                    party = parties.Count - 1;
                }
                partyOf[i] = party;
            }
            // Parties in order: the rank of each number given above, and the code of each rank.
            var byRank = parties.Keys.ToArray();
            Array.Sort(byRank);
            var rank = new int[byRank.Length];
            for (var r = 0; r < byRank.Length; r++)
            {
                rank[parties[byRank[r]]] = r;
            }
            // Counts become where each location's entries end; placing fills each location back to front.
            for (var s = 1; s < ends.Count; s++)
            {
                ends[s] += ends[s - 1];
            }
            var next = ends.ToArray();
            for (var i = all.Length - 1; i >= 0; i--)
            {
                var at = --next[schoolOf[i]];
                placedParty[at] = rank[partyOf[i]];
                placedCents[at] = all[i].Cents;
            }
            var digests = new Dictionary<SchoolLocationId, string>(schools.Count);
            // The text "GM0209:116781;GM1945:-5;" hashed from one buffer, written in place: a year's corrections digest 70,000
            // entries a month, and a string, its bytes and a hash array per location were most of what that allocated.
            var text = new byte[1024];
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            foreach (var (school, index) in schools)
            {
                var ranks = placedParty.AsSpan(next[index], ends[index] - next[index]);
                var amounts = placedCents.AsSpan(next[index], ranks.Length);
                ranks.Sort(amounts);
                var length = 0;
                for (var p = 0; p < ranks.Length;)
                {
                    var (party, cents) = (ranks[p], amounts[p]);
                    while (++p < ranks.Length && ranks[p] == party)
                    {
                        cents += amounts[p];
                    }
                    if (cents == 0)
                    {
                        continue;
                    }
                    var code = byRank[party].Value;
                    // A party code and a long in ASCII: at most the code, ':', 20 characters and ';'.
                    var needed = length + code.Length + 22;
                    if (needed > text.Length)
                    {
                        Array.Resize(ref text, Math.Max(needed, text.Length * 2));
                    }
                    length += Encoding.ASCII.GetBytes(code, text.AsSpan(length));
                    text[length++] = (byte)':';
                    cents.TryFormat(text.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
                    length += written;
                    text[length++] = (byte)';';
                }
                if (length == 0)
                {
                    continue;
                }
                SHA256.HashData(text.AsSpan(0, length), hash);
                digests[school] = Convert.ToHexStringLower(hash);
            }
            return digests;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(schoolOf);
            ArrayPool<int>.Shared.Return(partyOf);
            ArrayPool<int>.Shared.Return(placedParty);
            ArrayPool<long>.Shared.Return(placedCents);
        }
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
