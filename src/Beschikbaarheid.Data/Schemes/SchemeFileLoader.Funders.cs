using System.Globalization;
using System.Text.Json.Nodes;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Data.Schemes;

/// <summary>
/// The scheme file's <c>funders</c>: funders that are not municipalities, each
/// <c>{ "id", "name", "kind": "swv" | "board" | "other", "iban", "address", "share": { "amount": 50000.00 } | { "percent": 25 } }</c>.
/// Like every section it may change from a funding year on (<c>years.Y.funders</c> replaces the list).
/// </summary>
public sealed partial class SchemeFileLoader
{
    private static void CheckFunderKeys(JsonReader reader, JsonObject node, string prefix)
    {
        var funders = node["funders"] as JsonArray ?? [];
        for (var i = 0; i < funders.Count; i++)
        {
            if (funders[i] is not JsonObject funder)
            {
                continue;
            }
            Known(reader, funder, $"{prefix}funders[{i}]", SupportedSchemes.FixedRule("funders[]").Known);
            if (funder["share"] is JsonObject share)
            {
                Known(reader, share, $"{prefix}funders[{i}].share", SupportedSchemes.FixedRule("funders[].share").Known);
            }
        }
    }

    private static List<Funder> ReadFunders(
        JsonReader reader, JsonObject root, Pool? pool, IReadOnlySet<SchoolLocationId> schools, (int From, int Until) years, string? poolType, string? flowType)
    {
        var funders = new List<Funder>();
        if (root["funders"] is null)
        {
            return funders;
        }
        if (root["funders"] is not JsonArray array)
        {
            reader.Problem("funders", "must be a list of { id, name, kind, iban, address, share }");
            return funders;
        }
        if (array.Count > 0 && poolType is not null && flowType is not null && SupportedSchemes.FundersRefusal(poolType, flowType) is { } refusal)
        {
            reader.Problem("funders", refusal);
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (ReadFunder(reader, array[i], $"funders[{i}]") is not { } funder)
            {
                continue;
            }
            if (funders.Any(f => f.Id == funder.Id))
            {
                reader.Problem($"funders[{i}].id", $"'{funder.Id}' names a funder twice");
                continue;
            }
            funders.Add(funder);
        }
        CheckAgainstPool(reader, funders, KnownPools(pool, schools, years));
        return funders;
    }

    private static Funder? ReadFunder(JsonReader reader, JsonNode? node, string path)
    {
        if (node is not JsonObject funder)
        {
            reader.Problem(path, "must be an object with id, name, kind, iban, address and share");
            return null;
        }
        var before = reader.Problems.Count;
        var idText = reader.String(funder, $"{path}.id");
        PartyCode id = default;
        if (idText is not null && !PartyCode.TryFunder(idText, out id, out var idProblem))
        {
            reader.Problem($"{path}.id", idProblem);
        }
        var name = reader.OptionalString(funder, $"{path}.name", MaxTextLength) ?? (funder["name"] is null ? reader.String(funder, $"{path}.name") : null);
        var kind = reader.String(funder, $"{path}.kind") switch
        {
            "swv" => FunderKind.Swv,
            "board" => FunderKind.Board,
            "other" => FunderKind.Other,
            null => (FunderKind?)null,
            var other => UnknownKind(other),
        };
        FunderKind? UnknownKind(string other)
        {
            reader.Problem($"{path}.kind", $"unknown '{other}' (known: swv, board, other)");
            return null;
        }
        var iban = reader.String(funder, $"{path}.iban");
        if (iban is not null)
        {
            if (Iban.TryParse(iban, out var checkedIban, out var ibanProblem))
            {
                iban = checkedIban.Value;
            }
            else
            {
                reader.Problem($"{path}.iban", $"'{iban}' is not a valid IBAN: it {ibanProblem}");
            }
        }
        var address = reader.OptionalString(funder, $"{path}.address", MaxTextLength) ?? (funder["address"] is null ? reader.String(funder, $"{path}.address") : null);
        var share = ReadShare(reader, funder, $"{path}.share");
        return reader.Problems.Count > before || idText is null || name is null || kind is null || iban is null || address is null || share is null
            ? null
            : new Funder(id, name, kind.Value, iban, address, share);
    }

    /// <summary><c>{ "amount": 50000.00 }</c> (euros a year, whole cents, above zero) or <c>{ "percent": 25 }</c> (above 0, at most 100).</summary>
    private static FunderShare? ReadShare(JsonReader reader, JsonObject funder, string path)
    {
        if (reader.Object(funder, path) is not { } share)
        {
            return null;
        }
        switch (share["amount"] is not null, share["percent"] is not null)
        {
            case (true, false):
                var amount = reader.Amount(share, $"{path}.amount");
                if (amount == Money.Zero)
                {
                    reader.Problem($"{path}.amount", "must be greater than zero");
                    return null;
                }
                return amount is { } a ? new FunderAmount(a) : null;
            case (false, true):
                var percent = reader.PositiveDecimal(share, $"{path}.percent");
                if (percent > 100m)
                {
                    reader.Problem($"{path}.percent", $"{percent.Value.ToString(CultureInfo.InvariantCulture)} is more than the whole pool (at most 100)");
                    return null;
                }
                return percent is { } p ? new FunderPercent(p) : null;
            default:
                reader.Problem(path, "must name one of amount (euros a year) and percent (of the pool)");
                return null;
        }
    }

    /// <summary>A pool the file alone fixes, and how a refusal names it.</summary>
    private sealed record KnownPool(Money Amount, string Of, string Source);

    /// <summary>
    /// A funder's share larger than the pool is refused, naming the funder's key that takes the shares above it: always
    /// when the percentages alone pass 100, and against the pool itself where the file fixes it (a drawing-rights pool
    /// whose every location and category has a fixed FTE, under no cap it reaches; a fixed budget in each year of its
    /// <c>amounts</c> these terms hold). A pool computed from data is checked when it is settled.
    /// </summary>
    private static void CheckAgainstPool(JsonReader reader, IReadOnlyList<Funder> funders, IReadOnlyList<KnownPool> pools)
    {
        var percentages = 0m;
        for (var i = 0; i < funders.Count; i++)
        {
            if (funders[i].Share is FunderPercent { Percent: var percent } && (percentages += percent) > 100m)
            {
                reader.Problem($"funders[{i}].share.percent", $"brings the funders' percentages to {percentages.ToString(CultureInfo.InvariantCulture)}, more than the whole pool");
                return;
            }
        }
        var ordered = funders.Select((f, i) => (Funder: f, Index: i)).OrderBy(f => f.Funder.Share is FunderAmount ? 0 : 1).ThenBy(f => f.Index).ToList();
        foreach (var known in pools)
        {
            var total = Money.Zero;
            foreach (var (funder, index) in ordered)
            {
                var (key, share) = funder.Share switch
                {
                    FunderAmount amount => ("amount", amount.Amount),
                    FunderPercent percent => ("percent", Money.RoundHalfAwayFromZero(known.Amount.Cents * percent.Percent / 100m)),
                    _ => throw new InvalidOperationException($"A funder's share of type {funder.Share.GetType().Name} is not read."),
                };
                total += share;
                if (total > known.Amount)
                {
                    reader.Problem($"funders[{index}].share.{key}", string.Create(CultureInfo.InvariantCulture,
                        $"brings the funders' shares{known.Of} to € {total}, more than the pool of € {known.Amount} ({known.Source})"));
                    return;
                }
            }
        }
    }

    /// <summary>
    /// The pool's annual amounts where the file alone fixes them: a drawing-rights pool's, the same every year; a fixed
    /// budget's in each year of <paramref name="years"/> it names. None where the pool comes from data.
    /// </summary>
    private static IReadOnlyList<KnownPool> KnownPools(Pool? pool, IReadOnlySet<SchoolLocationId> schools, (int From, int Until) years)
    {
        if (pool is FixedBudgetPool budget)
        {
            return budget.Amounts.Where(a => a.Key >= years.From && a.Key <= years.Until).OrderBy(a => a.Key)
                .Select(a => new KnownPool(a.Value, string.Create(CultureInfo.InvariantCulture, $" of {a.Key}"), "its budget in pool.amounts")).ToList();
        }
        if (pool is not DrawingRightsPool rights || schools.Count == 0)
        {
            return [];
        }
        var total = Money.Zero;
        foreach (var school in schools)
        {
            if (rights.FixedFte.GetValueOrDefault(school) is not { } fte || rights.Categories.Keys.Any(c => !fte.ContainsKey(c)))
            {
                return [];
            }
            total += Money.Sum(fte.Select(f => DrawingRightsCalculator.Budget(Math.Round(f.Value, 2, MidpointRounding.AwayFromZero), rights.Categories[f.Key].CostPerFte)));
        }
        return rights.Cap is { } cap && total > cap ? [] : [new KnownPool(total, "", "its fixed FTE × cost per FTE")];
    }
}
