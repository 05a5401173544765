using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// A fingerprint of what a funding year's settlement is computed from (audit trail): SHA-256 over the
/// scheme's terms for the year, every parameter written out, and every input row in a canonical order.
/// The same inputs give the same fingerprint on any machine; any changed row or parameter gives another,
/// so two runs of a year with the same fingerprint saw the same data. Client ids enter only hashed.
/// </summary>
public static class InputFingerprint
{
    public static string Of(Scheme scheme, int fundingYear, SettlementInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(inputs);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        var terms = scheme.TermsFor(fundingYear);
        text.Append(CultureInfo.InvariantCulture, $"{scheme.Id}|{fundingYear}|{Describe(terms.Pool)}|{Describe(terms.Key)}|{Describe(terms.Flow)}|{Describe(terms.Participation)}|");
        text.AppendJoin(',', terms.Schools.Order()).Append('|').AppendJoin(',', terms.Participants.Order()).Append('\n');
        // A changed funder's share changes what every party carries, so it must make earlier months be computed again; a
        // scheme without funders keeps the text it always had, and so the fingerprints its runs stored.
        if (terms.Funders.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"F|{Describe(terms.Funders)}\n");
        }
        Flush(hash, text, whenAbove: 0);
        HashBeschikkingen(hash, inputs.Beschikkingen);
        foreach (var r in inputs.DrawingRights.OrderBy(r => r.School).ThenBy(r => r.Category, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"R|{r.School}|{r.Category}|{r.Fte}|{r.Budget.Cents}\n");
        }
        foreach (var p in inputs.PupilCounts.OrderBy(p => p.Peildatum).ThenBy(p => p.School).ThenBy(p => p.Residence))
        {
            text.Append(CultureInfo.InvariantCulture, $"P|{p.Peildatum:yyyy-MM-dd}|{p.School}|{p.Residence}|{(p.Count?.ToString(CultureInfo.InvariantCulture) ?? "<5")}\n");
        }
        foreach (var e in inputs.Estimates.OrderBy(e => e.Year).ThenBy(e => e.School).ThenBy(e => e.Residence).ThenBy(e => e.Children).ThenBy(e => e.HoursPerWeek))
        {
            text.Append(CultureInfo.InvariantCulture, $"E|{e.Year}|{e.School}|{e.Residence}|{e.Children}|{e.HoursPerWeek}\n");
        }
        foreach (var r in inputs.Realisation.OrderBy(r => r.Year).ThenBy(r => r.School))
        {
            text.Append(CultureInfo.InvariantCulture, $"H|{r.Year}|{r.School}|{r.Hours}\n");
        }
        Flush(hash, text, whenAbove: 0);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The beschikkingen, a national region's 200,000 rows: each line formatted straight into UTF-8 bytes, the same bytes
    /// the text form gives, without a string per row.
    /// </summary>
    private static void HashBeschikkingen(IncrementalHash hash, IReadOnlyList<Registry.Beschikking> beschikkingen)
    {
        var buffer = new byte[1 << 16];
        var used = 0;
        // Sorted by the array sort on the numbers as keys: half the time of an ordered LINQ query, which compares through key selectors.
        var numbers = new string[beschikkingen.Count];
        var ordered = new Registry.Beschikking[beschikkingen.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = beschikkingen[i];
            numbers[i] = ordered[i].Number;
        }
        Array.Sort(numbers, ordered, StringComparer.Ordinal);
        foreach (var b in ordered)
        {
            int written;
            while (!System.Text.Unicode.Utf8.TryWrite(buffer.AsSpan(used), CultureInfo.InvariantCulture,
                $"B|{b.Number}|{b.Client}|{b.Residence.Value}|{b.School.Brin}{b.School.Vestiging}|{b.Category}|{b.Law}|{b.HoursPerWeek}|{b.Active.Start:yyyy-MM-dd}|{b.Active.End:yyyy-MM-dd}\n",
                out written))
            {
                if (used == 0)
                {
                    // One line longer than the buffer: hashed on its own.
                    hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                        $"B|{b.Number}|{b.Client}|{b.Residence}|{b.School}|{b.Category}|{b.Law}|{b.HoursPerWeek}|{b.Active.Start:yyyy-MM-dd}|{b.Active.End:yyyy-MM-dd}\n")));
                    written = 0;
                    break;
                }
                hash.AppendData(buffer, 0, used);
                used = 0;
            }
            used += written;
        }
        hash.AppendData(buffer, 0, used);
    }

    /// <summary>Hashes the text gathered so far once it is long enough, so a large input is never one huge string.</summary>
    private static void Flush(IncrementalHash hash, StringBuilder text, int whenAbove)
    {
        if (text.Length > whenAbove)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
            text.Clear();
        }
    }

    /// <summary>
    /// A parameter written out in full: a record's properties by name, a dictionary's entries by key, a list's
    /// items in order. A record's own ToString would print a dictionary as its type name and hide its content.
    /// </summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IDictionary dictionary => "{" + string.Join(";", dictionary.Keys.Cast<object>()
            .Select(k => (Key: Describe(k), Value: Describe(dictionary[k]))).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")) + "}",
        System.Collections.IEnumerable items => "[" + string.Join(";", items.Cast<object?>().Select(Describe)) + "]",
        _ when value.GetType().IsValueType || value.GetType().Namespace?.StartsWith("Beschikbaarheid.Core.Registry", StringComparison.Ordinal) == true => value.ToString() ?? "",
        _ => value.GetType().Name + "(" + string.Join(",", value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={Describe(p.GetValue(value))}")) + ")",
    };
}
