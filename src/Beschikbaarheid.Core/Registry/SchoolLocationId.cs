using System.Diagnostics.CodeAnalysis;

namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// A school location: BRIN (2 digits + 2 letters, e.g. <c>30AB</c>) and a 2-digit vestiging; written
/// together as <c>30AB00</c>.
/// </summary>
/// <remarks>
/// The hash code is made from the six ASCII characters themselves, not by hashing the two strings: a school is a key of the
/// engine's dictionaries at every step, and the strings' randomized hashing was a quarter of the time spent storing a
/// month's lines. Nothing is stored beside the two strings, so the id stays as small as before (a region holds millions).
/// </remarks>
public readonly record struct SchoolLocationId : IComparable<SchoolLocationId>
{
    private SchoolLocationId(string brin, string vestiging)
    {
        Brin = brin;
        Vestiging = vestiging;
    }

    public string Brin { get; }
    public string Vestiging { get; }

    /// <summary>2 ASCII digits + 2 ASCII letters (either case); nothing is trimmed.</summary>
    public static bool IsBrin([NotNullWhen(true)] string? text) =>
        text is { Length: 4 } && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1])
        && char.IsAsciiLetter(text[2]) && char.IsAsciiLetter(text[3]);

    /// <summary>2 ASCII digits; nothing is trimmed.</summary>
    public static bool IsVestiging([NotNullWhen(true)] string? text) =>
        text is { Length: 2 } && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]);

    /// <summary>
    /// Trims spaces and tabs, checks the ASCII patterns, then upper-cases the BRIN's letters: <c>30ab</c> is
    /// <c>30AB</c>, but a look-alike such as the long s in <c>40aſ</c> or a non-ASCII digit is refused.
    /// </summary>
    public static bool TryCreate(string? brin, string? vestiging, out SchoolLocationId id)
    {
        id = default;
        brin = AsciiCode.Trim(brin);
        vestiging = AsciiCode.Trim(vestiging);
        if (!IsBrin(brin) || !IsVestiging(vestiging))
        {
            return false;
        }
        id = new SchoolLocationId(AsciiCode.ToUpper(brin)!, vestiging);
        return true;
    }

    /// <summary>Parses the joined form <c>30AB00</c> used in scheme files.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SchoolLocationId id)
    {
        id = default;
        var trimmed = AsciiCode.Trim(text);
        return trimmed is { Length: 6 } && TryCreate(trimmed[..4], trimmed[4..], out id);
    }

    public bool Equals(SchoolLocationId other) =>
        string.Equals(Brin, other.Brin, StringComparison.Ordinal) && string.Equals(Vestiging, other.Vestiging, StringComparison.Ordinal);

    public override int GetHashCode()
    {
        if (Brin is null)
        {
            return 0;
        }
        // Eight bits a character (IsBrin and IsVestiging let only ASCII through), spread over all 32 bits by Fibonacci hashing.
        var packed = 0UL;
        foreach (var c in Brin)
        {
            packed = (packed << 8) | c;
        }
        foreach (var c in Vestiging)
        {
            packed = (packed << 8) | c;
        }
        return unchecked((int)(packed * 0x9E3779B97F4A7C15UL >> 32));
    }

    public int CompareTo(SchoolLocationId other)
    {
        var byBrin = string.CompareOrdinal(Brin, other.Brin);
        return byBrin != 0 ? byBrin : string.CompareOrdinal(Vestiging, other.Vestiging);
    }

    public static bool operator <(SchoolLocationId left, SchoolLocationId right) => left.CompareTo(right) < 0;
    public static bool operator >(SchoolLocationId left, SchoolLocationId right) => left.CompareTo(right) > 0;
    public static bool operator <=(SchoolLocationId left, SchoolLocationId right) => left.CompareTo(right) <= 0;
    public static bool operator >=(SchoolLocationId left, SchoolLocationId right) => left.CompareTo(right) >= 0;

    public override string ToString() => Brin + Vestiging;
}
