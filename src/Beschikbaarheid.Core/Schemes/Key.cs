namespace Beschikbaarheid.Core.Schemes;

/// <summary>Who carries which share of the pool.</summary>
public abstract record Key;

/// <summary>
/// Resident children with a JW beschikking at the scheme's schools (for a per-child pool: the eligible
/// ones), weighted by their active days in the period.
/// </summary>
public sealed record ChildrenKey : Key;

/// <summary>
/// Resident pupils of the scheme's schools on the Peildatum (1 October before the funding year). A DUO
/// count masked as &lt;5 counts as <paramref name="MaskedCountValue"/> and is shown as estimated.
/// </summary>
public sealed record PupilsKey(decimal MaskedCountValue) : Key;

/// <summary>One key of a blend with its weight.</summary>
public sealed record WeightedKey(Key Key, decimal Weight);

/// <summary>A weighted blend of keys: a municipality's share is Σ weight × its share under each key.</summary>
public sealed record BlendKey(IReadOnlyList<WeightedKey> Parts) : Key;

/// <summary>
/// The estimate's own figures: each municipality carries the year's amount of an estimate pool in proportion to its
/// residents' children × hours per week in the estimate, by the split rule; months by the monthly schedule rule.
/// </summary>
public sealed record EstimateKey : Key;
