using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>
/// A debtor that is a funder, not a municipality: its name, address and share as the run stored them with its
/// calculation (<see cref="FundersCalculation"/>), where a municipality's come from the registry.
/// </summary>
internal static class FunderDebtor
{
    /// <summary>The funder as the run took its share; null for a municipality (or a funder the run does not know).</summary>
    public static FunderRow? Of(IssuedSettlement settlement, PartyCode code) =>
        code.IsFunder ? settlement.Run.Calculation?.Funders?.Funders.FirstOrDefault(f => f.Id == code.Value) : null;

    /// <summary>A municipality's name from the registry, a funder's as the run stored it, else the code itself.</summary>
    public static string Name(IssuedSettlement settlement, PartyCode code) =>
        code.Municipality is { } municipality ? Dutch.Municipality(settlement.Municipalities, municipality) : Of(settlement, code)?.Name ?? code.Value;

    /// <summary>The Dutch word for a funder's kind as the scheme file writes it.</summary>
    public static string Kind(string kind) => kind switch
    {
        "swv" => "samenwerkingsverband",
        "board" => "schoolbestuur",
        _ => "overige financier",
    };
}
