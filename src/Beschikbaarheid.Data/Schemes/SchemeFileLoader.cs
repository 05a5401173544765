using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Data.Schemes;

/// <summary>
/// Reads <c>&lt;dir&gt;/&lt;id&gt;.json</c> into a <see cref="Scheme"/>. A section under <c>years</c> changes
/// parameters from that funding year on: the terms of year Y are the base file with every <c>years</c>
/// entry up to Y merged over it in order. Every version of the terms is validated when the file is read,
/// so a bad override fails at once, not in the year it starts.
/// </summary>
public sealed class SchemeFileLoader(string directory)
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public string Directory { get; } = directory;

    public IReadOnlyList<Scheme> LoadAll() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal).Select(LoadFile).ToList()
            : throw new SchemeFileException(Directory, ["the scheme folder does not exist; pass --schemes DIR"]);

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
        var id = reader.String(root, "id");
        var expectedId = Path.GetFileNameWithoutExtension(path);
        if (id is not null && id != expectedId)
        {
            problems.Add($"key 'id': '{id}' differs from the file name '{expectedId}'");
        }
        var name = reader.String(root, "name");
        var startYear = reader.Int(root, "startYear");
        var baseTerms = ReadTerms(root, reader, "");

        var changes = new Dictionary<int, SchemeTerms>();
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
                var terms = ReadTerms(merged, reader, $"years.{yearText} → ");
                if (terms is not null)
                {
                    changes[year] = terms;
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
        return new Scheme(id!, name!, startYear!.Value, baseTerms, changes);
    }

    private static SchemeTerms? ReadTerms(JsonObject root, JsonReader reader, string context)
    {
        var before = reader.Problems.Count;
        reader.Context = context;
        var schools = reader.List<SchoolLocationId>(root, "schools", t => SchoolLocationId.TryParse(t, out var id) ? id : null, "a school location such as 30AB00")
            .ToHashSet();
        var participants = reader.List<MunicipalityCode>(root, "participants", t => MunicipalityCode.TryParse(t, out var c) ? c : (MunicipalityCode?)null, "a municipality code (GM + 4 digits)")
            .ToHashSet();
        var pool = ReadPool(reader, reader.Object(root, "pool"));
        var key = ReadKey(reader, reader.Object(root, "key"));
        var flow = ReadFlow(reader, reader.Object(root, "flow"), participants);
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
            invoice = new InvoiceTerms(iban ?? "", term ?? 0, vat ?? "");
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
            : new SchemeTerms(schools, participants, pool, key, flow, invoice);
    }

    private static Pool? ReadPool(JsonReader reader, JsonObject? node)
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
            case null:
                return null;
            case var other:
                reader.Problem("pool.type", $"unknown pool type '{other}' (known: per-child)");
                return null;
        }
    }

    private static Key? ReadKey(JsonReader reader, JsonObject? node)
    {
        if (node is null)
        {
            return null;
        }
        switch (reader.String(node, "key.type"))
        {
            case "children":
                return new ChildrenKey();
            case null:
                return null;
            case var other:
                reader.Problem("key.type", $"unknown key type '{other}' (known: children)");
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
                return new LeadFlow(lead);
            case null:
                return null;
            case var other:
                reader.Problem("flow.type", $"unknown flow type '{other}' (known: lead)");
                return null;
        }
    }

    private static void Merge(JsonObject target, JsonObject change)
    {
        foreach (var (name, value) in change)
        {
            if (value is JsonObject changeChild && target[name] is JsonObject targetChild)
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

        public void Problem(string key, string text)
        {
            var line = $"{Context}key '{key}': {text}";
            if (!Problems.Contains(line))
            {
                Problems.Add(line);
            }
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
