using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>The words users read: Dutch month names, labels of kinds, reasons and bases.</summary>
internal static class Dutch
{
    /// <summary>Dutch numbers, looked up once: the culture cache takes a lock, on which both cores writing documents waited.</summary>
    public static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>What a concept's workbook says above everything else, and on every printed page.</summary>
    public const string ConceptMark = "CONCEPT – geen factuur, niet boeken";

    /// <summary>A workbook's title, preceded by CONCEPT for a concept (<see cref="IssuedSettlement.IsConcept"/>).</summary>
    public static string Title(IssuedSettlement settlement, string title) => settlement.IsConcept ? $"CONCEPT {title}" : title;

    /// <summary>An amount as written in a sentence: <c>€ 13.750,00</c>.</summary>
    public static string Euro(Core.Arithmetic.Money amount) => "€ " + amount.Euros.ToString("#,##0.00", Culture);

    /// <summary>An exact amount in euros, e.g. a rate, with its cents and any further decimals it has: <c>€ 62,50</c>, <c>€ 37,6712</c>.</summary>
    public static string EuroExact(decimal euros) => "€ " + euros.ToString("#,##0.00######", Culture);

    /// <summary>A count or factor as written in a sentence, without trailing zeros: <c>5,5</c>, <c>1.234</c>.</summary>
    public static string Number(decimal value) => Formatting.Figures.Grouped(value, Culture);

    /// <summary>A date as written in a sentence: <c>1 oktober 2025</c>.</summary>
    public static string Date(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    private static readonly string[] Months =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary>
    /// When a run was made, as the region reads it: the stored instant (UTC) in the region's time zone, the zone named, e.g.
    /// <c>01-12-2026 06:00 (Europe/Amsterdam)</c>. So the time falls on the day the region saw, not the UTC day.
    /// </summary>
    public static string Created(DateTimeOffset createdAt, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return $"{TimeZoneInfo.ConvertTime(createdAt, zone).ToString("dd-MM-yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)} ({zone.Id})";
    }

    /// <remarks>Made once per month: a national run names a month on each of its 70,000 lines, twice.</remarks>
    public static string Month(YearMonth period) => MonthNames.GetOrAdd(period, p => $"{Months[p.Month - 1]} {p.Year}");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<YearMonth, string> MonthNames = new();

    public static string Municipality(IReadOnlyDictionary<MunicipalityCode, Municipality> names, MunicipalityCode code) =>
        names.TryGetValue(code, out var m) ? $"Gemeente {m.Name}" : code.Value;

    public static string School(IReadOnlyDictionary<SchoolLocationId, SchoolLocation> schools, SchoolLocationId id) =>
        schools.TryGetValue(id, out var s) ? s.Name : "";

    public static string Kind(SettlementKind kind) => kind switch
    {
        SettlementKind.Voorschot => "Voorschot",
        SettlementKind.Correctie => "Correctie",
        SettlementKind.Vaststelling => "Vaststelling",
        SettlementKind.Creditnota => "Creditnota",
        _ => kind.Dutch(),
    };

    /// <summary>The month of an advance run, or the year of a year end.</summary>
    public static string Period(SettlementRun run) =>
        run.Kind == SettlementKind.Voorschot ? Month(run.Period) : $"jaar {run.Period.Year}" + (run.Revision > 1 ? $" ({run.Revision}e vaststelling)" : "");

    public static string Period(SettledPeriod period) =>
        period.Month is { } month ? Month(new YearMonth(period.Year, month)) : $"jaar {period.Year}";

    /// <summary>What a line that is not the run's own advance is about: the corrected month or the settled year, and the invoice(s) it refers to.</summary>
    public static string? Explanation(InvoiceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var kind = line.Kind switch
        {
            SettlementKind.Voorschot => null,
            SettlementKind.Correctie => $"correctie {Period(line.Period!.Value)}" + (line.Reference is null ? "" : $" op factuur {line.Reference}"),
            // A year end refers to every invoice of the year: the invoice lists them once, below its lines.
            _ => $"{Kind(line.Kind).ToLowerInvariant()} {Period(line.Period!.Value)}",
        };
        // A merged-away municipality's line: billed to its legal successor, the residence it concerns kept.
        var residence = line.Residence is { } old ? $"woongemeente {old} (heringedeeld, u bent rechtsopvolger)" : null;
        return kind is null ? residence : residence is null ? kind : $"{kind}; {residence}";
    }

    /// <summary>
    /// Where a merger applies to a municipality on <paramref name="day"/>: "GM0209 → GM9001 per 01-01-2026" for a merged-away
    /// one, and for a successor each chain that merged into it; null when none.
    /// </summary>
    public static string? Merger(Core.Registry.Mergers mergers, Core.Registry.MunicipalityCode code, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(mergers);
        var chains = mergers.ChainOf(code, day) is { Count: > 0 } own ? [own] : mergers.ChainsInto(code, day);
        return chains.Count == 0
            ? null
            : string.Join("; ", chains.Select(chain =>
                "herindeling " + string.Join(" → ", chain.Select(m => m.Old.Value).Append(chain[^1].New.Value))
                + " per " + string.Join(", ", chain.Select(m => m.Date.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture)))));
    }

    public static string Basis(BasisUnit unit) => unit switch
    {
        BasisUnit.ChildDays => "kinddagen",
        BasisUnit.Pupils => "leerlingen",
        BasisUnit.HoursPerWeek => "uren per week",
        _ => unit.ToString(),
    };

    public static string Reason(Eligibility reason) => reason switch
    {
        Eligibility.OtherLaw => "Andere wet dan de Jeugdwet (WLZ, ZVW)",
        Eligibility.NonParticipant => "Woont in een niet-deelnemende gemeente",
        Eligibility.AtOrAboveThreshold => "Uren per week op of boven de drempel",
        _ => reason.ToString(),
    };
}
