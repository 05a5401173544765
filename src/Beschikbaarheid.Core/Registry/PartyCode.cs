using System.Diagnostics.CodeAnalysis;

namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// Who carries an amount and, when it is invoiced, the debtor: a municipality (<see cref="MunicipalityCode"/>) or a
/// funder that is not one (a scheme's <c>funders</c>, e.g. <c>SWV-PO3003</c>). Stored as its text in one column: a
/// funder id is never a municipality code (<see cref="TryFunder"/> refuses one), so the text says which it is.
/// </summary>
public readonly record struct PartyCode : IComparable<PartyCode>
{
    /// <summary>The longest funder id: it must fit the debtor column (20 characters).</summary>
    public const int MaxFunderIdLength = 20;

    private PartyCode(string value, bool isFunder, MunicipalityCode municipality = default)
    {
        Value = value;
        IsFunder = isFunder;
        _municipality = municipality;
    }

    // Kept as given rather than parsed again from Value on every use: amounts are grouped by it per line, in every run.
    private readonly MunicipalityCode _municipality;

    public string Value { get; }

    /// <summary>True for a funder, false for a municipality.</summary>
    public bool IsFunder { get; }

    /// <summary>The municipality; null for a funder.</summary>
    public MunicipalityCode? Municipality => IsFunder ? null : _municipality;

    public static implicit operator PartyCode(MunicipalityCode code) => new(code.Value, false, code);

    /// <summary>
    /// A funder id: 1 to 20 ASCII letters, digits and <c>-</c> or <c>_</c>, starting with a letter, kept as written (case
    /// matters), and never a municipality code, so a stored debtor is read back as what it was.
    /// </summary>
    public static bool TryFunder(string? text, out PartyCode code, [NotNullWhen(false)] out string? problem)
    {
        code = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxFunderIdLength || !char.IsAsciiLetter(text[0])
            || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problem = $"'{text}' is not a funder id (1 to {MaxFunderIdLength} ASCII letters, digits, - or _, starting with a letter)";
            return false;
        }
        if (MunicipalityCode.TryParse(text, out _))
        {
            problem = $"'{text}' is a municipality code; a funder that is not a municipality needs an id of its own";
            return false;
        }
        problem = null;
        code = new PartyCode(text, true);
        return true;
    }

    /// <summary>A debtor or carrier as stored: a municipality code, else a funder id.</summary>
    public static PartyCode Parse(string text)
    {
        if (MunicipalityCode.TryParse(text, out var municipality))
        {
            return municipality;
        }
        return TryFunder(text?.Trim(), out var funder, out var problem) ? funder : throw new FormatException(problem);
    }

    // The text says which kind a party is (a funder id is never a municipality code), so it alone decides equality; a
    // municipality hashes as its code does (no text hashed), a funder, rare, by its id.
    public bool Equals(PartyCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => IsFunder ? StringComparer.Ordinal.GetHashCode(Value) : _municipality.GetHashCode();

    /// <summary>Municipalities first, in code order, then funders by id: existing orders of municipalities stay as they were.</summary>
    public int CompareTo(PartyCode other) =>
        IsFunder != other.IsFunder ? IsFunder.CompareTo(other.IsFunder) : string.CompareOrdinal(Value, other.Value);

    public static bool operator <(PartyCode left, PartyCode right) => left.CompareTo(right) < 0;
    public static bool operator >(PartyCode left, PartyCode right) => left.CompareTo(right) > 0;
    public static bool operator <=(PartyCode left, PartyCode right) => left.CompareTo(right) <= 0;
    public static bool operator >=(PartyCode left, PartyCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value ?? string.Empty;
}
