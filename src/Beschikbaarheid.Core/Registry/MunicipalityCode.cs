using System.Diagnostics.CodeAnalysis;

namespace Beschikbaarheid.Core.Registry;

/// <summary>A CBS municipality code: <c>GM</c> followed by four digits, e.g. <c>GM0268</c> (Nijmegen).</summary>
/// <remarks>
/// The hash code is the number of the four digits, not a hash of the text: municipalities key the engine's dictionaries at
/// every step, and the string's randomized hashing was a cost of its own. Equal codes are equal texts.
/// </remarks>
public readonly record struct MunicipalityCode : IComparable<MunicipalityCode>
{
    private MunicipalityCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>
    /// Accepts surrounding spaces and tabs and a lower-case prefix (stored upper case); anything else than
    /// <c>GM</c> + 4 digits, in ASCII, is refused: no other white space, no look-alike letters, no non-ASCII digits.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MunicipalityCode code)
    {
        code = default;
        var trimmed = AsciiCode.Trim(text);
        if (trimmed is not { Length: 6 }
            || trimmed[0] is not ('G' or 'g') || trimmed[1] is not ('M' or 'm')
            || !trimmed.AsSpan(2).ContainsOnlyDigits())
        {
            return false;
        }
        code = new MunicipalityCode(string.Concat("GM", trimmed.AsSpan(2)));
        return true;
    }

    public static MunicipalityCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a municipality code (GM + 4 digits).");

    public bool Equals(MunicipalityCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    // The digits of GM + 4 ASCII digits (TryParse lets nothing else through); the default code has no text.
    public override int GetHashCode() =>
        Value is null ? 0 : (Value[2] - '0') * 1000 + (Value[3] - '0') * 100 + (Value[4] - '0') * 10 + (Value[5] - '0');

    public int CompareTo(MunicipalityCode other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(MunicipalityCode left, MunicipalityCode right) => left.CompareTo(right) < 0;
    public static bool operator >(MunicipalityCode left, MunicipalityCode right) => left.CompareTo(right) > 0;
    public static bool operator <=(MunicipalityCode left, MunicipalityCode right) => left.CompareTo(right) <= 0;
    public static bool operator >=(MunicipalityCode left, MunicipalityCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value ?? string.Empty;
}

/// <summary>
/// Codes (municipality, BRIN, vestiging) are ASCII: only spaces and tabs are trimmed, and a letter is
/// upper-cased only after it is known to be an ASCII letter (so a long s <c>ſ</c> never becomes <c>S</c>).
/// </summary>
internal static class AsciiCode
{
    public static string? Trim(string? text) => text?.Trim(' ', '\t');

    /// <summary>Upper case of text that holds only ASCII; null when it holds anything else.</summary>
    public static string? ToUpper(string? text)
    {
        if (text is null || !System.Text.Ascii.IsValid(text))
        {
            return null;
        }
        return string.Create(text.Length, text, static (span, source) => System.Text.Ascii.ToUpper(source, span, out _));
    }
}

internal static class SpanDigits
{
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
