namespace Beschikbaarheid.Core.Schemes;

/// <summary>Who carries which share of the pool.</summary>
public abstract record Key;

/// <summary>
/// Resident children with a JW beschikking at the scheme's schools (for a per-child pool: the eligible
/// ones), weighted by their active days in the period.
/// </summary>
public sealed record ChildrenKey : Key;
