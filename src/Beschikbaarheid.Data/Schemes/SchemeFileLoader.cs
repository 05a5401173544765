using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Data.Schemes;

/// <summary>
/// Reads <c>&lt;dir&gt;/&lt;id&gt;.json</c> into a <see cref="Scheme"/>. A section under <c>years</c> changes
/// parameters from that funding year on: the terms of year Y are the base file with every <c>years</c>
/// entry up to Y merged over it in order. Every version of the terms is validated when the file is read,
/// so a bad override fails at once, not in the year it starts.
/// </summary>
public sealed partial class SchemeFileLoader(string directory)
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public string Directory { get; } = directory;

    public IReadOnlyList<Scheme> LoadAll() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal).Select(LoadFile).ToList()
            : throw new SchemeFileException(Directory, ["the scheme folder does not exist; pass --schemes DIR"]);

    /// <summary>
    /// Every scheme file of the folder (or the one of <paramref name="id"/>), each loaded or refused on its own,
    /// so one bad file does not hide the problems of another.
    /// </summary>
    public IReadOnlyList<SchemeFileResult> Check(string? id = null)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new SchemeFileException(Directory, ["the scheme folder does not exist; pass --schemes DIR"]);
        }
        var files = id is null
            ? System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal).ToList()
            : [Path.Combine(Directory, id + ".json")];
        return files.Select(file =>
        {
            try
            {
                return File.Exists(file)
                    ? new SchemeFileResult(file, LoadFile(file), null)
                    : new SchemeFileResult(file, null, new SchemeFileException(file, [$"no scheme '{id}': the file does not exist"]));
            }
            catch (SchemeFileException ex)
            {
                return new SchemeFileResult(file, null, ex);
            }
        }).ToList();
    }

    public Scheme Load(string id)
    {
        var path = Path.Combine(Directory, id + ".json");
        return File.Exists(path)
            ? LoadFile(path)
            : throw new SchemeFileException(path, [$"no scheme '{id}': the file does not exist"]);
    }

    public static Scheme LoadFile(string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: Options) as JsonObject
                ?? throw new SchemeFileException(path, ["the file is not a JSON object"]);
        }
        catch (JsonException ex)
        {
            throw new SchemeFileException(path, [$"not valid JSON: {ex.Message}"]);
        }

        var problems = new List<string>();
        var reader = new JsonReader(problems);
        CheckKeys(reader, root);
        var id = reader.String(root, "id");
        var expectedId = Path.GetFileNameWithoutExtension(path);
        if (id is not null && id != expectedId)
        {
            problems.Add($"key 'id': '{id}' differs from the file name '{expectedId}'");
        }
        var name = reader.String(root, "name");
        var agreement = reader.OptionalString(root, "agreement", MaxTextLength);
        var startYear = reader.Int(root, "startYear");
        var approval = reader.OptionalBool(root, "approval") ?? false;
        CountingDate? countingDate = null;
        if (root["countingDate"] is not null && reader.String(root, "countingDate") is { } countingText)
        {
            if (DateOnly.TryParseExact("2000-" + countingText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var counting))
            {
                countingDate = new CountingDate(counting.Month, counting.Day);
            }
            else
            {
                problems.Add($"key 'countingDate': '{countingText}' is not a month and day such as 10-01");
            }
        }
        // The funding years each version of the terms holds, so that a fixed budget's years are checked against the funders of their own version.
        var changeYears = (root["years"] as JsonObject ?? []).Select(y => int.TryParse(y.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && y.Key.Length == 4 ? year : (int?)null)
            .OfType<int>().Order().ToList();
        (int From, int Until) Holds(int from) => (from, changeYears.Where(y => y > from).Select(y => y - 1).DefaultIfEmpty(int.MaxValue).First());
        var baseTerms = ReadTerms(root, reader, "", Holds(int.MinValue));

        var changes = new Dictionary<int, SchemeTerms>();
        var described = new Dictionary<int, IReadOnlyList<string>>();
        if (root["years"] is JsonObject years)
        {
            var merged = (JsonObject)root.DeepClone();
            foreach (var (yearText, change) in years.OrderBy(y => y.Key, StringComparer.Ordinal))
            {
                if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || yearText.Length != 4)
                {
                    problems.Add($"key 'years.{yearText}': not a funding year");
                    continue;
                }
                if (change is not JsonObject changeObject)
                {
                    problems.Add($"key 'years.{yearText}': must be an object of changed parameters");
                    continue;
                }
                Merge(merged, changeObject);
                var terms = ReadTerms(merged, reader, $"years.{yearText} → ", Holds(year));
                if (terms is not null)
                {
                    changes[year] = terms;
                    described[year] = Leaves(changeObject, "").ToList();
                }
            }
        }
        else if (root["years"] is not null)
        {
            problems.Add("key 'years': must be an object keyed by funding year");
        }

        if (problems.Count > 0 || baseTerms is null)
        {
            throw new SchemeFileException(path, problems);
        }
        return new Scheme(id!, name!, startYear!.Value, baseTerms, changes, countingDate) { Agreement = agreement, Approval = approval, YearChanges = described };
    }

    /// <summary>Every value a <c>years</c> entry sets, as <c>pool.normHoursPerWeek = 6</c>.</summary>
    private static IEnumerable<string> Leaves(JsonObject node, string prefix)
    {
        foreach (var (name, value) in node)
        {
            if (value is JsonObject child && child.Count > 0)
            {
                foreach (var leaf in Leaves(child, $"{prefix}{name}."))
                {
                    yield return leaf;
                }
                continue;
            }
            var text = value?.ToJsonString() ?? "null";
            yield return $"{prefix}{name} = {(text.Length > 60 ? text[..57] + "..." : text)}";
        }
    }

    /// <summary>
    /// Refuses every key the table of <see cref="SupportedSchemes"/> does not know, at every level the loader
    /// reads: the top level, each section by its type, the entries of its lists and maps, and each
    /// <c>years</c> entry (only changeable sections, each checked against the type in force that year).
    /// </summary>
    private static void CheckKeys(JsonReader reader, JsonObject root)
    {
        Known(reader, root, "", SupportedSchemes.TopLevel.Known);
        CheckSections(reader, root, "", root);
        if (root["years"] is not JsonObject years)
        {
            return;
        }
        var merged = (JsonObject)root.DeepClone();
        foreach (var (yearText, change) in years.OrderBy(y => y.Key, StringComparer.Ordinal))
        {
            if (change is not JsonObject changeObject)
            {
                continue;
            }
            var prefix = $"years.{yearText}.";
            foreach (var (name, _) in changeObject)
            {
                if (!SupportedSchemes.ChangeableByYear.Contains(name))
                {
                    reader.Problem(prefix + name, SupportedSchemes.TopLevel.Known.Contains(name)
                        ? $"cannot change from a year on (changeable: {string.Join(", ", SupportedSchemes.ChangeableByYear)})"
                        : $"unknown key (known: {string.Join(", ", SupportedSchemes.ChangeableByYear)})");
                }
            }
            Merge(merged, changeObject);
            CheckSections(reader, changeObject, prefix, merged);
        }
    }

    /// <summary>The keys of <paramref name="node"/>'s sections, each by the type <paramref name="effective"/> (the terms in force) gives it.</summary>
    private static void CheckSections(JsonReader reader, JsonObject node, string prefix, JsonObject effective)
    {
        if (node["invoice"] is JsonObject invoice)
        {
            Known(reader, invoice, prefix + "invoice", SupportedSchemes.FixedRule("invoice").Known);
        }
        foreach (var (code, entry) in node["participation"] as JsonObject ?? [])
        {
            if (entry is JsonObject limits)
            {
                Known(reader, limits, $"{prefix}participation.{code}", SupportedSchemes.FixedRule("participation.<code>").Known);
            }
        }
        foreach (var (board, entry) in node["inKind"] as JsonObject ?? [])
        {
            if (entry is JsonObject contribution)
            {
                Known(reader, contribution, $"{prefix}inKind.{board}", SupportedSchemes.FixedRule("inKind.<board>").Known);
            }
        }
        CheckFunderKeys(reader, node, prefix);
        if (node["reach"] is JsonObject reachNode)
        {
            Known(reader, reachNode, prefix + "reach", SupportedSchemes.FixedRule("reach").Known);
        }
        if (node["pool"] is JsonObject pool && SupportedSchemes.PoolRule(TypeText(effective["pool"])) is { } poolRule)
        {
            Known(reader, pool, prefix + "pool", poolRule.Known);
            foreach (var (code, category) in poolRule.Type == SupportedSchemes.DrawingRights ? pool["categories"] as JsonObject ?? [] : [])
            {
                if (category is JsonObject categoryNode)
                {
                    Known(reader, categoryNode, $"{prefix}pool.categories.{code}", SupportedSchemes.FixedRule("pool.categories.<code>").Known);
                }
            }
            if (poolRule.Type == SupportedSchemes.FixedBudget && pool["hosts"] is JsonObject hosts
                && SupportedSchemes.Hosts.FirstOrDefault(h => h.Type == TypeText(effective["pool"]?["hosts"], "by")) is { } hostsRule)
            {
                Known(reader, hosts, prefix + "pool.hosts", hostsRule.Known);
            }
        }
        if (node["key"] is JsonObject key && SupportedSchemes.KeyRule(TypeText(effective["key"])) is { } keyRule)
        {
            Known(reader, key, prefix + "key", keyRule.Known);
            var parts = keyRule.Type == SupportedSchemes.Blend ? key["parts"] as JsonArray ?? [] : [];
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i] is JsonObject part && SupportedSchemes.BlendParts.Contains(TypeText(part)) && SupportedSchemes.KeyRule(TypeText(part)) is { } partRule)
                {
                    Known(reader, part, $"{prefix}key.parts[{i}]", [.. SupportedSchemes.FixedRule("key.parts[]").Known, .. partRule.Known.Skip(1)]);
                }
            }
        }
        if (node["flow"] is JsonObject flow && SupportedSchemes.FlowRule(TypeText(effective["flow"])) is { } flowRule)
        {
            Known(reader, flow, prefix + "flow", flowRule.Known);
            if (flowRule.Type == SupportedSchemes.Lead && flow["recipient"] is JsonObject recipient)
            {
                Known(reader, recipient, prefix + "flow.recipient", SupportedSchemes.FixedRule("flow.recipient").Known);
            }
            var funds = flowRule.Type == SupportedSchemes.Cashier ? flow["gapFunds"] as JsonArray ?? [] : [];
            for (var i = 0; i < funds.Count; i++)
            {
                if (funds[i] is JsonObject fund)
                {
                    Known(reader, fund, $"{prefix}flow.gapFunds[{i}]", SupportedSchemes.FixedRule("flow.gapFunds[]").Known);
                }
            }
        }
    }

    private static void Known(JsonReader reader, JsonObject node, string path, IReadOnlyList<string> known)
    {
        foreach (var (name, _) in node)
        {
            if (!known.Contains(name))
            {
                reader.Problem(path.Length == 0 ? name : $"{path}.{name}", $"unknown key (known: {string.Join(", ", known)})");
            }
        }
    }

    /// <summary>A section's type (or another discriminator) as written; null when absent or not a string.</summary>
    private static string? TypeText(JsonNode? section, string discriminator = "type") =>
        section is JsonObject node && node[discriminator] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <param name="years">The funding years these terms hold, from the year they start until the next version.</param>
    private static SchemeTerms? ReadTerms(JsonObject root, JsonReader reader, string context, (int From, int Until) years)
    {
        var before = reader.Problems.Count;
        reader.Context = context;
        var schools = reader.List<SchoolLocationId>(root, "schools", t => SchoolLocationId.TryParse(t, out var id) ? id : null, "a school location such as 30AB00")
            .ToHashSet();
        var participants = reader.List<MunicipalityCode>(root, "participants", t => MunicipalityCode.TryParse(t, out var c) ? c : (MunicipalityCode?)null, "a municipality code (GM + 4 digits)")
            .ToHashSet();
        var participation = ReadParticipation(reader, reader.OptionalObject(root, "participation"));
        participants.UnionWith(participation.Keys);
        var key = ReadKey(reader, reader.Object(root, "key"), "key");
        var pool = ReadPool(reader, reader.Object(root, "pool"), key, schools, TypeText(root["flow"]));
        var flow = ReadFlow(reader, reader.Object(root, "flow"), participants);
        if (flow is LeadFlow { Recipient: not null } && pool is not null && pool is not EstimatePool)
        {
            reader.Problem("flow.recipient", $"only an {SupportedSchemes.Estimate} pool pays its subsidy to a school board; remove it or use pool type '{SupportedSchemes.Estimate}'");
        }
        // Checked by the types as written, so an unsupported combination is named even when a value is wrong too.
        var (poolType, keyType, flowType) = (TypeText(root["pool"]), TypeText(root["key"]), TypeText(root["flow"]));
        if (SupportedSchemes.PoolRule(poolType) is not null && SupportedSchemes.KeyRule(keyType) is not null && SupportedSchemes.FlowRule(flowType) is not null
            && SupportedSchemes.Refusal(poolType!, keyType!, flowType!) is { } refusal)
        {
            reader.ProblemOfKeys(TypeKeys, refusal);
        }
        var inKind = ReadInKind(reader, reader.OptionalObject(root, "inKind"));
        var reach = ReadReach(reader, reader.OptionalObject(root, "reach"));
        var funders = ReadFunders(reader, root, pool, schools, years, poolType, flowType);
        var invoiceNode = reader.Object(root, "invoice");
        InvoiceTerms? invoice = null;
        if (invoiceNode is not null)
        {
            var iban = reader.String(invoiceNode, "invoice.iban");
            var term = reader.Int(invoiceNode, "invoice.paymentTermDays");
            var vat = reader.String(invoiceNode, "invoice.vatStatement");
            if (term < 0)
            {
                reader.Problem("invoice.paymentTermDays", "must not be negative");
            }
            // Checked by ISO 13616 (Iban) and kept in its electronic form, as payments and e-invoices need it.
            if (iban is not null)
            {
                if (Iban.TryParse(iban, out var checkedIban, out var ibanProblem))
                {
                    iban = checkedIban.Value;
                }
                else
                {
                    reader.Problem("invoice.iban", $"'{iban}' is not a valid IBAN: it {ibanProblem}");
                }
            }
            invoice = new InvoiceTerms(iban ?? "", term ?? 0, vat ?? "")
            {
                DebtorReferences = ReadDebtorReferences(reader, reader.OptionalObject(invoiceNode, "invoice.debtorReferences"), participants),
            };
        }
        if (schools.Count == 0 && root["schools"] is JsonArray)
        {
            reader.Problem("schools", "names no school location");
        }
        if (participants.Count == 0 && root["participants"] is JsonArray)
        {
            reader.Problem("participants", "names no municipality");
        }
        reader.Context = "";
        return reader.Problems.Count > before || pool is null || key is null || flow is null || invoice is null
            ? null
            : new SchemeTerms(schools, participants, pool, key, flow, invoice) { Participation = participation, InKind = inKind, Reach = reach, Funders = funders };
    }

    private static readonly string[] TypeKeys = ["pool.type", "key.type", "flow.type"];

    /// <summary>The longest free text a scheme gives for documents (agreement, a debtor's reference): it must fit a printed line.</summary>
    private const int MaxTextLength = 200;

    /// <summary>Participant → the reference it wants on its invoices, e.g. <c>{ "GM0209": "PO-2026-118" }</c>.</summary>
    private static Dictionary<MunicipalityCode, string> ReadDebtorReferences(JsonReader reader, JsonObject? node, IReadOnlySet<MunicipalityCode> participants)
    {
        var references = new Dictionary<MunicipalityCode, string>();
        foreach (var (codeText, _) in node ?? [])
        {
            var key = $"invoice.debtorReferences.{codeText}";
            if (!MunicipalityCode.TryParse(codeText, out var code) || !participants.Contains(code))
            {
                reader.Problem(key, "is not a participant of the scheme (GM + 4 digits)");
                continue;
            }
            if (reader.OptionalString(node!, key, MaxTextLength) is { } reference)
            {
                references[code] = reference;
            }
        }
        return references;
    }

    /// <summary>Municipality → <c>{ fromYear, fromMonth, untilYear, untilMonth }</c>, each optional; months default to the whole year.</summary>
    private static Dictionary<MunicipalityCode, Participation> ReadParticipation(JsonReader reader, JsonObject? node)
    {
        var result = new Dictionary<MunicipalityCode, Participation>();
        foreach (var (codeText, entry) in node ?? [])
        {
            var path = $"participation.{codeText}";
            if (!MunicipalityCode.TryParse(codeText, out var code))
            {
                reader.Problem(path, $"'{codeText}' is not a municipality code (GM + 4 digits)");
                continue;
            }
            if (entry is not JsonObject limits)
            {
                reader.Problem(path, "must be an object with fromYear and/or untilYear");
                continue;
            }
            var fromYear = reader.OptionalInt(limits, $"{path}.fromYear");
            var untilYear = reader.OptionalInt(limits, $"{path}.untilYear");
            var fromMonth = reader.OptionalInt(limits, $"{path}.fromMonth") ?? 1;
            var untilMonth = reader.OptionalInt(limits, $"{path}.untilMonth") ?? 12;
            if (fromMonth is < 1 or > 12 || untilMonth is < 1 or > 12)
            {
                reader.Problem(path, "fromMonth and untilMonth must be between 1 and 12");
                continue;
            }
            if ((fromYear, fromMonth).CompareTo((untilYear ?? int.MaxValue, untilMonth)) > 0)
            {
                reader.Problem(path, "ends before it starts");
                continue;
            }
            result[code] = new Participation(fromYear, fromMonth, untilYear, untilMonth);
        }
        return result;
    }

    private static Pool? ReadPool(JsonReader reader, JsonObject? node, Key? key, IReadOnlySet<SchoolLocationId> schools, string? flowType = null)
    {
        if (node is null)
        {
            return null;
        }
        switch (reader.String(node, "pool.type"))
        {
            case "per-child":
                var threshold = reader.PositiveDecimal(node, "pool.thresholdHoursPerWeek");
                var norm = reader.PositiveDecimal(node, "pool.normHoursPerWeek");
                var rate = reader.PositiveDecimal(node, "pool.hourlyRate");
                var weeks = reader.Int(node, "pool.schoolWeeks");
                if (weeks is <= 0 or > 53)
                {
                    reader.Problem("pool.schoolWeeks", "must be between 1 and 53");
                }
                return threshold is null || norm is null || rate is null || weeks is null ? null : new PerChildPool(threshold.Value, norm.Value, rate.Value, weeks.Value);
            case "drawing-rights":
                return ReadDrawingRights(reader, node, key);
            case "fixed-budget":
                return ReadFixedBudget(reader, node, schools, hostsRequired: flowType != SupportedSchemes.Funder);
            case SupportedSchemes.Estimate:
                var estimateRate = reader.PositiveDecimal(node, "pool.hourlyRate");
                var estimateWeeks = reader.Int(node, "pool.schoolWeeks");
                if (estimateWeeks is <= 0 or > 53)
                {
                    reader.Problem("pool.schoolWeeks", "must be between 1 and 53");
                }
                return estimateRate is null || estimateWeeks is null or <= 0 or > 53 ? null : new EstimatePool(estimateRate.Value, estimateWeeks.Value);
            case null:
                return null;
            case var other:
                reader.Problem("pool.type", $"unknown pool type '{other}' (known: {string.Join(", ", SupportedSchemes.Pools.Select(p => p.Type))})");
                return null;
        }
    }

    /// <summary>
    /// Optional parameters and their defaults: referenceYears 1, upliftPct 0, upliftYears 0, no cap, no
    /// fixed FTE, no product categories. A masked pupil count takes the pupils key's value, else the pool's
    /// own maskedCountValue, else 2.5 (the middle of the 1–4 that DUO masks).
    /// </summary>
    private static DrawingRightsPool? ReadDrawingRights(JsonReader reader, JsonObject node, Key? key)
    {
        var before = reader.Problems.Count;
        var referenceYears = reader.OptionalInt(node, "pool.referenceYears") ?? 1;
        if (referenceYears < 1)
        {
            reader.Problem("pool.referenceYears", "must be at least 1");
        }
        var direct = reader.PositiveDecimal(node, "pool.directHoursPerFte");
        var upliftPct = reader.OptionalNonNegativeDecimal(node, "pool.upliftPct") ?? 0m;
        var upliftYears = reader.OptionalInt(node, "pool.upliftYears") ?? 0;
        if (upliftYears < 0)
        {
            reader.Problem("pool.upliftYears", "must not be negative");
        }

        var categories = new Dictionary<string, CareCategory>(StringComparer.Ordinal);
        foreach (var (code, category) in reader.Object(node, "pool.categories") ?? [])
        {
            var path = $"pool.categories.{code}.costPerFte";
            if (category is not JsonObject categoryNode)
            {
                reader.Problem($"pool.categories.{code}", "must be an object with costPerFte");
                continue;
            }
            if (reader.Amount(categoryNode, path) is { } cost)
            {
                categories[code] = new CareCategory(code, cost);
            }
        }
        if (categories.Count == 0 && reader.Problems.Count == before)
        {
            reader.Problem("pool.categories", "names no care category");
        }

        var products = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (product, category) in reader.OptionalObject(node, "pool.productCategories") ?? [])
        {
            var target = category is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            if (target is null || !categories.ContainsKey(target))
            {
                reader.Problem($"pool.productCategories.{product}", $"'{target}' is not one of the pool's categories");
                continue;
            }
            products[product] = target;
        }

        Money? cap = node["cap"] is null ? null : reader.Amount(node, "pool.cap");

        var fixedFte = new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>();
        foreach (var (locationText, perCategory) in reader.OptionalObject(node, "pool.fixedFte") ?? [])
        {
            if (!SchoolLocationId.TryParse(locationText, out var location))
            {
                reader.Problem("pool.fixedFte", $"'{locationText}' is not a school location such as 30AB00");
                continue;
            }
            if (perCategory is not JsonObject)
            {
                reader.Problem($"pool.fixedFte.{locationText}", "must be an object of category → FTE");
                continue;
            }
            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (category, _) in (JsonObject)perCategory)
            {
                var path = $"pool.fixedFte.{locationText}.{category}";
                if (!categories.ContainsKey(category))
                {
                    reader.Problem(path, $"'{category}' is not one of the pool's categories");
                }
                else if (reader.OptionalNonNegativeDecimal((JsonObject)perCategory!, path) is { } fte)
                {
                    values[category] = fte;
                }
            }
            fixedFte[location] = values;
        }

        var masked = MaskedCountValueOf(key) ?? reader.OptionalNonNegativeDecimal(node, "pool.maskedCountValue") ?? 2.5m;
        return reader.Problems.Count > before || direct is null
            ? null
            : new DrawingRightsPool(referenceYears, direct.Value, upliftPct, upliftYears, categories, products, cap, fixedFte, masked);
    }

    /// <summary>
    /// <c>amounts</c> per funding year, and <c>hosts</c> by FTE or by fixed amounts per location; fixed
    /// amounts must add up to the budget of every year, and every host must be one of the scheme's schools. Under the
    /// funder flow nothing is paid out to hosts: <c>hosts</c> may be left out (<see cref="NoHosts"/>).
    /// </summary>
    private static FixedBudgetPool? ReadFixedBudget(JsonReader reader, JsonObject node, IReadOnlySet<SchoolLocationId> schools, bool hostsRequired = true)
    {
        var before = reader.Problems.Count;
        var amounts = new Dictionary<int, Money>();
        foreach (var (yearText, _) in reader.Object(node, "pool.amounts") ?? [])
        {
            if (yearText.Length != 4 || !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                reader.Problem($"pool.amounts.{yearText}", "not a funding year");
                continue;
            }
            if (reader.Amount((JsonObject)node["amounts"]!, $"pool.amounts.{yearText}") is { } amount)
            {
                amounts[year] = amount;
            }
        }
        if (amounts.Count == 0 && reader.Problems.Count == before)
        {
            reader.Problem("pool.amounts", "names no funding year");
        }

        var hostsNode = hostsRequired ? reader.Object(node, "pool.hosts") : reader.OptionalObject(node, "pool.hosts");
        HostSplit? hosts = hostsRequired || hostsNode is not null ? null : new NoHosts();
        switch (hostsNode is null ? null : reader.String(hostsNode, "pool.hosts.by"))
        {
            case "fte":
                var fte = HostValues(reader, hostsNode!, "fte", schools, (n, path) => reader.PositiveDecimal(n, path));
                hosts = fte is null ? null : new HostsByFte(fte);
                break;
            case "amounts":
                var fixedAmounts = HostValues(reader, hostsNode!, "amounts", schools, (n, path) => reader.Amount(n, path));
                if (fixedAmounts is not null)
                {
                    var total = Money.Sum(fixedAmounts.Values);
                    foreach (var (year, budget) in amounts.Where(a => a.Value != total).OrderBy(a => a.Key))
                    {
                        reader.Problem("pool.hosts.amounts", $"the amounts per location add up to € {total}, not the budget of {year} (€ {budget})");
                    }
                    hosts = new HostsByAmounts(fixedAmounts);
                }
                break;
            case null:
                break;
            case var other:
                reader.Problem("pool.hosts.by", $"unknown '{other}' (known: {string.Join(", ", SupportedSchemes.Hosts.Select(h => h.Type))})");
                break;
        }
        return reader.Problems.Count > before || hosts is null ? null : new FixedBudgetPool(amounts, hosts);
    }

    private static Dictionary<SchoolLocationId, T>? HostValues<T>(
        JsonReader reader, JsonObject hostsNode, string name, IReadOnlySet<SchoolLocationId> schools, Func<JsonObject, string, T?> read) where T : struct
    {
        var before = reader.Problems.Count;
        var values = new Dictionary<SchoolLocationId, T>();
        var node = reader.Object(hostsNode, $"pool.hosts.{name}");
        foreach (var (locationText, _) in node ?? [])
        {
            var path = $"pool.hosts.{name}.{locationText}";
            if (!SchoolLocationId.TryParse(locationText, out var location))
            {
                reader.Problem(path, $"'{locationText}' is not a school location such as 25XX00");
                continue;
            }
            if (!schools.Contains(location))
            {
                reader.Problem(path, $"{location} is not one of the scheme's schools");
            }
            if (read(node!, path) is { } value)
            {
                values[location] = value;
            }
        }
        if (node is not null && values.Count == 0 && reader.Problems.Count == before)
        {
            reader.Problem($"pool.hosts.{name}", "names no host location");
        }
        return reader.Problems.Count > before || node is null ? null : values;
    }

    private static decimal? MaskedCountValueOf(Key? key) => key switch
    {
        PupilsKey pupils => pupils.MaskedCountValue,
        BlendKey blend => blend.Parts.Select(p => MaskedCountValueOf(p.Key)).FirstOrDefault(v => v is not null),
        _ => null,
    };

    private static Key? ReadKey(JsonReader reader, JsonObject? node, string path)
    {
        if (node is null)
        {
            return null;
        }
        switch (reader.String(node, $"{path}.type"))
        {
            case "children":
                return new ChildrenKey();
            case "pupils":
                return new PupilsKey(reader.OptionalNonNegativeDecimal(node, $"{path}.maskedCountValue") ?? 2.5m);
            case SupportedSchemes.Estimate when path == "key":
                return new EstimateKey();
            case SupportedSchemes.Blend when path == "key":
                var parts = new List<WeightedKey>();
                if (node["parts"] is not JsonArray { Count: > 0 } array)
                {
                    reader.Problem("key.parts", "must be a list of keys with weights");
                    return null;
                }
                for (var i = 0; i < array.Count; i++)
                {
                    var partPath = $"key.parts[{i}]";
                    if (array[i] is not JsonObject partNode)
                    {
                        reader.Problem(partPath, "must be an object with type and weight");
                        continue;
                    }
                    var part = ReadKey(reader, partNode, partPath);
                    var weight = reader.PositiveDecimal(partNode, $"{partPath}.weight");
                    if (part is not null && weight is not null)
                    {
                        parts.Add(new WeightedKey(part, weight.Value));
                    }
                }
                return parts.Count == array.Count ? new BlendKey(parts) : null;
            case null:
                return null;
            case var other:
                reader.Problem($"{path}.type", $"unknown key type '{other}' (known: {string.Join(", ", path == "key" ? SupportedSchemes.Keys.Select(k => k.Type!) : SupportedSchemes.BlendParts)})");
                return null;
        }
    }

    private static Flow? ReadFlow(JsonReader reader, JsonObject? node, IReadOnlySet<MunicipalityCode> participants)
    {
        if (node is null)
        {
            return null;
        }
        switch (reader.String(node, "flow.type"))
        {
            case "lead":
                var leadText = reader.String(node, "flow.lead");
                if (leadText is null)
                {
                    return null;
                }
                if (!MunicipalityCode.TryParse(leadText, out var lead))
                {
                    reader.Problem("flow.lead", $"'{leadText}' is not a municipality code (GM + 4 digits)");
                    return null;
                }
                if (!participants.Contains(lead))
                {
                    reader.Problem("flow.lead", $"{lead} is not one of the participants");
                }
                var nonParticipants = ReadLeadNonParticipants(reader, node);
                if (node["recipient"] is null)
                {
                    return new LeadFlow(lead) { NonParticipants = nonParticipants };
                }
                return ReadRecipient(reader, node["recipient"]) is { } recipient ? new LeadFlow(lead) { NonParticipants = nonParticipants, Recipient = recipient } : null;
            case "none":
                var threshold = reader.OptionalNonNegativeDecimal(node, "flow.balanceThresholdPct") ?? 10m;
                return new NoneFlow(threshold);
            case "cashier":
                return ReadCashier(reader, node, participants);
            case "funder":
                return ReadFunder(reader, node, participants);
            case null:
                return null;
            case var other:
                reader.Problem("flow.type", $"unknown flow type '{other}' (known: {string.Join(", ", SupportedSchemes.Flows.Select(f => f.Type))})");
                return null;
        }
    }

    /// <summary><c>funder</c>: the one municipality that carries the pool, a participant.</summary>
    private static FunderFlow? ReadFunder(JsonReader reader, JsonObject node, IReadOnlySet<MunicipalityCode> participants)
    {
        if (reader.String(node, "flow.funder") is not { } funderText)
        {
            return null;
        }
        if (!MunicipalityCode.TryParse(funderText, out var funder))
        {
            reader.Problem("flow.funder", $"'{funderText}' is not a municipality code (GM + 4 digits)");
            return null;
        }
        if (!participants.Contains(funder))
        {
            reader.Problem("flow.funder", $"{funder} is not one of the participants");
            return null;
        }
        return new FunderFlow(funder);
    }

    /// <summary>
    /// <c>inKind</c>: per school board (its number, digits), the teacher <c>hours</c> it contributes and their
    /// <c>hourlyValue</c> in euros, both greater than zero.
    /// </summary>
    private static Dictionary<string, InKindContribution> ReadInKind(JsonReader reader, JsonObject? node)
    {
        var result = new Dictionary<string, InKindContribution>(StringComparer.Ordinal);
        foreach (var (board, entry) in node ?? [])
        {
            var path = $"inKind.{board}";
            if (board.Length == 0 || !board.All(char.IsAsciiDigit))
            {
                reader.Problem(path, "is not a school board number (digits)");
                continue;
            }
            if (entry is not JsonObject contribution)
            {
                reader.Problem(path, "must be an object with hours and hourlyValue");
                continue;
            }
            var hours = reader.PositiveDecimal(contribution, path + ".hours");
            var value = reader.PositiveDecimal(contribution, path + ".hourlyValue");
            if (value is { } v && decimal.Round(v, 2) != v)
            {
                reader.Problem(path + ".hourlyValue", "must be in whole cents");
                continue;
            }
            if (hours is not null && value is not null)
            {
                result[board] = new InKindContribution(hours.Value, value.Value);
            }
        }
        return result;
    }

    /// <summary><c>reach</c>: the <c>grade</c> (leerjaar 1–8) whose pupils the scheme reaches.</summary>
    private static Reach? ReadReach(JsonReader reader, JsonObject? node)
    {
        if (node is null || reader.Int(node, "reach.grade") is not { } grade)
        {
            return null;
        }
        if (grade is < 1 or > 8)
        {
            reader.Problem("reach.grade", "must be a grade (leerjaar) from 1 to 8");
            return null;
        }
        return new Reach(grade);
    }

    /// <summary>The lead flow's optional <c>nonParticipants</c>: spread (the default), lead or invoice.</summary>
    private static LeadNonParticipants ReadLeadNonParticipants(JsonReader reader, JsonObject node)
    {
        switch (node["nonParticipants"] is null ? "spread" : reader.String(node, "flow.nonParticipants"))
        {
            case "spread" or null:
                return LeadNonParticipants.Spread;
            case "lead":
                return LeadNonParticipants.Lead;
            case "invoice":
                return LeadNonParticipants.Invoice;
            case var other:
                reader.Problem("flow.nonParticipants", $"unknown '{other}' (known: spread, lead, invoice)");
                return LeadNonParticipants.Spread;
        }
    }

    /// <summary><c>cashier</c> (a participant), <c>nonParticipants</c> gap (default) or spread, <c>gapFunds</c> [{ name, amount }] for a gap, and <c>paymentDay</c> (1–28, default 15).</summary>
    private static CashierFlow? ReadCashier(JsonReader reader, JsonObject node, IReadOnlySet<MunicipalityCode> participants)
    {
        var before = reader.Problems.Count;
        var cashierText = reader.String(node, "flow.cashier");
        MunicipalityCode cashier = default;
        if (cashierText is not null && !MunicipalityCode.TryParse(cashierText, out cashier))
        {
            reader.Problem("flow.cashier", $"'{cashierText}' is not a municipality code (GM + 4 digits)");
        }
        else if (cashierText is not null && !participants.Contains(cashier))
        {
            reader.Problem("flow.cashier", $"{cashier} is not one of the participants");
        }
        var mode = (node["nonParticipants"] is null ? "gap" : reader.String(node, "flow.nonParticipants")) switch
        {
            "gap" => NonParticipants.Gap,
            "spread" => NonParticipants.Spread,
            null => NonParticipants.Gap,
            var other => Unknown(other),
        };
        NonParticipants Unknown(string other)
        {
            reader.Problem("flow.nonParticipants", $"unknown '{other}' (known: gap, spread)");
            return NonParticipants.Gap;
        }

        var funds = new List<GapFund>();
        if (node["gapFunds"] is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var path = $"flow.gapFunds[{i}]";
                if (array[i] is not JsonObject fund)
                {
                    reader.Problem(path, "must be an object with name and amount");
                    continue;
                }
                var name = reader.String(fund, $"{path}.name");
                var amount = reader.Amount(fund, $"{path}.amount");
                if (name is not null && amount is not null)
                {
                    funds.Add(new GapFund(name, amount.Value));
                }
            }
            if (mode == NonParticipants.Spread && funds.Count > 0)
            {
                reader.Problem("flow.gapFunds", "a scheme that spreads the non-participants' part has no gap for funds to cover");
            }
        }
        else if (node["gapFunds"] is not null)
        {
            reader.Problem("flow.gapFunds", "must be a list of { name, amount }");
        }
        var paymentDay = reader.OptionalInt(node, "flow.paymentDay") ?? CashierFlow.DefaultPaymentDay;
        if (paymentDay is < 1 or > 28)
        {
            reader.Problem("flow.paymentDay", $"{paymentDay} is not a day 1–28 (every month has it)");
        }
        return reader.Problems.Count > before ? null : new CashierFlow(cashier, mode, funds, paymentDay);
    }

    /// <summary><c>flow.recipient</c>: the school board a lead pays an estimate pool's subsidy to, <c>{ "board": "41234", "name": "…", "iban": "…" }</c>.</summary>
    private static SubsidyRecipient? ReadRecipient(JsonReader reader, JsonNode? node)
    {
        if (node is not JsonObject recipient)
        {
            reader.Problem("flow.recipient", "must be an object with board, name and iban");
            return null;
        }
        var before = reader.Problems.Count;
        var board = reader.String(recipient, "flow.recipient.board");
        var name = reader.String(recipient, "flow.recipient.name");
        var iban = reader.String(recipient, "flow.recipient.iban");
        if (board is not null && (board.Length != 5 || !board.All(char.IsAsciiDigit)))
        {
            reader.Problem("flow.recipient.board", $"'{board}' is not a school board number (5 digits)");
        }
        if (name is not null && (name.Trim().Length == 0 || name.Length > MaxTextLength))
        {
            reader.Problem("flow.recipient.name", $"must be a name of 1 to {MaxTextLength} characters");
        }
        if (iban is not null)
        {
            if (Iban.TryParse(iban, out var checkedIban, out var ibanProblem))
            {
                iban = checkedIban.Value;
            }
            else
            {
                reader.Problem("flow.recipient.iban", $"'{iban}' is not a valid IBAN: it {ibanProblem}");
            }
        }
        return reader.Problems.Count > before || board is null || name is null || iban is null ? null : new SubsidyRecipient(board, name.Trim(), iban);
    }

    private static readonly string[] Discriminators = ["type", "by"];

    private static void Merge(JsonObject target, JsonObject change)
    {
        foreach (var (name, value) in change)
        {
            // A section whose type changes is replaced, not merged: the old type's keys do not belong to the new one.
            if (value is JsonObject changeChild && target[name] is JsonObject targetChild
                && !Discriminators.Any(d => changeChild[d] is not null && TypeText(changeChild, d) != TypeText(targetChild, d)))
            {
                Merge(targetChild, changeChild);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    /// <summary>Reads typed values and records a problem naming the key for every missing or malformed one.</summary>
    private sealed class JsonReader(List<string> problems)
    {
        public List<string> Problems { get; } = problems;

        public string Context { get; set; } = "";

        public void Problem(string key, string text) => Add($"key '{key}': {text}");

        /// <summary>Adds a problem once: a problem of the base terms that a year's terms inherit is not repeated for that year.</summary>
        private void Add(string problem)
        {
            var line = Context + problem;
            if (!Problems.Contains(line) && !Problems.Contains(problem))
            {
                Problems.Add(line);
            }
        }

        /// <summary>A problem of several keys together, such as an unsupported combination of types.</summary>
        public void ProblemOfKeys(IReadOnlyList<string> keys, string text)
        {
            var names = keys.Select(k => $"'{k}'").ToList();
            Add($"keys {string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}: {text}");
        }

        private JsonNode? Get(JsonObject node, string key, bool required = true)
        {
            var value = node[key[(key.LastIndexOf('.') + 1)..]];
            if (value is null && required)
            {
                Problem(key, "missing");
            }
            return value;
        }

        public JsonObject? Object(JsonObject node, string key)
        {
            var value = Get(node, key);
            if (value is not null and not JsonObject)
            {
                Problem(key, "must be an object");
            }
            return value as JsonObject;
        }

        public string? String(JsonObject node, string key)
        {
            var value = Get(node, key);
            if (value is null)
            {
                return null;
            }
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            {
                return text;
            }
            Problem(key, "must be a non-empty string");
            return null;
        }

        /// <summary>An optional text: absent is null; present it must be a non-empty single line of at most <paramref name="maxLength"/> characters.</summary>
        public string? OptionalString(JsonObject node, string key, int maxLength)
        {
            if (node[key[(key.LastIndexOf('.') + 1)..]] is null || String(node, key) is not { } text)
            {
                return null;
            }
            text = text.Trim();
            if (text.Length > maxLength || text.Any(char.IsControl))
            {
                Problem(key, $"must be one line of at most {maxLength} characters");
                return null;
            }
            return text;
        }

        public int? Int(JsonObject node, string key)
        {
            var value = Get(node, key);
            if (value is null)
            {
                return null;
            }
            if (value is JsonValue v && v.TryGetValue<int>(out var number))
            {
                return number;
            }
            Problem(key, "must be a whole number");
            return null;
        }

        public decimal? PositiveDecimal(JsonObject node, string key)
        {
            var value = Get(node, key);
            if (value is null)
            {
                return null;
            }
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var number))
            {
                if (number > 0)
                {
                    return number;
                }
                Problem(key, "must be greater than zero");
                return null;
            }
            Problem(key, "must be a number");
            return null;
        }

        public JsonObject? OptionalObject(JsonObject node, string key) =>
            node[key[(key.LastIndexOf('.') + 1)..]] is null ? null : Object(node, key);

        public bool? OptionalBool(JsonObject node, string key)
        {
            var value = node[key[(key.LastIndexOf('.') + 1)..]];
            if (value is null)
            {
                return null;
            }
            if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                return v.GetValue<bool>();
            }
            Problem(key, "must be true or false");
            return null;
        }

        public int? OptionalInt(JsonObject node, string key) =>
            node[key[(key.LastIndexOf('.') + 1)..]] is null ? null : Int(node, key);

        public decimal? OptionalNonNegativeDecimal(JsonObject node, string key)
        {
            var value = node[key[(key.LastIndexOf('.') + 1)..]];
            if (value is null)
            {
                return null;
            }
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var number))
            {
                if (number >= 0)
                {
                    return number;
                }
                Problem(key, "must not be negative");
                return null;
            }
            Problem(key, "must be a number");
            return null;
        }

        /// <summary>An amount in euros: not negative, in whole cents.</summary>
        public Money? Amount(JsonObject node, string key)
        {
            var value = Get(node, key);
            if (value is null)
            {
                return null;
            }
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var euros))
            {
                if (euros < 0)
                {
                    Problem(key, "must not be negative");
                    return null;
                }
                if (decimal.Round(euros, 2) != euros)
                {
                    Problem(key, "must be in whole cents");
                    return null;
                }
                return Core.Arithmetic.Money.FromEuros(euros);
            }
            Problem(key, "must be an amount in euros");
            return null;
        }

        public List<T> List<T>(JsonObject node, string key, Func<string, T?> parse, string what) where T : struct
        {
            var result = new List<T>();
            if (Get(node, key) is not { } value)
            {
                return result;
            }
            if (value is not JsonArray array)
            {
                Problem(key, "must be a list");
                return result;
            }
            foreach (var item in array)
            {
                var text = item is JsonValue v && v.TryGetValue<string>(out var s) ? s : item?.ToJsonString() ?? "null";
                if (parse(text) is { } parsed)
                {
                    result.Add(parsed);
                }
                else
                {
                    Problem(key, $"'{text}' is not {what}");
                }
            }
            return result;
        }
    }
}
