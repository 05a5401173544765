using System.Globalization;
using System.Numerics;
using System.Text;

namespace Beschikbaarheid.Data.Tests.Import.Fuzz;

/// <summary>
/// The fuzz test's own reading of an input file, written from README's "Input files" and "Values and bounds",
/// not from the importer's code: the bytes either make a file that must be refused (with the first reason found)
/// or the rows that must be stored, each as the text of its stored columns. It shares no code with the importer;
/// only Windows-1252 is decoded with the platform's code page table.
/// </summary>
internal static class StrictReader
{
    public sealed record Result(bool Refused, string Reason, IReadOnlyList<(string Key, string Values)> Rows)
    {
        public static Result Refuse(string reason) => new(true, reason, []);
    }

    /// <summary>What a row must match in the database: municipalities and school locations stored, the counting date 1 October.</summary>
    public sealed record Known(IReadOnlySet<string> Municipalities, IReadOnlySet<string> Schools);

    public static readonly string[] LeerlingenColumns = ["peildatum", "brin", "vestiging", "woongemeente", "aantal"];

    public static readonly string[] BeschikkingenColumns =
        ["beschikkingnummer", "client", "woongemeente", "brin", "vestiging", "aanbieder", "categorie", "wet", "uren_per_week", "ingangsdatum", "einddatum"];

    /// <summary>Reads <paramref name="bytes"/> as a leerlingen or beschikkingen file; null when the file is of a shape this reader does not judge (JW301).</summary>
    public static Result? Read(byte[] bytes, bool beschikkingen, Known known)
    {
        if (Decode(bytes, out var reason) is not { } text)
        {
            return Result.Refuse(reason!);
        }
        var lines = Lines(text);
        if (lines.Count == 0 || lines[0].All(char.IsWhiteSpace))
        {
            return Result.Refuse("empty file or header");
        }
        var headerLine = lines[0];
        var separator = headerLine.Count(c => c == ';') >= headerLine.Count(c => c == ',') ? ';' : ',';
        if (Split(headerLine, separator) is not { } headerFields)
        {
            return Result.Refuse("header is not well-formed");
        }
        var header = headerFields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (beschikkingen && header.Contains("eenheid"))
        {
            return null;
        }
        var required = beschikkingen ? BeschikkingenColumns : LeerlingenColumns;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i], i);
        }
        if (required.FirstOrDefault(r => !index.ContainsKey(r)) is { } missing)
        {
            return Result.Refuse($"header lacks {missing}");
        }

        var rows = new List<(string Key, string Values)>();
        // README: ids that differ only in letter case are one id.
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var n = 1; n < lines.Count; n++)
        {
            var line = lines[n];
            if (line.All(c => c == separator || char.IsWhiteSpace(c)))
            {
                continue;
            }
            var where = $"line {n + 1}";
            if (Split(line, separator) is not { } fields)
            {
                return Result.Refuse($"{where}: quotes");
            }
            if (fields.Count != header.Count)
            {
                return Result.Refuse($"{where}: {fields.Count} fields");
            }
            string Field(string column) => fields[index[column]].Trim(' ', '\t');
            var row = beschikkingen ? Beschikking(Field, known, out reason) : PupilCount(Field, known, out reason);
            if (row is null)
            {
                return Result.Refuse($"{where}: {reason}");
            }
            if (!keys.Add(row.Value.Key))
            {
                return Result.Refuse($"{where}: key {row.Value.Key} twice");
            }
            rows.Add(row.Value);
        }
        return rows.Count == 0 ? Result.Refuse("no data rows") : new Result(false, "", rows);
    }

    // ---- Encoding ------------------------------------------------------------------------------------------

    private static string? Decode(byte[] bytes, out string? reason)
    {
        reason = null;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            reason = "UTF-16";
            return null;
        }
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var start = bom ? 3 : 0;
        var anyBad = false;
        var anyMultiByte = false;
        for (var i = start; i < bytes.Length;)
        {
            if (bytes[i] < 0x80)
            {
                i++;
                continue;
            }
            var length = Utf8SequenceAt(bytes, i);
            if (length > 0)
            {
                anyMultiByte = true;
                i += length;
            }
            else
            {
                anyBad = true;
                i++;
            }
        }
        if (anyBad && (bom || anyMultiByte))
        {
            reason = "mixed encodings";
            return null;
        }
        return anyBad
            ? Encoding.GetEncoding(1252).GetString(bytes, start, bytes.Length - start)
            : Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    /// <summary>The length of the well-formed UTF-8 multi-byte sequence at <paramref name="i"/> (Unicode table 3-7), or 0.</summary>
    private static int Utf8SequenceAt(byte[] b, int i)
    {
        static bool Tail(byte x) => x is >= 0x80 and <= 0xBF;
        bool Has(int n) => i + n < b.Length;
        var lead = b[i];
        if (lead is >= 0xC2 and <= 0xDF)
        {
            return Has(1) && Tail(b[i + 1]) ? 2 : 0;
        }
        if (lead is >= 0xE0 and <= 0xEF)
        {
            var (low, high) = lead switch { 0xE0 => (0xA0, 0xBF), 0xED => (0x80, 0x9F), _ => (0x80, 0xBF) };
            return Has(2) && b[i + 1] >= low && b[i + 1] <= high && Tail(b[i + 2]) ? 3 : 0;
        }
        if (lead is >= 0xF0 and <= 0xF4)
        {
            var (low, high) = lead switch { 0xF0 => (0x90, 0xBF), 0xF4 => (0x80, 0x8F), _ => (0x80, 0xBF) };
            return Has(3) && b[i + 1] >= low && b[i + 1] <= high && Tail(b[i + 2]) && Tail(b[i + 3]) ? 4 : 0;
        }
        return 0;
    }

    /// <summary>Lines split at LF, CR LF or a lone CR; a final line break ends the last line rather than starting an empty one.</summary>
    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var from = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[from..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                from = i + 1;
            }
        }
        if (from < text.Length)
        {
            lines.Add(text[from..]);
        }
        return lines;
    }

    /// <summary>One line into fields: a field is either quoted whole (doubled quotes inside, closed on this line, then a separator or the end) or holds no quote.</summary>
    private static List<string>? Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i == line.Length)
                    {
                        return null; // still open at the end of the line
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != separator)
                {
                    return null; // text after the closing quote
                }
            }
            else
            {
                while (i < line.Length && line[i] != separator)
                {
                    if (line[i] == '"')
                    {
                        return null; // a quote inside an unquoted field
                    }
                    field.Append(line[i++]);
                }
            }
            fields.Add(field.ToString());
            if (i == line.Length)
            {
                return fields;
            }
            i++;
        }
    }

    // ---- Values ---------------------------------------------------------------------------------------------

    private static (string Key, string Values)? PupilCount(Func<string, string> field, Known known, out string? reason)
    {
        reason = null;
        if (Date(field("peildatum")) is not { } date)
        {
            reason = "peildatum";
            return null;
        }
        if (date.Month != 10 || date.Day != 1)
        {
            reason = "peildatum not 1 October";
            return null;
        }
        if (School(field("brin"), field("vestiging"), known) is not { } school)
        {
            reason = "school";
            return null;
        }
        if (Municipality(field("woongemeente"), known) is not { } municipality)
        {
            reason = "woongemeente";
            return null;
        }
        var aantal = field("aantal");
        string pupils;
        if (aantal.Replace(" ", "", StringComparison.Ordinal) == "<5")
        {
            pupils = "NULL";
        }
        else if (aantal.Length > 0 && aantal.All(char.IsAsciiDigit) && BigInteger.Parse(aantal, CultureInfo.InvariantCulture) is var n && n >= 1 && n <= 100_000)
        {
            pupils = n.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            reason = "aantal";
            return null;
        }
        var key = $"{date:yyyy-MM-dd}|{school}|{municipality}";
        return (key, $"{key}|{pupils}");
    }

    private static (string Key, string Values)? Beschikking(Func<string, string> field, Known known, out string? reason)
    {
        reason = null;
        var number = IdentifierOf(field("beschikkingnummer"));
        var client = IdentifierOf(field("client"));
        var municipality = Municipality(field("woongemeente"), known);
        var school = School(field("brin"), field("vestiging"), known);
        var provider = TextOf(field("aanbieder"), 200);
        var categorie = field("categorie");
        var wet = field("wet").ToUpperInvariant();
        var hours = Hours(field("uren_per_week"));
        var start = Date(field("ingangsdatum"));
        var endText = field("einddatum");
        var end = endText.Length == 0 ? null : Date(endText);
        reason = number is null ? "beschikkingnummer"
            : client is null ? "client"
            : IsBsn(client) ? "client is a BSN"
            : municipality is null ? "woongemeente"
            : school is null ? "school"
            : provider is null ? "aanbieder"
            : categorie.Length is 0 or > 20 || !categorie.All(char.IsAsciiLetterOrDigit) ? "categorie"
            : !field("wet").All(char.IsAscii) || wet is not ("JW" or "WLZ" or "ZVW") ? "wet"
            : hours is null ? "uren_per_week"
            : start is null ? "ingangsdatum"
            : endText.Length > 0 && end is null ? "einddatum"
            : end < start ? "einddatum before ingangsdatum"
            : null;
        if (reason is not null)
        {
            return null;
        }
        var values = string.Join("|", number, client, municipality, school![..4], school[4..], provider, categorie.ToUpperInvariant(), wet,
            hours!.Value.ToString("0.####", CultureInfo.InvariantCulture), $"{start:yyyy-MM-dd}", end is { } e ? $"{e:yyyy-MM-dd}" : "NULL");
        return (number!, values);
    }

    /// <summary>Up to 64 characters in NFC, not empty, without control or format characters or a lone surrogate.</summary>
    private static string? IdentifierOf(string text)
    {
        if (text.Length == 0 || HasInvisible(text, format: true))
        {
            return null;
        }
        var nfc = text.Normalize(NormalizationForm.FormC);
        return nfc.Length <= 64 ? nfc : null;
    }

    private static string? TextOf(string text, int maxLength)
    {
        if (text.Length == 0 || HasInvisible(text, format: false))
        {
            return null;
        }
        var nfc = text.Normalize(NormalizationForm.FormC);
        return nfc.Length <= maxLength ? nfc : null;
    }

    private static bool HasInvisible(string text, bool format)
    {
        var runes = text.EnumerateRunes().ToList();
        // A lone surrogate enumerates as U+FFFD; a U+FFFD written in the file is allowed, so count surrogates directly.
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return runes.Any(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.Control || (format && Rune.GetUnicodeCategory(r) == UnicodeCategory.Format));
    }

    private static bool IsBsn(string client)
    {
        if (client.Length is < 8 or > 9 || !client.All(char.IsAsciiDigit))
        {
            return false;
        }
        var digits = client.PadLeft(9, '0');
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (digits[i] - '0');
        }
        return (sum - (digits[8] - '0')) % 11 == 0;
    }

    private static string? Municipality(string text, Known known)
    {
        if (text.Length != 6 || !text.All(char.IsAscii) || !text[..2].Equals("GM", StringComparison.OrdinalIgnoreCase) || !text[2..].All(char.IsAsciiDigit))
        {
            return null;
        }
        var code = "GM" + text[2..];
        return known.Municipalities.Contains(code) ? code : null;
    }

    private static string? School(string brin, string vestiging, Known known)
    {
        if (brin.Length != 4 || !char.IsAsciiDigit(brin[0]) || !char.IsAsciiDigit(brin[1]) || !char.IsAsciiLetter(brin[2]) || !char.IsAsciiLetter(brin[3])
            || vestiging.Length != 2 || !vestiging.All(char.IsAsciiDigit))
        {
            return null;
        }
        var id = brin[..2] + char.ToUpperInvariant(brin[2]) + char.ToUpperInvariant(brin[3]) + vestiging;
        return known.Schools.Contains(id) ? id : null;
    }

    /// <summary>yyyy-MM-dd or dd-MM-yyyy (day and month also with one digit), a real date between 1990-01-01 and 2100-12-31.</summary>
    private static DateOnly? Date(string text)
    {
        var parts = text.Split('-');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }
        int year, month, day;
        if (parts[0].Length == 4 && parts[1].Length == 2 && parts[2].Length == 2)
        {
            (year, month, day) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        else if (parts[0].Length <= 2 && parts[1].Length <= 2 && parts[2].Length == 4)
        {
            (year, month, day) = (int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[0], CultureInfo.InvariantCulture));
        }
        else
        {
            return null;
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || year is < 1990 or > 2100)
        {
            return null;
        }
        return new DateOnly(year, month, day);
    }

    /// <summary>Hours per week: ASCII digits, one optional decimal mark with digits on both sides, above 0, at most 168, at most 4 decimals.</summary>
    private static decimal? Hours(string text)
    {
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var parts = body.Split(',', '.');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }
        var whole = BigInteger.Parse(parts[0], CultureInfo.InvariantCulture);
        var fraction = parts.Length == 2 ? parts[1].TrimEnd('0') : "";
        if (negative || fraction.Length > 4 || whole > 168 || (whole == 168 && fraction.Length > 0) || (whole == 0 && fraction.Length == 0))
        {
            return null;
        }
        return decimal.Parse($"{whole}.{(fraction.Length == 0 ? "0" : fraction)}", CultureInfo.InvariantCulture);
    }
}
