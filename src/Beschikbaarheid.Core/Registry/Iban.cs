using System.Diagnostics.CodeAnalysis;

namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// An International Bank Account Number checked by ISO 13616, stored in its electronic form (no spaces, upper case),
/// e.g. <c>NL91ABNA0417164300</c>.
/// </summary>
/// <remarks>
/// The rule, written once here:
/// <list type="number">
/// <item>Spaces (U+0020) anywhere in the input are removed (the printed form <c>NL91 ABNA 0417 1643 00</c> is accepted);
/// no other white space. Letters are upper-cased; only ASCII letters and digits remain acceptable, so a look-alike
/// letter or a non-ASCII digit refuses the number.</item>
/// <item>Two letters form the country code, followed by two check digits and the BBAN (letters and digits). The
/// country must be one of <see cref="Lengths"/> (the SEPA countries), and the whole number must have that country's
/// length (NL 18, BE 16, DE 22, …). An unknown country code is refused rather than guessed.</item>
/// <item>ISO 7064 MOD 97-10: move the first four characters to the end, replace each letter by two digits
/// (A = 10 … Z = 35), and read the result as one number; its remainder on division by 97 must be 1. Check digits
/// 00, 01 and 99 can therefore never be valid.</item>
/// </list>
/// </remarks>
public readonly record struct Iban
{
    /// <summary>The longest IBAN any country uses (ISO 13616): the width of a stored IBAN column.</summary>
    public const int MaxLength = 34;

    /// <summary>
    /// IBAN lengths of the SEPA countries (the EU and EEA states, Switzerland, the United Kingdom, Monaco, San Marino,
    /// Andorra, Vatican City and Gibraltar), from the SWIFT IBAN registry.
    /// </summary>
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AT"] = 20, ["BE"] = 16, ["BG"] = 22, ["CH"] = 21, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22,
        ["DK"] = 18, ["EE"] = 20, ["ES"] = 24, ["FI"] = 18, ["FR"] = 27, ["GB"] = 22, ["GI"] = 23, ["GR"] = 27,
        ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IS"] = 26, ["IT"] = 27, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MT"] = 31, ["NL"] = 18, ["NO"] = 15, ["PL"] = 28, ["PT"] = 25, ["RO"] = 24,
        ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["VA"] = 22,
    };

    private Iban(string value) => Value = value;

    /// <summary>The electronic form: no spaces, upper case.</summary>
    public string Value { get; }

    /// <summary>The country code, the first two letters.</summary>
    public string Country => Value[..2];

    public static bool TryParse([NotNullWhen(true)] string? text, out Iban iban) => TryParse(text, out iban, out _);

    /// <summary>Parses by the rule above; <paramref name="problem"/> says in English why a text is refused.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Iban iban, [NotNullWhen(false)] out string? problem)
    {
        iban = default;
        var compact = text?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (compact.Length == 0)
        {
            problem = "is empty";
            return false;
        }
        foreach (var c in compact)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                problem = "may hold only ASCII letters and digits (and spaces)";
                return false;
            }
        }
        var upper = compact.ToUpperInvariant();
        if (upper.Length < 4 || !char.IsAsciiLetter(upper[0]) || !char.IsAsciiLetter(upper[1]) || !char.IsAsciiDigit(upper[2]) || !char.IsAsciiDigit(upper[3]))
        {
            problem = "does not start with a country code and two check digits";
            return false;
        }
        if (!Lengths.TryGetValue(upper[..2], out var length))
        {
            problem = $"has an unknown country code {upper[..2]}";
            return false;
        }
        if (upper.Length != length)
        {
            problem = $"has {upper.Length} characters, but an IBAN of {upper[..2]} has {length}";
            return false;
        }
        if (Remainder(upper) != 1)
        {
            problem = "fails the check digits (mod 97)";
            return false;
        }
        iban = new Iban(upper);
        problem = null;
        return true;
    }

    public static Iban Parse(string text) =>
        TryParse(text, out var iban, out var problem) ? iban : throw new FormatException($"IBAN '{text}' {problem}.");

    /// <summary>ISO 7064 MOD 97-10 over the rearranged number, digit by digit so no big number is needed.</summary>
    private static int Remainder(string iban)
    {
        var remainder = 0;
        for (var i = 0; i < iban.Length; i++)
        {
            var c = iban[(i + 4) % iban.Length];
            remainder = char.IsAsciiDigit(c)
                ? (remainder * 10 + (c - '0')) % 97
                : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder;
    }

    public override string ToString() => Value ?? string.Empty;
}
