using System.Globalization;

namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// One municipal boundary change of the CBS list (<i>herindeling</i>): from <paramref name="Date"/> on, the municipality
/// <paramref name="Old"/> is part of <paramref name="New"/>, its legal successor.
/// </summary>
public sealed record Merger(DateOnly Date, MunicipalityCode Old, MunicipalityCode New)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Old} → {New} ({Date:yyyy-MM-dd})");
}

/// <summary>
/// The rule "which code stands for this municipality on day D", once: a code names itself before its merger's date and
/// its successor from that date on, following a chain (A → B in 2021, B → C in 2024: A is C from 2024). Mergers take
/// effect on 1 January (<see cref="TakesEffectOn"/>), so within a funding year a code stands for one municipality.
/// </summary>
public sealed class Mergers
{
    private readonly Dictionary<MunicipalityCode, Merger> _byOld;

    /// <exception cref="ArgumentException">A set <see cref="Problems"/> would refuse: a chain that does not go forward in time.</exception>
    public Mergers(IEnumerable<Merger> mergers)
    {
        ArgumentNullException.ThrowIfNull(mergers);
        _byOld = new Dictionary<MunicipalityCode, Merger>();
        foreach (var merger in mergers)
        {
            if (!_byOld.TryAdd(merger.Old, merger))
            {
                throw new ArgumentException($"{merger.Old} merges twice: {_byOld[merger.Old]} and {merger}.", nameof(mergers));
            }
        }
        foreach (var (_, reason) in Problems(_byOld.Values))
        {
            throw new ArgumentException(reason, nameof(mergers));
        }
    }

    public static Mergers None { get; } = new([]);

    public IReadOnlyCollection<Merger> All => _byOld.Values;

    public bool IsEmpty => _byOld.Count == 0;

    /// <summary>
    /// The day every merger takes effect: 1 January. The engine keys, budgets, splits and closes a scheme per funding year (a
    /// pupils key of a year is one split, a year end one comparison), so a merger inside a year would need two keys in one
    /// year; Dutch mergers take effect on 1 January (Eemsdelta 2021, Land van Cuijk and Maashorst 2022, Voorne aan Zee 2023).
    /// </summary>
    public static bool TakesEffectOn(DateOnly date) => date is { Month: 1, Day: 1 };

    /// <summary>Why a merger cannot take effect on <paramref name="date"/> (<see cref="TakesEffectOn"/>); null when it can.</summary>
    public static string? DateProblem(DateOnly date) => TakesEffectOn(date)
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"datum {date:yyyy-MM-dd} is not 1 January: a scheme is keyed, split and closed per funding year, so a merger takes effect on 1 January, as Dutch mergers do");

    /// <summary>The code that stands for <paramref name="code"/> on <paramref name="day"/>: its successor once merged, to the end of a chain.</summary>
    public MunicipalityCode On(MunicipalityCode code, DateOnly day)
    {
        // Problems guarantees that a chain's dates rise, so it ends; the bound is only a guard.
        for (var step = 0; step <= _byOld.Count && _byOld.TryGetValue(code, out var merger) && merger.Date <= day; step++)
        {
            code = merger.New;
        }
        return code;
    }

    /// <summary>The code that stands for <paramref name="code"/> throughout a funding year (mergers take effect on 1 January).</summary>
    public MunicipalityCode InYear(MunicipalityCode code, int year) => On(code, new DateOnly(year, 1, 1));

    /// <summary>The mergers that have made <paramref name="code"/> part of another municipality by <paramref name="day"/>, in the order of the chain.</summary>
    public IReadOnlyList<Merger> ChainOf(MunicipalityCode code, DateOnly day)
    {
        var chain = new List<Merger>();
        while (chain.Count <= _byOld.Count && _byOld.TryGetValue(code, out var merger) && merger.Date <= day)
        {
            chain.Add(merger);
            code = merger.New;
        }
        return chain;
    }

    /// <summary>
    /// The chains that have made other municipalities part of <paramref name="code"/> by <paramref name="day"/>, each from a
    /// municipality that was no successor itself (A → B → C, not also B → C), in the order of their first code.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Merger>> ChainsInto(MunicipalityCode code, DateOnly day)
    {
        var successors = _byOld.Values.Where(m => m.Date <= day).Select(m => m.New).ToHashSet();
        return _byOld.Keys
            .Where(old => old != code && !successors.Contains(old) && On(old, day) == code)
            .Order()
            .Select(old => ChainOf(old, day))
            .ToList();
    }

    /// <summary>
    /// Why a set of mergers cannot hold, per merger: a date other than 1 January (<see cref="TakesEffectOn"/>), a municipality
    /// merging into itself, or into one that has itself merged away on or before that date (the successor must exist on the
    /// day it takes over; this also rules out A → B → A, so every chain ends).
    /// </summary>
    public static IEnumerable<(Merger Merger, string Reason)> Problems(IEnumerable<Merger> mergers)
    {
        ArgumentNullException.ThrowIfNull(mergers);
        var all = mergers.ToList();
        var byOld = all.GroupBy(m => m.Old).ToDictionary(g => g.Key, g => g.First());
        foreach (var merger in all)
        {
            if (DateProblem(merger.Date) is { } problem)
            {
                yield return (merger, problem);
            }
            else if (merger.Old == merger.New)
            {
                yield return (merger, $"{merger.Old} cannot merge into itself");
            }
            else if (byOld.TryGetValue(merger.New, out var next) && next.Date <= merger.Date)
            {
                yield return (merger, string.Create(CultureInfo.InvariantCulture,
                    $"{merger.New} itself merges into {next.New} on {next.Date:yyyy-MM-dd}, so it no longer exists on {merger.Date:yyyy-MM-dd} to take over {merger.Old}; name {next.New}, or correct the dates"));
            }
        }
    }
}
