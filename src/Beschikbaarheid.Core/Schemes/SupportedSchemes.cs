namespace Beschikbaarheid.Core.Schemes;

/// <summary>A key a section may leave out, and what holds when it does.</summary>
public sealed record OptionalKey(string Name, string Default);

/// <summary>
/// The keys one section of a scheme file may hold: for a typed section (pool, key, flow) per type, with the
/// discriminator (<c>type</c>, or <c>by</c> for <c>pool.hosts</c>) as a known key; for a fixed section
/// (the top level, <c>invoice</c>) <see cref="Type"/> is null.
/// </summary>
/// <param name="Section">Where in the file: <c>pool</c>, <c>invoice</c>, <c>flow.gapFunds[]</c>, "" for the top level.</param>
public sealed record SectionRule(string Section, string? Type, IReadOnlyList<string> Required, IReadOnlyList<OptionalKey> Optional, string Discriminator = "type")
{
    /// <summary>Every key the section may hold, in the order the table gives them.</summary>
    public IReadOnlyList<string> Known =>
        [.. Type is null ? [] : new[] { Discriminator }, .. Required, .. Optional.Select(o => o.Name)];
}

/// <summary>One pool × key × flow a scheme may combine, by the type names of the scheme file.</summary>
public sealed record Combination(string Pool, string Key, string Flow);

/// <summary>
/// The one table of what this version settles: which pool, key and flow types exist, which of their
/// combinations are supported, and per section the keys it requires and those it may leave out with their
/// defaults. The scheme loader refuses by it (unknown keys, unsupported combinations), settlement refuses by
/// it with the same words, and <c>validate</c> reports by it. Pure: names only, no files.
/// </summary>
public static class SupportedSchemes
{
    public const string PerChild = "per-child";
    public const string DrawingRights = "drawing-rights";
    public const string FixedBudget = "fixed-budget";
    public const string Estimate = "estimate";
    public const string Children = "children";
    public const string Pupils = "pupils";
    public const string Blend = "blend";
    public const string Lead = "lead";
    public const string Cashier = "cashier";
    public const string None = "none";
    public const string Funder = "funder";

    public static IReadOnlyList<SectionRule> Pools { get; } =
    [
        new("pool", PerChild, ["thresholdHoursPerWeek", "normHoursPerWeek", "hourlyRate", "schoolWeeks"], []),
        new("pool", DrawingRights, ["directHoursPerFte", "categories"],
        [
            new("referenceYears", "1"), new("upliftPct", "0"), new("upliftYears", "0"), new("productCategories", "none"),
            new("cap", "none"), new("fixedFte", "none"), new("maskedCountValue", "the pupils key's, else 2.5"),
        ]),
        new("pool", FixedBudget, ["amounts"], [new("hosts", "required for the cashier flow; none under the funder flow")]),
        new("pool", Estimate, ["hourlyRate", "schoolWeeks"], []),
    ];

    public static IReadOnlyList<SectionRule> Keys { get; } =
    [
        new("key", Children, [], []),
        new("key", Pupils, [], [new("maskedCountValue", "2.5")]),
        new("key", Blend, ["parts"], []),
        new("key", Estimate, [], []),
    ];

    public static IReadOnlyList<SectionRule> Flows { get; } =
    [
        new("flow", Lead, ["lead"], [new("nonParticipants", "spread"), new("recipient", "none")]),
        new("flow", Cashier, ["cashier"], [new("nonParticipants", "gap"), new("gapFunds", "none"), new("paymentDay", "15")]),
        new("flow", None, [], [new("balanceThresholdPct", "10")]),
        new("flow", Funder, ["funder"], []),
    ];

    /// <summary>The key types a blend may weigh (a blend of blends is not one).</summary>
    public static IReadOnlyList<string> BlendParts { get; } = [Children, Pupils];

    /// <summary>
    /// What monthly settlement, the year end and invoicing accept: a per-child pool is shared by its children;
    /// drawing rights by pupils, children or a blend of both; each invoiced by a lead or not at all (a balance);
    /// a fixed budget is split by pupils and collected and paid out by a cashier; an estimate pool is split by the
    /// estimate's own figures and invoiced by a lead (who may pay the subsidy to a school board, <c>flow.recipient</c>);
    /// under the funder flow one municipality carries a fixed budget or drawing rights whole, the pupils only spreading
    /// it over the locations.
    /// </summary>
    public static IReadOnlyList<Combination> Combinations { get; } =
    [
        new(PerChild, Children, Lead),
        new(PerChild, Children, None),
        new(DrawingRights, Pupils, Lead),
        new(DrawingRights, Pupils, None),
        new(DrawingRights, Children, Lead),
        new(DrawingRights, Children, None),
        new(DrawingRights, Blend, Lead),
        new(DrawingRights, Blend, None),
        new(FixedBudget, Pupils, Cashier),
        new(FixedBudget, Pupils, Funder),
        new(DrawingRights, Pupils, Funder),
        new(Estimate, Estimate, Lead),
    ];

    /// <summary>The top level of a scheme file.</summary>
    public static SectionRule TopLevel { get; } = new("", null,
        ["id", "name", "startYear", "schools", "participants", "pool", "key", "flow", "invoice"],
        [new("agreement", "none"), new("approval", "false"), new("countingDate", "10-01"), new("participation", "every participant in every year"), new("years", "no changes"),
         new("inKind", "none"), new("reach", "all pupils"), new("funders", "none")]);

    /// <summary>The sections a <c>years.&lt;Y&gt;</c> entry may change from funding year Y on.</summary>
    public static IReadOnlyList<string> ChangeableByYear { get; } = ["schools", "participants", "participation", "pool", "key", "flow", "invoice", "inKind", "reach", "funders"];

    /// <summary>The fixed sections below the top level, and the entries of typed sections' lists and maps.</summary>
    public static IReadOnlyList<SectionRule> Fixed { get; } =
    [
        new("invoice", null, ["iban", "paymentTermDays", "vatStatement"], [new("debtorReferences", "none")]),
        new("participation.<code>", null, [], [new("fromYear", "the start"), new("fromMonth", "1"), new("untilYear", "no end"), new("untilMonth", "12")]),
        new("pool.categories.<code>", null, ["costPerFte"], []),
        new("flow.gapFunds[]", null, ["name", "amount"], []),
        new("key.parts[]", null, ["type", "weight"], []),
        new("flow.recipient", null, ["board", "name", "iban"], []),
        new("inKind.<board>", null, ["hours", "hourlyValue"], []),
        new("reach", null, ["grade"], []),
        new("funders[]", null, ["id", "name", "kind", "iban", "address", "share"], []),
        new("funders[].share", null, [], [new("amount", "one of amount and percent"), new("percent", "one of amount and percent")]),
    ];

    /// <summary>The pool and flow types that take funders' shares off the pool before the key splits it.</summary>
    public static IReadOnlyList<(string Pool, string Flow)> FunderCombinations { get; } = [(DrawingRights, Lead), (FixedBudget, Cashier)];

    /// <summary>
    /// Why a scheme with <c>funders</c> cannot be settled with this pool and flow, null when it can. A per-child pool is
    /// not known before its children's days are; an estimate pool is the school's own subsidy; the none and funder flows
    /// invoice no one.
    /// </summary>
    public static string? FundersRefusal(string pool, string flow) =>
        FunderCombinations.Contains((pool, flow))
            ? null
            : $"funders are taken off {string.Join(" or ", FunderCombinations.Select(c => $"a {c.Pool} pool under the {c.Flow} flow"))}; a {pool} pool with the {flow} flow cannot have them";

    /// <inheritdoc cref="FundersRefusal(string, string)"/>
    public static string? FundersRefusal(Pool pool, Flow flow)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(flow);
        return FundersRefusal(TypeOf(pool) ?? pool.GetType().Name, TypeOf(flow) ?? flow.GetType().Name);
    }

    /// <summary>How a fixed budget's hosts are weighed: <c>by</c> fte or amounts, with the map it names.</summary>
    public static IReadOnlyList<SectionRule> Hosts { get; } =
    [
        new("pool.hosts", "fte", ["fte"], [], "by"),
        new("pool.hosts", "amounts", ["amounts"], [], "by"),
    ];

    public static SectionRule? PoolRule(string? type) => Pools.FirstOrDefault(r => r.Type == type);

    public static SectionRule? KeyRule(string? type) => Keys.FirstOrDefault(r => r.Type == type);

    public static SectionRule? FlowRule(string? type) => Flows.FirstOrDefault(r => r.Type == type);

    public static SectionRule FixedRule(string section) => Fixed.Single(r => r.Section == section);

    /// <summary>The scheme file's name of a pool, key or flow; null for a type this version does not know.</summary>
    public static string? TypeOf(Pool pool) => pool switch
    {
        PerChildPool => PerChild,
        DrawingRightsPool => DrawingRights,
        FixedBudgetPool => FixedBudget,
        EstimatePool => Estimate,
        _ => null,
    };

    /// <inheritdoc cref="TypeOf(Pool)"/>
    public static string? TypeOf(Key key) => key switch
    {
        ChildrenKey => Children,
        PupilsKey => Pupils,
        BlendKey => Blend,
        EstimateKey => Estimate,
        _ => null,
    };

    /// <inheritdoc cref="TypeOf(Pool)"/>
    public static string? TypeOf(Flow flow) => flow switch
    {
        LeadFlow => Lead,
        CashierFlow => Cashier,
        NoneFlow => None,
        FunderFlow => Funder,
        _ => null,
    };

    public static bool IsSupported(string pool, string key, string flow) => Combinations.Contains(new Combination(pool, key, flow));

    /// <summary>
    /// Why a combination cannot be settled, in the words the loader, settlement and <c>validate</c> all use;
    /// null when it is supported. <paramref name="blendParts"/> are the key types a blend weighs.
    /// </summary>
    public static string? Refusal(string pool, string key, string flow, IEnumerable<string>? blendParts = null)
    {
        if (key == Blend && blendParts?.FirstOrDefault(p => !BlendParts.Contains(p)) is { } part)
        {
            return $"a blend of the {part} key is not supported (a blend weighs {Or(BlendParts)} keys)";
        }
        return IsSupported(pool, key, flow)
            ? null
            : $"a {pool} pool with the {key} key and the {flow} flow is not supported (supported: {Describe()})";
    }

    /// <summary>The refusal of a scheme's terms as loaded (<see cref="Refusal(string, string, string, IEnumerable{string}?)"/>), null when supported.</summary>
    public static string? Refusal(Pool pool, Key key, Flow flow)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(flow);
        return Refusal(
            TypeOf(pool) ?? pool.GetType().Name,
            TypeOf(key) ?? key.GetType().Name,
            TypeOf(flow) ?? flow.GetType().Name,
            key is BlendKey blend ? blend.Parts.Select(p => TypeOf(p.Key) ?? p.Key.GetType().Name) : null);
    }

    /// <summary>The supported combinations in one line: <c>per-child × children × lead or none; …</c>.</summary>
    public static string Describe() => string.Join("; ", Combinations
        .GroupBy(c => c.Pool)
        .SelectMany(pool => pool
            .GroupBy(c => string.Join(",", pool.Where(o => o.Key == c.Key).Select(o => o.Flow)))
            .Select(sameFlows => $"{pool.Key} × {Or(sameFlows.Select(c => c.Key).Distinct().ToList())} × {Or(sameFlows.Key.Split(','))}")));

    private static string Or(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
}
