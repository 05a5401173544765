using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Reports.Tests;

/// <summary>
/// A stored settlement of March 2026 made by hand: Nijmegen invoices Beuningen for two schools
/// (€ 1,582.19 + € 188.36 = € 1,770.55) and Berg en Dal for one (€ 37.67).
/// </summary>
internal static class SampleSettlement
{
    /// <summary>The region's time zone, as the worker passes it (<c>Schedule:TimeZone</c>).</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static readonly MunicipalityCode Nijmegen = MunicipalityCode.Parse("GM0268");
    public static readonly MunicipalityCode Beuningen = MunicipalityCode.Parse("GM0209");
    public static readonly MunicipalityCode BergEnDal = MunicipalityCode.Parse("GM1945");
    public static readonly SchoolLocationId StMaarten = Location("30AB00");
    public static readonly SchoolLocationId Meander = Location("31CD00");

    public static IssuedSettlement Create() => new(
        new SettlementRun(7, "nijmegen-st-maarten", "Zorg in onderwijstijd St. Maartenschool", new YearMonth(2026, 3), SettlementKind.Voorschot,
            BasisUnit.ChildDays, new DateTimeOffset(2026, 4, 1, 4, 0, 0, TimeSpan.Zero), "job")
        {
            // 5.5 h × € 62.50 × 40 weeks = € 13,750.00 a child a year; 42 child-days: 1,375,000 × 42 / 365 = 158,219.18 → 158,219 cents,
            // 5: 1,375,000 × 5 / 365 = 18,835.62 → 18,836, 1: 3,767.12 → 3,767 (the lines below).
            Calculation = new RunCalculation(CalculationMethod.PerChild, 5.5m, 62.50m, 40),
            Agreement = "Convenant Zorg in onderwijstijd, 12 maart 2019",
        },
        [
            new IssuedInvoice("GM0268-2026-00001", Nijmegen, Beuningen, new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1), "NL12BANK0123456789", "Geen btw: kostendeling tussen gemeenten",
                [new InvoiceLine(1, StMaarten, 42m, new Money(158_219)), new InvoiceLine(2, Meander, 5m, new Money(18_836))]),
            new IssuedInvoice("GM0268-2026-00002", Nijmegen, BergEnDal, new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1), "NL12BANK0123456789", "Geen btw: kostendeling tussen gemeenten",
                [new InvoiceLine(1, StMaarten, 1m, new Money(3_767))]),
        ],
        [
            new AllocationRow(Beuningen, 3, 47m, new Money(177_055), new Money(1_488_013), true),
            new AllocationRow(Nijmegen, 1, 31m, new Money(116_781), new Money(1_375_000), false),
            new AllocationRow(BergEnDal, 1, 1m, new Money(3_767), new Money(103_596), true),
        ],
        new Dictionary<MunicipalityCode, Money> { [Beuningen] = new(354_110), [Nijmegen] = new(233_562), [BergEnDal] = new(3_767) },
        [new LocationRow(StMaarten, 4, 74m, new Money(278_767)), new LocationRow(Meander, 1, 5m, new Money(18_836))],
        [new IndividualCount(Eligibility.OtherLaw, 1), new IndividualCount(Eligibility.NonParticipant, 2)],
        new Dictionary<MunicipalityCode, Municipality>
        {
            [Nijmegen] = new(Nijmegen, "Nijmegen", "Korte Nieuwstraat 6", "6511 PP", "Nijmegen"),
            [Beuningen] = new(Beuningen, "Beuningen"),
            [BergEnDal] = new(BergEnDal, "Berg en Dal"),
        },
        new Dictionary<SchoolLocationId, SchoolLocation>
        {
            [StMaarten] = new(StMaarten, "St. Maartenschool", "41234", "Stichting SO Nijmegen", Nijmegen, Sector.SO),
            [Meander] = new(Meander, "De Meander", "41234", "Stichting SO Nijmegen", Nijmegen, Sector.SBO),
        });

    private static SchoolLocationId Location(string text) => SchoolLocationId.TryParse(text, out var id) ? id : throw new FormatException(text);
}
