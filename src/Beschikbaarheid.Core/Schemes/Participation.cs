namespace Beschikbaarheid.Core.Schemes;

/// <summary>
/// When a municipality takes part in a scheme: from a funding year (and month) on, until a year (and month)
/// inclusive. Without a limit it takes part from the scheme's start and for as long as it runs. A year in
/// which it takes part only some months is prorated by those months.
/// </summary>
public sealed record Participation(int? FromYear = null, int FromMonth = 1, int? UntilYear = null, int UntilMonth = 12)
{
    public static Participation Always { get; } = new();

    /// <summary>The months of <paramref name="year"/> the municipality takes part, as a first and last month; null for none.</summary>
    public (int First, int Last)? MonthsIn(int year)
    {
        if (year < (FromYear ?? int.MinValue) || year > (UntilYear ?? int.MaxValue))
        {
            return null;
        }
        var first = year == FromYear ? FromMonth : 1;
        var last = year == UntilYear ? UntilMonth : 12;
        return first <= last ? (first, last) : null;
    }

    public bool Covers(int year, int month) => MonthsIn(year) is { } months && month >= months.First && month <= months.Last;
}
