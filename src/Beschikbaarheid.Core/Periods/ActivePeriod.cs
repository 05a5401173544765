namespace Beschikbaarheid.Core.Periods;

/// <summary>
/// The days a beschikking is active: from its start date through its end date, both inclusive;
/// an open end runs on indefinitely.
/// </summary>
public readonly record struct ActivePeriod
{
    public ActivePeriod(DateOnly start, DateOnly? end)
    {
        if (end < start)
        {
            throw new ArgumentException($"End date {end:yyyy-MM-dd} lies before start date {start:yyyy-MM-dd}.", nameof(end));
        }
        Start = start;
        End = end;
    }

    public DateOnly Start { get; }
    public DateOnly? End { get; }

    /// <summary>Days active within <paramref name="from"/>..<paramref name="through"/>, both inclusive.</summary>
    public int DaysWithin(DateOnly from, DateOnly through)
    {
        var first = Start > from ? Start : from;
        var last = End is { } end && end < through ? end : through;
        return last < first ? 0 : last.DayNumber - first.DayNumber + 1;
    }

    /// <summary>
    /// Days within the window on which at least one of the periods is active: a child with two overlapping
    /// beschikkingen is one child on each of those days, not two.
    /// </summary>
    public static int UnionDaysWithin(IReadOnlyList<ActivePeriod> periods, DateOnly from, DateOnly through)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 1)
        {
            return periods[0].DaysWithin(from, through);
        }
        var clipped = new List<(int First, int Last)>();
        foreach (var period in periods)
        {
            var first = Math.Max(period.Start.DayNumber, from.DayNumber);
            var last = Math.Min(period.End?.DayNumber ?? int.MaxValue, through.DayNumber);
            if (first <= last)
            {
                clipped.Add((first, last));
            }
        }
        clipped.Sort();
        var days = 0;
        var coveredThrough = int.MinValue;
        foreach (var (first, last) in clipped)
        {
            var start = Math.Max(first, coveredThrough + 1);
            if (last >= start)
            {
                days += last - start + 1;
                coveredThrough = last;
            }
        }
        return days;
    }
}
