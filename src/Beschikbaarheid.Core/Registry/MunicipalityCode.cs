using System.Diagnostics.CodeAnalysis;

namespace Beschikbaarheid.Core.Registry;

/// <summary>A CBS municipality code: <c>GM</c> followed by four digits, e.g. <c>GM0268</c> (Nijmegen).</summary>
public readonly record struct MunicipalityCode : IComparable<MunicipalityCode>
{
    private MunicipalityCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Accepts surrounding blanks and a lower-case prefix; anything else than GM + 4 digits is refused.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MunicipalityCode code)
    {
        code = default;
        var trimmed = text?.Trim();
        if (trimmed is not { Length: 6 }
            || !trimmed.StartsWith("GM", StringComparison.OrdinalIgnoreCase)
            || !trimmed.AsSpan(2).ContainsOnlyDigits())
        {
            return false;
        }
        code = new MunicipalityCode(trimmed.ToUpperInvariant());
        return true;
    }

    public static MunicipalityCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a municipality code (GM + 4 digits).");

    public int CompareTo(MunicipalityCode other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(MunicipalityCode left, MunicipalityCode right) => left.CompareTo(right) < 0;
    public static bool operator >(MunicipalityCode left, MunicipalityCode right) => left.CompareTo(right) > 0;
    public static bool operator <=(MunicipalityCode left, MunicipalityCode right) => left.CompareTo(right) <= 0;
    public static bool operator >=(MunicipalityCode left, MunicipalityCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value ?? string.Empty;
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
