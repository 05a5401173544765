namespace Beschikbaarheid.Core.Settlement;

/// <summary>The kind of a run or of an amount in it; the journal's <c>soort</c> column writes it in Dutch.</summary>
public enum SettlementKind
{
    /// <summary>The month's advance.</summary>
    Voorschot,

    /// <summary>A change to an already settled month, referring to the invoice it corrects.</summary>
    Correctie,

    /// <summary>The year end: what the year costs by actual data less everything invoiced for it, when that is owed.</summary>
    Vaststelling,

    /// <summary>The year end when it is paid back: the municipality was invoiced more than the year costs.</summary>
    Creditnota,
}

public static class SettlementKindNames
{
    public static string Dutch(this SettlementKind kind) => kind switch
    {
        SettlementKind.Voorschot => "voorschot",
        SettlementKind.Correctie => "correctie",
        SettlementKind.Vaststelling => "vaststelling",
        SettlementKind.Creditnota => "creditnota",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static SettlementKind FromDutch(string text)
    {
        foreach (var kind in Enum.GetValues<SettlementKind>())
        {
            if (kind.Dutch() == text)
            {
                return kind;
            }
        }
        throw new FormatException($"'{text}' is not a kind of settlement.");
    }
}
