using System.Numerics;
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
/// A year settled month by month while data keeps arriving late: before every run and before the year end some
/// beschikkingen appear backdated, end earlier, or change their hours (or a pupil count is corrected). The program's
/// runs are compared with the independent <see cref="RulesModel"/>: every run bills each month's advance plus, for
/// every earlier month, the month as the rules compute it now less what was billed for it; the year end is the year
/// as the rules compute it from the final data (the sum of its twelve months) less everything billed.
/// </summary>
public class YearEndPropertyTests
{
    private static readonly MunicipalityCode[] Residences = [Nijmegen, Beuningen, BergEnDal, Arnhem];

    [Fact]
    public void EveryRun_BillsTheAdvanceAndTheCorrectionsTheRulesGive_PerChild()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var year = PerChildYear(seed);
            return year.Runs.All(r => SameAmounts(r.Program, r.Model) && SameAmounts(r.Invoiced, ToInvoice(r.Model, k => k.Item1, Nijmegen)));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    [Fact]
    public void YearEnd_IsTheSumOfTheRecomputedMonthsLessWhatWasBilled_PerChild()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var year = PerChildYear(seed);
            return SameAmounts(year.ProgramYearEnd, year.ModelYearEnd)
                && SameAmounts(year.YearEndInvoiced, ToInvoice(year.ModelYearEnd, m => m, Nijmegen));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    [Fact]
    public void YearEnd_OfUnchangedData_IssuesNothing_PerChild()
    {
        // One child of Beuningen at St. Maarten, 8 h, all of 2026, nothing changes. 1,375,000 / 365 = 3,767.12 cents a day:
        // a 31-day month 116,780.82 → 116,781, a 30-day month 113,013.70 → 113,014, February (28) 105,479.45 → 105,479.
        // Billed: 7 × 116,781 + 4 × 113,014 + 105,479 = 817,467 + 452,056 + 105,479 = 1,375,002 cents. DOMAIN: the year is the
        // sum of its months rounded as their lines, 1,375,002, so nothing is left to settle and no document is issued.
        var data = new List<Beschikking> { Beschikking("c1", Beuningen, StMaarten, 8m, new DateOnly(2026, 1, 1)) };
        var year = RunYear(Nijmegen2019(), new Random(1), () => new SettlementInputs(data, [], []), () => { }, e => e.Municipality.Municipality!.Value, m => m, (_, _) => new Dictionary<MunicipalityCode, long>());
        Assert.Equal(1_375_002, year.Runs.Sum(r => r.Program.Values.Sum()));
        Assert.Equal(0, year.ProgramYearEnd.GetValueOrDefault(Beuningen));
        Assert.Empty(year.ProgramYearEnd);
    }

    [Fact]
    public void AdvancesCorrectionsAndYearEnd_FollowTheSplitAndTheMonthlySchedule_Cashier()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var counts = new Dictionary<(SchoolLocationId, MunicipalityCode), int?>();
            foreach (var school in new[] { StMaarten, Meander })
            {
                foreach (var residence in Residences)
                {
                    counts[(school, residence)] = Count(random);
                }
            }
            var peildatum = new DateOnly(2025, 10, 1);
            var year = RunYear(Groningen(), random,
                () => new SettlementInputs([], [], counts.Select(c => new PupilCount(peildatum, c.Key.Item1, c.Key.Item2, c.Value)).ToList()),
                () =>
                {
                    // A corrected count: sometimes masked as <5 by DUO.
                    var key = counts.Keys.ElementAt(random.Next(counts.Count));
                    counts[key] = random.Next(6) == 0 ? null : Count(random);
                },
                e => e.Municipality.Municipality!.Value, m => m,
                CashierMonth);
            return year.Runs.All(r => SameAmounts(r.Program, r.Model) && SameAmounts(r.Invoiced, ToInvoice(r.Model, m => m, Nijmegen)))
                && SameAmounts(year.ProgramYearEnd, year.ModelYearEnd)
                && SameAmounts(year.YearEndInvoiced, ToInvoice(year.ModelYearEnd, m => m, Nijmegen))
                && year.HasStatement;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    /// <summary>The per-child year of one seed: a few random beschikkingen, late changes to them before every run and the year end.</summary>
    private static Year<(MunicipalityCode, SchoolLocationId)> PerChildYear(int seed)
    {
        var random = new Random(seed);
        var data = Enumerable.Range(0, random.Next(1, 12)).Select(i => RandomBeschikking(random, i)).ToList();
        return RunYear(Nijmegen2019(), random, () => new SettlementInputs(data, [], []), () => Change(random, data),
            e => (e.Municipality.Municipality!.Value, e.School), k => k.Item1,
            (month, inputs) => RulesModel.PerChildMonth(PerChildRules.Nijmegen2019, new YearMonth(2026, month), inputs.Beschikkingen)
                .ToDictionary(l => (l.Municipality, l.School), l => l.Cents));
    }

    /// <summary>
    /// What each run billed per key by the program and by the model, with the totals of the program's invoices per debtor;
    /// each one's year end per municipality, with the program's year-end invoice (or credit note) totals per debtor.
    /// </summary>
    private sealed record Year<TKey>(
        IReadOnlyList<(Dictionary<TKey, long> Program, Dictionary<TKey, long> Model, Dictionary<MunicipalityCode, long> Invoiced)> Runs,
        Dictionary<MunicipalityCode, long> ProgramYearEnd,
        Dictionary<MunicipalityCode, long> ModelYearEnd,
        Dictionary<MunicipalityCode, long> YearEndInvoiced,
        bool HasStatement) where TKey : notnull;

    /// <summary>DOMAIN "Flow": the lead or cashier invoices every other municipality its amount; its own is never invoiced.</summary>
    private static Dictionary<MunicipalityCode, long> ToInvoice<TKey>(Dictionary<TKey, long> amounts, Func<TKey, MunicipalityCode> municipalityOf, MunicipalityCode issuer)
        where TKey : notnull =>
        amounts.GroupBy(a => municipalityOf(a.Key)).Where(g => g.Key != issuer).ToDictionary(g => g.Key, g => g.Sum(a => a.Value));

    private static Dictionary<MunicipalityCode, long> InvoiceTotals(IEnumerable<InvoiceDraft> invoices) =>
        invoices.GroupBy(i => i.Debtor.Municipality!.Value).ToDictionary(g => g.Key, g => g.Sum(i => i.Total.Cents));

    /// <summary>
    /// Runs 2026 as the service does (advances with corrections to earlier months, then the year end), and the model's
    /// ledger beside it: <paramref name="modelMonth"/> gives a month by the rules from the inputs as they are.
    /// </summary>
    private static Year<TKey> RunYear<TKey>(
        Scheme scheme, Random random, Func<SettlementInputs> inputs, Action change,
        Func<Entry, TKey> keyOf, Func<TKey, MunicipalityCode> municipalityOf, Func<int, SettlementInputs, IReadOnlyDictionary<TKey, long>> modelMonth) where TKey : notnull
    {
        var stored = new List<Entry>();
        var ledger = new RulesModel.Ledger<TKey>();
        var runs = new List<(Dictionary<TKey, long>, Dictionary<TKey, long>, Dictionary<MunicipalityCode, long>)>();
        for (var month = 1; month <= 12; month++)
        {
            for (var c = random.Next(0, 3); c > 0; c--)
            {
                change();
            }
            var now = inputs();
            var corrections = Enumerable.Range(1, month - 1)
                .SelectMany(m => Corrections.For(SettledPeriod.Of(new YearMonth(2026, m)), MonthlySettlement.Calculate(scheme, new YearMonth(2026, m), now).Entries, stored))
                .ToList();
            var plan = RunPlans.WithCorrections(scheme, MonthlySettlement.Calculate(scheme, new YearMonth(2026, month), now), corrections);
            stored.AddRange(plan.Entries);
            runs.Add((Totals(plan.Entries, keyOf), ledger.Run(month, m => modelMonth(m, now)), InvoiceTotals(plan.Invoices)));
        }
        for (var c = random.Next(0, 4); c > 0; c--)
        {
            change();
        }
        var final = inputs();
        var annual = MonthlySettlement.Annual(scheme, 2026, final);
        var yearEnd = RunPlans.YearEnd(scheme, 2026, BasisUnit.ChildDays, annual, new SettledYear(stored, null), 1, MonthlySettlement.CashierYearOf(scheme, 2026, final));

        // DOMAIN: the year is the sum of its months, each recomputed with the final data; the year end is that less what was billed.
        var billed = ledger.Billed();
        var modelYear = Enumerable.Range(1, 12).SelectMany(m => modelMonth(m, final)).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Sum(a => a.Value));
        var modelYearEnd = modelYear.Keys.Union(billed.Keys)
            .GroupBy(municipalityOf)
            .ToDictionary(g => g.Key, g => g.Sum(k => modelYear.GetValueOrDefault(k) - billed.GetValueOrDefault(k)));
        return new Year<TKey>(runs, Totals(yearEnd.Entries, e => e.Municipality.Municipality!.Value), modelYearEnd, InvoiceTotals(yearEnd.Invoices), yearEnd.Statement is not null);
    }

    private static Dictionary<TKey, long> Totals<TKey>(IEnumerable<Entry> entries, Func<Entry, TKey> keyOf) where TKey : notnull =>
        entries.GroupBy(keyOf).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount.Cents));

    /// <summary>The same amount for every key, a missing key counting as zero.</summary>
    private static bool SameAmounts<TKey>(Dictionary<TKey, long> program, Dictionary<TKey, long> model) where TKey : notnull =>
        program.Keys.Union(model.Keys).All(k => program.GetValueOrDefault(k) == model.GetValueOrDefault(k));

    /// <summary>
    /// A month of the cashier scheme below by DOMAIN: the € 30,000 budget is split as a whole over every municipality
    /// with pupils at the two schools (a count masked as &lt;5 valued 2) by the split rule; a participant taking part the
    /// whole year pays the monthly schedule of its part. Berg en Dal takes part from April: its part is prorated by
    /// months first, to the scheduled months April–December of its part, which it pays in nine instalments by the same
    /// rule. Arnhem does not take part and is billed nothing (its part is the gap).
    /// </summary>
    private static IReadOnlyDictionary<MunicipalityCode, long> CashierMonth(int month, SettlementInputs inputs)
    {
        var pupils = inputs.PupilCounts.GroupBy(c => c.Residence).ToDictionary(g => g.Key, g => (BigInteger)g.Sum(c => c.Count ?? 2));
        var parts = RulesModel.Split(3_000_000, pupils);
        var amounts = new Dictionary<MunicipalityCode, long>
        {
            [Nijmegen] = RulesModel.ScheduledMonth(parts[Nijmegen], month),
            [Beuningen] = RulesModel.ScheduledMonth(parts[Beuningen], month),
        };
        if (month >= 4)
        {
            var prorated = Enumerable.Range(4, 9).Sum(k => RulesModel.ScheduledMonth(parts[BergEnDal], k));
            amounts[BergEnDal] = RulesModel.Instalment(prorated, month - 3, 9);
        }
        return amounts;
    }

    /// <summary>A pupil count; half of them small, so that municipalities often weigh the same and the split has ties.</summary>
    private static int Count(Random random) => random.Next(1, random.Next(2) == 0 ? 4 : 200);

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
            new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw"))
        {
            Participation = new Dictionary<MunicipalityCode, Participation> { [BergEnDal] = new(FromYear: 2026, FromMonth: 4) },
        };
        return new Scheme("groningen-saw", "School als Wijk", 2019, terms);
    }
}
