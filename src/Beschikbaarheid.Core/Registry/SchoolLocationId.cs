using System.Diagnostics.CodeAnalysis;

namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// A school location: BRIN (2 digits + 2 letters, e.g. <c>30AB</c>) and a 2-digit vestiging; written
/// together as <c>30AB00</c>.
/// </summary>
/// <remarks>
/// Equality and hash code are those of the six ASCII characters packed into one number when the id is made: a school is a
/// key of the engine's dictionaries at every step, and hashing its two strings on every lookup was a quarter of the time
/// spent storing a month's lines. The default id (no BRIN) packs to zero, which no id made here does.
/// </remarks>
public readonly record struct SchoolLocationId : IComparable<SchoolLocationId>
{
    private SchoolLocationId(string brin, string vestiging)
    {
        Brin = brin;
        Vestiging = vestiging;
        foreach (var c in brin)
        {
            _packed = (_packed << 8) | c;
        }
        foreach (var c in vestiging)
        {
            _packed = (_packed << 8) | c;
        }
    }

    // Eight bits a character: IsBrin and IsVestiging let only ASCII through, so two ids are equal exactly when these are.
    private readonly long _packed;

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

    public bool Equals(SchoolLocationId other) => _packed == other._packed;

    // Fibonacci hashing spreads the packed characters over all 32 bits: a dictionary's bucket is the hash modulo a prime.
    public override int GetHashCode() => unchecked((int)((ulong)_packed * 0x9E3779B97F4A7C15UL >> 32));

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
