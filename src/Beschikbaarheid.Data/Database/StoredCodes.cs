using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Data.Database;

/// <summary>Codes read back from the database: they were validated on the way in, so a bad one is corruption, not input.</summary>
internal static class StoredCodes
{
    public static SchoolLocationId School(string brin, string vestiging) =>
        SchoolLocationId.TryCreate(brin, vestiging, out var id) ? id : throw new InvalidOperationException($"Stored school {brin}{vestiging} is malformed.");

    /// <summary>A school of its brin and vestiging joined by <see cref="Interned{T}.Separator"/>.</summary>
    public static SchoolLocationId School(string joined)
    {
        var at = joined.IndexOf(Interned<SchoolLocationId>.Separator, StringComparison.Ordinal);
        return at < 0 ? throw new InvalidOperationException($"Stored school {joined} is malformed.") : School(joined[..at], joined[(at + 1)..]);
    }
}
