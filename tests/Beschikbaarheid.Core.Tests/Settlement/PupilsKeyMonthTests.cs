using System.Numerics;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using FsCheck;
using FsCheck.Fluent;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>A drawing-rights pool under the pupils key, compared with the independent <see cref="RulesModel"/>.</summary>
public class PupilsKeyMonthTests
{
    private static readonly SchoolLocationId[] Schools = [SchemeBuilder.Location("50AA00"), SchemeBuilder.Location("50AA01"), SchemeBuilder.Location("51BB00")];
    private static readonly MunicipalityCode[] Municipalities = new[] { "GM0363", "GM0362", "GM0384", "GM0437", "GM0451" }.Select(MunicipalityCode.Parse).ToArray();
    private static readonly string[] Categories = ["JZ", "GGZ"];
    private static readonly DateOnly Peildatum = new(2025, 10, 1);

    /// <summary>
    /// DOMAIN "Key": each location's budget (Σ over its categories) is split by the residence of its own pupils on the
    /// Peildatum by the split rule (a count masked as &lt;5 at the scheme value 2); a municipality's annual share is the sum
    /// of its parts, and its month k is ⌊X·k/12⌋ − ⌊X·(k−1)/12⌋ of that share. Small counts make ties, which go to the
    /// lowest code; a count of an older Peildatum is ignored.
    /// </summary>
    [Fact]
    public void MonthOfAMunicipality_IsTheScheduledMonthOfTheSumOfItsLocationSplits()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var schools = Schools.Where(_ => random.Next(3) > 0).DefaultIfEmpty(Schools[0]).ToList();
            var rights = schools
                .SelectMany(s => Categories.Take(random.Next(1, 3)).Select(c => Right(s, c, random.Next(0, 5_000_000))))
                .ToList();
            var counts = new List<PupilCount>();
            foreach (var school in schools)
            {
                var residents = Municipalities.Where(_ => random.Next(2) == 0).DefaultIfEmpty(Municipalities[random.Next(Municipalities.Length)]);
                counts.AddRange(residents.Select(m => new PupilCount(Peildatum, school, m, random.Next(5) == 0 ? null : random.Next(1, random.Next(2) == 0 ? 4 : 300))));
                counts.Add(new PupilCount(new DateOnly(2024, 10, 1), school, Municipalities[random.Next(Municipalities.Length)], 1_000));
            }
            var month = random.Next(1, 13);
            var plan = MonthlySettlement.Calculate(Scheme(schools), new YearMonth(2026, month), new SettlementInputs([], rights, counts));

            var annual = new Dictionary<MunicipalityCode, long>();
            foreach (var school in schools)
            {
                var budget = rights.Where(r => r.School == school).Sum(r => r.Budget.Cents);
                var pupils = counts.Where(c => c.School == school && c.Peildatum == Peildatum)
                    .GroupBy(c => c.Residence).ToDictionary(g => g.Key, g => (BigInteger)g.Sum(c => c.Count ?? 2));
                foreach (var (municipality, part) in RulesModel.Split(budget, pupils))
                {
                    annual[municipality] = annual.GetValueOrDefault(municipality) + part;
                }
            }
            var model = annual.ToDictionary(a => a.Key, a => RulesModel.ScheduledMonth(a.Value, month));
            var program = plan.Entries.GroupBy(e => e.Municipality.Municipality!.Value).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount.Cents));
            return model.Keys.Union(program.Keys).All(m => model.GetValueOrDefault(m) == program.GetValueOrDefault(m));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    private static DrawingRight Right(SchoolLocationId school, string category, long budget) =>
        new(school, category, 0, 0, null, null, false, 1, 1, true, 1, 1m, new Money(budget));

    /// <summary>Every resident municipality takes part; the first is the lead.</summary>
    private static Scheme Scheme(IEnumerable<SchoolLocationId> schools)
    {
        var pool = new DrawingRightsPool(1, 28m, 0m, 0,
            new Dictionary<string, CareCategory> { ["JZ"] = new("JZ", Money.FromEuros(80_000m)), ["GGZ"] = new("GGZ", Money.FromEuros(90_000m)) },
            new Dictionary<string, string>(), null, new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>(), 2m);
        return new Scheme("sjso", "SJSO", 2024, new SchemeTerms(
            schools.ToHashSet(), Municipalities.ToHashSet(), pool, new PupilsKey(2m), new LeadFlow(Municipalities[0]),
            new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw")));
    }
}
