using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using FsCheck;
using FsCheck.Fluent;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>
/// A year settled month by month while data keeps arriving late: before every run and before the year end
/// some beschikkingen appear backdated, end earlier, or change their hours. Whatever happens, per
/// municipality the advances, corrections and year end add up to the year computed from the final data.
/// </summary>
public class YearEndPropertyTests
{
    private static readonly MunicipalityCode[] Residences = [Nijmegen, Beuningen, BergEnDal, Arnhem];

    [Fact]
    public void AdvancesPlusCorrectionsPlusYearEnd_AreTheRecomputedAnnualAmount_PerChild()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var scheme = Nijmegen2019();
            var data = Enumerable.Range(0, random.Next(1, 12)).Select(i => RandomBeschikking(random, i)).ToList();
            return Holds(scheme, random, () => new SettlementInputs(data, [], []), () => Change(random, data));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }

    [Fact]
    public void AdvancesPlusCorrectionsPlusYearEnd_AreTheRecomputedAnnualAmount_Cashier()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var scheme = Groningen();
            var counts = new Dictionary<(SchoolLocationId, MunicipalityCode), int?>();
            foreach (var school in new[] { StMaarten, Meander })
            {
                foreach (var residence in Residences)
                {
                    counts[(school, residence)] = random.Next(1, 200);
                }
            }
            var peildatum = new DateOnly(2025, 10, 1);
            return Holds(scheme, random,
                () => new SettlementInputs([], [], counts.Select(c => new PupilCount(peildatum, c.Key.Item1, c.Key.Item2, c.Value)).ToList()),
                () =>
                {
                    // A corrected count: sometimes masked as <5 by DUO.
                    var key = counts.Keys.ElementAt(random.Next(counts.Count));
                    counts[key] = random.Next(6) == 0 ? null : random.Next(1, 200);
                });
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    /// <summary>Runs the year as the service does and checks the sum per municipality, and that every run's invoices bill exactly the non-issuer entries.</summary>
    private static bool Holds(Scheme scheme, Random random, Func<SettlementInputs> inputs, Action change)
    {
        var stored = new List<Entry>();
        var issuer = Invoicing.IssuerOf(scheme.TermsFor(2026).Flow);
        for (var month = 1; month <= 12; month++)
        {
            for (var c = random.Next(0, 3); c > 0; c--)
            {
                change();
            }
            var now = inputs();
            var period = new YearMonth(2026, month);
            var corrections = Enumerable.Range(1, month - 1)
                .SelectMany(m => Corrections.For(SettledPeriod.Of(new YearMonth(2026, m)), MonthlySettlement.Calculate(scheme, new YearMonth(2026, m), now).Entries, stored))
                .ToList();
            var plan = RunPlans.WithCorrections(scheme, MonthlySettlement.Calculate(scheme, period, now), corrections);
            if (Money.Sum(plan.Invoices.Select(i => i.Total)) != Money.Sum(plan.Entries.Where(e => e.Municipality != issuer).Select(e => e.Amount)))
            {
                return false;
            }
            stored.AddRange(plan.Entries);
        }
        for (var c = random.Next(0, 4); c > 0; c--)
        {
            change();
        }
        var final = inputs();
        var annual = MonthlySettlement.Annual(scheme, 2026, final);
        var yearEnd = RunPlans.YearEnd(scheme, 2026, BasisUnit.ChildDays, annual, new SettledYear(stored, null), 1, MonthlySettlement.CashierYearOf(scheme, 2026, final));
        stored.AddRange(yearEnd.Entries);
        return Residences.All(m =>
            Money.Sum(stored.Where(e => e.Municipality == m).Select(e => e.Amount)) == Money.Sum(annual.Where(e => e.Municipality == m).Select(e => e.Amount)))
            && yearEnd.Statement is null == scheme.TermsFor(2026).Flow is not CashierFlow;
    }

    /// <summary>A late change: a new (possibly backdated) beschikking, an earlier end, or other hours.</summary>
    private static void Change(Random random, List<Beschikking> data)
    {
        switch (random.Next(3))
        {
            case 0 or 1 when data.Count == 0:
            case 0:
                data.Add(RandomBeschikking(random, data.Count + 100));
                break;
            case 1:
                var ended = random.Next(data.Count);
                var start = data[ended].Active.Start;
                data[ended] = data[ended] with { Active = new ActivePeriod(start, start.AddDays(random.Next(0, 200))) };
                break;
            default:
                var changed = random.Next(data.Count);
                data[changed] = data[changed] with { HoursPerWeek = random.Next(2, 14) };
                break;
        }
    }

    /// <summary>A cashier scheme over the builder's two schools: € 30,000 a year, Arnhem not taking part, its gap partly covered.</summary>
    private static Scheme Groningen()
    {
        var terms = new SchemeTerms(
            new HashSet<SchoolLocationId> { StMaarten, Meander },
            new HashSet<MunicipalityCode> { Nijmegen, Beuningen, BergEnDal },
            new FixedBudgetPool(new Dictionary<int, Money> { [2026] = Money.FromEuros(30_000m) },
                new HostsByFte(new Dictionary<SchoolLocationId, decimal> { [StMaarten] = 1.5m, [Meander] = 0.5m })),
            new PupilsKey(2m),
            new CashierFlow(Nijmegen, NonParticipants.Gap, [new GapFund("VSV-middelen", new Money(1))]),
            new InvoiceTerms("NL00BANK0123456789", 30, "Geen btw"))
        {
            Participation = new Dictionary<MunicipalityCode, Participation> { [BergEnDal] = new(FromYear: 2026, FromMonth: 4) },
        };
        return new Scheme("groningen-saw", "School als Wijk", 2019, terms);
    }
}
