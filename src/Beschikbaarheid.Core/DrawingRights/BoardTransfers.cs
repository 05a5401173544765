using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.DrawingRights;

/// <summary>A school board moves FTE of one care category from one of its locations to another (step 9).</summary>
public sealed record Transfer(int Year, string BoardNumber, string Category, SchoolLocationId From, SchoolLocationId To, decimal Fte);

/// <summary>
/// Step 9: board flexibility. A transfer is kept as a record beside the computed figures, never by editing
/// them; the FTE after transfers is derived. Within a board every transfer takes from one location what it
/// gives to another, so the board's total is unchanged.
/// </summary>
public static class BoardTransfers
{
    /// <summary>
    /// Checks transfers in order: same board and same category on both sides, locations of the scheme,
    /// a positive amount in hundredths, and never more than the source holds after the transfers before it.
    /// </summary>
    /// <returns>Per transfer, in the same order, the reason it is refused, or null.</returns>
    public static IReadOnlyList<string?> Validate(
        IReadOnlyList<Transfer> transfers, IReadOnlyList<DrawingRight> rights, IReadOnlyDictionary<SchoolLocationId, SchoolLocation> schools)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        ArgumentNullException.ThrowIfNull(rights);
        ArgumentNullException.ThrowIfNull(schools);
        var holding = rights.ToDictionary(r => (r.School, r.Category), r => r.Fte);
        var reasons = new List<string?>(transfers.Count);
        foreach (var transfer in transfers)
        {
            var reason = Check(transfer, holding, schools);
            if (reason is null)
            {
                holding[(transfer.From, transfer.Category)] -= transfer.Fte;
                holding[(transfer.To, transfer.Category)] += transfer.Fte;
            }
            reasons.Add(reason);
        }
        return reasons;
    }

    /// <summary>FTE per location and category after the (valid) transfers.</summary>
    public static IReadOnlyDictionary<(SchoolLocationId School, string Category), decimal> FteAfter(IReadOnlyList<DrawingRight> rights, IEnumerable<Transfer> transfers)
    {
        ArgumentNullException.ThrowIfNull(rights);
        ArgumentNullException.ThrowIfNull(transfers);
        var after = rights.ToDictionary(r => (r.School, r.Category), r => r.Fte);
        foreach (var transfer in transfers)
        {
            after[(transfer.From, transfer.Category)] -= transfer.Fte;
            after[(transfer.To, transfer.Category)] += transfer.Fte;
        }
        return after;
    }

    private static string? Check(Transfer transfer, Dictionary<(SchoolLocationId, string), decimal> holding, IReadOnlyDictionary<SchoolLocationId, SchoolLocation> schools)
    {
        if (transfer.Fte <= 0 || decimal.Round(transfer.Fte, 2) != transfer.Fte)
        {
            return $"fte {transfer.Fte} must be positive, in hundredths";
        }
        if (transfer.From == transfer.To)
        {
            return $"van and naar are the same location {transfer.From}";
        }
        if (!holding.ContainsKey((transfer.From, transfer.Category)) || !holding.ContainsKey((transfer.To, transfer.Category)))
        {
            var missing = !holding.ContainsKey((transfer.From, transfer.Category)) ? transfer.From : transfer.To;
            return holding.Keys.Any(k => k.Item1 == missing)
                ? $"category {transfer.Category} is not a care category of the scheme"
                : $"location {missing} has no drawing right in this scheme";
        }
        foreach (var location in new[] { transfer.From, transfer.To })
        {
            if (!schools.TryGetValue(location, out var school) || school.BoardNumber != transfer.BoardNumber)
            {
                return $"location {location} does not belong to board {transfer.BoardNumber}";
            }
        }
        var available = holding[(transfer.From, transfer.Category)];
        return transfer.Fte > available
            ? $"takes {transfer.Fte} FTE {transfer.Category} from {transfer.From}, which holds {available} after earlier transfers"
            : null;
    }
}
