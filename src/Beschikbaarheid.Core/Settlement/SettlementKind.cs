namespace Beschikbaarheid.Core.Settlement;

/// <summary>The kind of an invoice line; the journal's <c>soort</c> column writes it in Dutch.</summary>
public enum SettlementKind { Voorschot }

public static class SettlementKindNames
{
    public static string Dutch(this SettlementKind kind) => kind switch
    {
        SettlementKind.Voorschot => "voorschot",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
