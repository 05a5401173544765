using System.Text;
using System.Text.Unicode;

namespace Beschikbaarheid.Data.Import;

/// <summary>
/// One encoding per file. A file that declares UTF-8 by its byte order mark, or that holds any valid
/// multi-byte UTF-8 sequence, is UTF-8 and must be valid UTF-8 throughout; a file with no valid multi-byte
/// sequence at all is Windows-1252 (plain ASCII reads the same either way). A file that mixes the two is
/// refused, naming the line of the first byte that is not UTF-8, rather than read with one part mangled.
/// </summary>
internal static class FileEncoding
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    static FileEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding to read <paramref name="bytes"/> with and where the text starts (after a BOM), or why the file cannot be read.</summary>
    public static (Encoding? Encoding, int Start, string? Error, int ErrorLine) Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (null, 0, "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8 or Windows-1252", 1);
        }
        var bom = bytes.StartsWith(Utf8Bom);
        var start = bom ? Utf8Bom.Length : 0;
        var text = bytes[start..];
        if (Utf8.IsValid(text))
        {
            return (Strict(), start, null, 0);
        }

        // Not valid UTF-8: find the first bad byte and whether any valid multi-byte sequence declares UTF-8.
        var firstBad = -1;
        var firstMultiByte = -1;
        var firstMultiByteLength = 0;
        for (var i = 0; i < text.Length && (firstBad < 0 || (firstMultiByte < 0 && !bom));)
        {
            var ascii = text[i..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (ascii < 0)
            {
                break;
            }
            i += ascii;
            var status = System.Text.Rune.DecodeFromUtf8(text[i..], out _, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                if (firstMultiByte < 0)
                {
                    (firstMultiByte, firstMultiByteLength) = (i, consumed);
                }
            }
            else if (firstBad < 0)
            {
                firstBad = i;
            }
            i += Math.Max(consumed, 1);
        }
        if (!bom && firstMultiByte < 0)
        {
            return (Encoding.GetEncoding(1252), start, null, 0);
        }
        var why = bom
            ? "the file starts with a UTF-8 byte order mark"
            : $"line {LineOf(bytes, start + firstMultiByte)} holds UTF-8 '{Encoding.UTF8.GetString(text.Slice(firstMultiByte, firstMultiByteLength))}'";
        return (null, 0, $"byte 0x{text[firstBad]:X2} is not valid UTF-8, but the file is UTF-8 ({why}); one file must be in one encoding, all UTF-8 or all Windows-1252",
            LineOf(bytes, start + firstBad));
    }

    /// <summary>UTF-8 that throws rather than substitutes: the file was checked, so a bad byte here is a bug, never data.</summary>
    private static UTF8Encoding Strict() => new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The 1-based line of a byte, counting line breaks as <see cref="StreamReader.ReadLine"/> does (LF, CR LF or a lone CR).</summary>
    public static int LineOf(ReadOnlySpan<byte> bytes, int position)
    {
        var lines = 1;
        for (var i = 0; i < position; i++)
        {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n')))
            {
                lines++;
            }
        }
        return lines;
    }
}
