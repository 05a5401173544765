using System.Globalization;
using System.Text;

namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// Identifiers from input files (<c>beschikkingnummer</c>, <c>client</c>) are compared and stored in one
/// spelling: Unicode normalisation form C, so a precomposed <c>é</c> and <c>e</c> + combining accent are
/// the same id. Characters nobody can see or type on purpose are refused rather than kept: control
/// characters (category Cc, e.g. NUL), format characters (Cf, e.g. the zero-width space U+200B or a
/// byte-order mark U+FEFF inside the text) and unpaired surrogates. Case is kept and matters:
/// <c>ams-021</c> and <c>AMS-021</c> are two ids.
/// </summary>
public static class Identifier
{
    /// <returns>The NFC form of <paramref name="text"/>, or null with the reason in <paramref name="problem"/>.</returns>
    public static string? Normalize(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = Invisible(text, refuseFormat: true);
        return problem is null ? text.Normalize(NormalizationForm.FormC) : null;
    }

    /// <summary>
    /// The first character free text (names, addresses, providers) may not hold, described, or null:
    /// control characters and unpaired surrogates. Format characters are allowed there (a soft hyphen in a name).
    /// </summary>
    public static string? InvisibleInText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Invisible(text, refuseFormat: false);
    }

    private static string? Invisible(string text, bool refuseFormat)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            var category = char.GetUnicodeCategory(c);
            var refused = category switch
            {
                UnicodeCategory.Control => "a control character",
                UnicodeCategory.Format when refuseFormat => "a format character",
                UnicodeCategory.Surrogate => "an unpaired surrogate",
                _ => null,
            };
            if (refused is not null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"holds {refused} (U+{(int)c:X4}) at position {i + 1}");
            }
        }
        return null;
    }
}
