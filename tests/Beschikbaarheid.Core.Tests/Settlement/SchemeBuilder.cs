using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>The scheme of the hand-worked cases: lead Nijmegen, two schools, € 13,750 a child a year.</summary>
internal static class SchemeBuilder
{
    public static readonly MunicipalityCode Nijmegen = MunicipalityCode.Parse("GM0268");
    public static readonly MunicipalityCode Beuningen = MunicipalityCode.Parse("GM0209");
    public static readonly MunicipalityCode BergEnDal = MunicipalityCode.Parse("GM1945");
    public static readonly MunicipalityCode Arnhem = MunicipalityCode.Parse("GM0202");
    public static readonly SchoolLocationId StMaarten = Location("30AB00");
    public static readonly SchoolLocationId Meander = Location("31CD00");
    public static readonly SchoolLocationId Elsewhere = Location("40ZZ00");

    /// <summary>5.5 h × € 62.50 × 40 weeks = € 13,750.00 = 1,375,000 cents a child a year; from 2027 6 h: € 15,000.00.</summary>
    public static Scheme Nijmegen2019()
    {
        var terms = new SchemeTerms(
            new HashSet<SchoolLocationId> { StMaarten, Meander },
            new HashSet<MunicipalityCode> { Nijmegen, Beuningen, BergEnDal },
            new PerChildPool(12m, 5.5m, 62.50m, 40),
            new ChildrenKey(),
            new LeadFlow(Nijmegen),
            new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw"));
        var from2027 = terms with { Pool = new PerChildPool(12m, 6m, 62.50m, 40) };
        return new Scheme("nijmegen-st-maarten", "Zorg in onderwijstijd", 2019, terms, new Dictionary<int, SchemeTerms> { [2027] = from2027 });
    }

    public static Beschikking Beschikking(
        string client, MunicipalityCode residence, SchoolLocationId school, decimal hours, DateOnly start, DateOnly? end = null, Law law = Law.JW) =>
        new($"B-{client}-{start:yyyyMMdd}", client, residence, school, "Aanbieder", "JZ", law, hours, new ActivePeriod(start, end));

    /// <summary>A beschikking drawn from the seed: any of four residences (Arnhem not taking part), either school, 2–13 hours, sometimes WLZ, sometimes ended.</summary>
    public static Beschikking RandomBeschikking(Random random, int i)
    {
        var start = new DateOnly(2025, 9, 1).AddDays(random.Next(0, 480));
        DateOnly? end = random.Next(3) == 0 ? start.AddDays(random.Next(0, 300)) : null;
        return new Beschikking($"B{i}-{random.Next()}", $"c{random.Next(0, 8)}", new[] { Nijmegen, Beuningen, BergEnDal, Arnhem }[random.Next(4)], random.Next(4) == 0 ? Meander : StMaarten,
            "Aanbieder", "JZ", random.Next(8) == 0 ? Law.WLZ : Law.JW, random.Next(2, 14), new ActivePeriod(start, end));
    }

    public static SchoolLocationId Location(string text) =>
        SchoolLocationId.TryParse(text, out var id) ? id : throw new FormatException(text);
}
