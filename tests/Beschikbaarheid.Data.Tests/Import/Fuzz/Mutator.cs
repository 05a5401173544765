using System.Globalization;
using System.Text;

namespace Beschikbaarheid.Data.Tests.Import.Fuzz;

/// <summary>
/// Mutates a CSV file as an operator's file might arrive: one to three mutations from a seeded random source,
/// each described, so a failure names what was done. Text mutations work on the decoded text; byte mutations
/// (flips, cuts, foreign encodings) on the bytes after them.
/// </summary>
internal static class Mutator
{
    private static readonly string[] Invisible =
        ["\u200B", "\uFEFF", "\0", "\u00A0", "\u0301", "\u017F", "\u212A", "\uFF11", "\u0661", "\t", " ", "\u2028", "\u00AD", "\uD800", "é", "e\u0301"];

    private static readonly string[] Numbers =
    [
        "0", "1", "4", "100000", "100001", "2147483647", "79228162514264337593543950335", "999999999999999999999999999999999", "-3", "-0", "1e3",
        "168", "168,0", "168,0001", "169", "0,0001", "0,00005", "1,23456", "1,2345", "1.2,3", "4,", ",5", "5.5", "5,5", "007", "0000009",
        "1.00000000000000000000000000001", "0.00000000000000000000000000001", "<5", "< 5", "<6", "1 000",
    ];

    private static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "1989-12-31", "1990-01-01", "2100-12-31", "2101-01-01", "2025-02-30", "2024-02-29", "31-12-2025", "01-10-2025",
        "1-10-2025", "2025-10-1", "2025-1-01", "02025-10-01", "2025/10/01", "2025-10-01T00:00", "20251001", "",
    ];

    private static readonly string[] Codes = ["JW", "jw", "Jw", "WLZ", "zvw", "JW,WLZ", "1", "J W", "ＪＷ", "gm0268", "GM0268", "GM268", "30ab", "40aſ", "00", "0", "JZ", "jz", "GGZ"];

    public static (byte[] Bytes, string Description) Mutate(byte[] original, Random random)
    {
        var text = Encoding.UTF8.GetString(original);
        var done = new List<string>();
        var count = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        var byteSteps = new List<Func<byte[], byte[]>>();
        for (var m = 0; m < count; m++)
        {
            // 20 to 27 are mutations that keep a file valid more often than not (changed case, quoting, padding, invisible characters,
            // another date format, another value, blank lines), so the accepted path is exercised as much as the refused one.
            var kind = random.Next(29) switch { 22 => 11, 23 => 4, 24 or 25 => 16, 26 => 7, 27 => 10, var k => k };
            switch (kind)
            {
                case 0:
                    byteSteps.Add(b => Flip(b, random, done));
                    break;
                case 1:
                    byteSteps.Add(b => Truncate(b, random, done));
                    break;
                case 2:
                    byteSteps.Add(b => Encode(b, random, done));
                    break;
                default:
                    text = MutateText(text, kind, random, done);
                    break;
            }
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var step in byteSteps)
        {
            bytes = step(bytes);
        }
        return (bytes, string.Join("; ", done));
    }

    private static string MutateText(string text, int kind, Random random, List<string> done)
    {
        var lines = text.Split('\n').ToList();
        var n = random.Next(1, Math.Max(2, lines.Count - 1)); // a data line (the last, after the final break, is empty)
        if (n >= lines.Count)
        {
            return text;
        }
        var fields = lines[n].Split(';');
        var f = random.Next(fields.Length);
        var position = random.Next(text.Length + 1);
        string Join() => string.Join("\n", lines);
        string SetField(string value, string what)
        {
            done.Add($"line {n + 1} field {f + 1} '{fields[f]}' {what} '{Escape(value)}'");
            fields[f] = value;
            lines[n] = string.Join(";", fields);
            return Join();
        }
        switch (kind)
        {
            case 3: // a quote somewhere in a field, at its start or end
                return random.Next(3) switch
                {
                    0 => SetField("\"" + fields[f], "opened with a quote:"),
                    1 => SetField(fields[f] + "\"", "closed with a quote:"),
                    _ => SetField(fields[f].Insert(random.Next(fields[f].Length + 1), "\""), "with a quote inside:"),
                };
            case 4: // a properly quoted field, maybe with a separator and doubled quote inside
                return SetField("\"" + fields[f].Insert(random.Next(fields[f].Length + 1), random.Next(2) == 0 ? ";" : "\"\"") + "\"", "quoted:");
            case 5:
                done.Add($"inserted a separator at {position}");
                return text.Insert(position, random.Next(3) == 0 ? "," : ";");
            case 6:
            {
                var separator = text.IndexOf(';', position);
                if (separator < 0)
                {
                    return text;
                }
                done.Add($"removed the separator at {separator}");
                return text.Remove(separator, 1);
            }
            case 7:
            {
                var lineBreak = new[] { "\n", "\r\n", "\r", "\n\n", "\n;;;;\n", "\n \t\n" }[random.Next(6)];
                done.Add($"inserted line break '{Escape(lineBreak)}' at {position}");
                return text.Insert(position, lineBreak);
            }
            case 8:
            {
                var lineBreak = text.IndexOf('\n', position);
                if (lineBreak < 0)
                {
                    return text;
                }
                done.Add($"removed the line break at {lineBreak}");
                return text.Remove(lineBreak, 1);
            }
            case 9:
                return SetField(Numbers[random.Next(Numbers.Length)], "became");
            case 10:
            {
                var value = Invisible[random.Next(Invisible.Length)];
                var at = random.Next(3) switch { 0 => 0, 1 => fields[f].Length, _ => random.Next(fields[f].Length + 1) };
                return SetField(fields[f].Insert(at, value), $"got '{Escape(value)}' at {at}:");
            }
            case 11:
                return SetField(random.Next(2) == 0 ? fields[f].ToLowerInvariant() : fields[f].ToUpperInvariant(), "changed case:");
            case 12:
                return SetField(Dates[random.Next(Dates.Length)], "became");
            case 13:
                return SetField(Codes[random.Next(Codes.Length)], "became");
            case 14: // a duplicated line, as is or a few lines further on
            {
                var to = Math.Min(lines.Count - 1, n + random.Next(0, 30));
                done.Add($"line {n + 1} duplicated before line {to + 1}");
                lines.Insert(to, lines[n]);
                return Join();
            }
            case 15: // another row's key, so two rows of the file share it
            {
                var other = random.Next(1, lines.Count - 1);
                var otherFields = lines[other].Split(';');
                if (otherFields.Length != fields.Length)
                {
                    return text;
                }
                done.Add($"line {n + 1} took line {other + 1}'s first four fields");
                lines[n] = string.Join(";", otherFields.Take(4).Concat(fields.Skip(4)));
                return Join();
            }
            case 16: // a new key (beschikkingen) or another valid value: a row new or replaced
                if (fields.Length == 5)
                {
                    f = 4;
                    return SetField(random.Next(1, 500).ToString(CultureInfo.InvariantCulture), "became");
                }
                f = random.Next(2) == 0 ? 0 : 8;
                return SetField(f == 0 ? fields[0] + "X" : $"{random.Next(1, 40)},5", "became");
            case 17: // one id typed two ways (precomposed and decomposed): the same id in NFC
            {
                lines[n] = "Zé-" + lines[n];
                lines.Insert(Math.Min(lines.Count - 1, n + 1), "Ze\u0301-" + lines[n][3..]);
                done.Add($"line {n + 1} and a copy got the prefix Zé- precomposed and decomposed");
                return Join();
            }
            case 18: // the last line cut right after a separator
            {
                var last = lines.Count - 1;
                while (last > 0 && lines[last].Length == 0)
                {
                    last--;
                }
                var cut = lines[last].LastIndexOf(';');
                done.Add($"last line {last + 1} cut after its last separator");
                lines[last] = lines[last][..(cut + 1)];
                return string.Join("\n", lines.Take(last + 1));
            }
            case 20:
            {
                var padding = new[] { " ", "\t", "  ", " \t" }[random.Next(4)];
                return SetField(random.Next(2) == 0 ? padding + fields[f] : fields[f] + padding, "padded:");
            }
            case 21: // yyyy-MM-dd written as dd-MM-yyyy or d-M-yyyy
            {
                var date = Array.FindIndex(fields, v => v.Length == 10 && v[4] == '-' && v[7] == '-');
                if (date < 0)
                {
                    return text;
                }
                f = date;
                var v = fields[f];
                return SetField(random.Next(2) == 0 ? $"{v[8..]}-{v[5..7]}-{v[..4]}" : $"{v[8..].TrimStart('0')}-{v[5..7].TrimStart('0')}-{v[..4]}", "rewritten:");
            }
            default:
                return SetField(fields[f].Length == 0 ? "x" : fields[f][..random.Next(fields[f].Length)], "shortened to");
        }
    }

    private static byte[] Flip(byte[] bytes, Random random, List<string> done)
    {
        var copy = (byte[])bytes.Clone();
        var at = random.Next(copy.Length);
        var value = random.Next(3) switch
        {
            0 => (byte)(copy[at] ^ (1 << random.Next(8))),
            1 => (byte)random.Next(256),
            _ => (byte)new[] { 0xF6, 0xE9, 0x80, 0xC3, 0xEF, 0xFE, 0xFF, 0x00, 0x22, 0x3B, 0x0A, 0x0D }[random.Next(12)],
        };
        done.Add($"byte {at} 0x{copy[at]:X2} became 0x{value:X2}");
        copy[at] = value;
        return copy;
    }

    private static byte[] Truncate(byte[] bytes, Random random, List<string> done)
    {
        int at;
        if (random.Next(2) == 0)
        {
            at = random.Next(bytes.Length + 1);
        }
        else
        {
            // Right after a separator or a line break.
            var from = random.Next(bytes.Length);
            at = Array.FindIndex(bytes, from, b => b is (byte)';' or (byte)'\n') + 1;
            at = at <= 0 ? bytes.Length : at;
        }
        done.Add($"cut at byte {at} of {bytes.Length}");
        return bytes[..at];
    }

    private static byte[] Encode(byte[] bytes, Random random, List<string> done)
    {
        var text = Encoding.UTF8.GetString(bytes);
        switch (random.Next(6))
        {
            case 0:
                done.Add("UTF-8 BOM in front");
                return [0xEF, 0xBB, 0xBF, .. bytes];
            case 1:
                done.Add("UTF-16 LE with BOM");
                return [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)];
            case 2:
                done.Add("UTF-16 LE without BOM");
                return Encoding.Unicode.GetBytes(text);
            case 3:
            {
                // A Windows-1252 ö (0xF6) in a UTF-8 file, maybe one that also holds UTF-8 ö.
                var at = random.Next(bytes.Length + 1);
                var utf8 = random.Next(2) == 0;
                done.Add($"Windows-1252 0xF6 at byte {at}{(utf8 ? ", UTF-8 ö at the end of line 2" : "")}");
                var result = bytes[..at].Concat(new byte[] { 0xF6 }).Concat(bytes[at..]).ToArray();
                if (utf8)
                {
                    var lineBreak = Array.IndexOf(result, (byte)'\n', Array.IndexOf(result, (byte)'\n') + 1);
                    var semicolon = lineBreak > 0 ? Array.LastIndexOf(result, (byte)';', lineBreak) : -1;
                    if (semicolon > 0)
                    {
                        result = [.. result[..(semicolon - 1)], 0xC3, 0xB6, .. result[(semicolon - 1)..]];
                    }
                }
                return result;
            }
            case 4:
            {
                done.Add("whole file as Windows-1252 with an ö in a provider or count");
                var line = text.IndexOf('\n', StringComparison.Ordinal);
                var at = line < 0 ? 0 : text.IndexOf(';', line);
                return Encoding.GetEncoding(1252).GetBytes(at < 0 ? text : text.Insert(at, "ö"));
            }
            default:
                done.Add("UTF-16 BE with BOM");
                return [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)];
        }
    }

    public static string Escape(string text) =>
        string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
