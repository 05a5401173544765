using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using FsCheck;
using FsCheck.Fluent;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

/// <summary>The digest of what is settled per month and location: equal exactly when every municipality's sum there is equal.</summary>
public class SettledDigestTests
{
    private static readonly SettledPeriod January = SettledPeriod.Of(new YearMonth(2026, 1));

    private static Entry Line(MunicipalityCode municipality, SchoolLocationId school, long cents, SettlementKind kind = SettlementKind.Voorschot) =>
        new(municipality, school, January, kind, 0m, new Money(cents));

    [Fact]
    public void TheDigest_IsSha256OfEachMunicipalitysSumInCodeOrder_AsStoredByEarlierRuns()
    {
        // Stored digests are compared with recomputed ones in later runs, so the text hashed stays as it was: per municipality
        // in code order "code:cents;" of its sum. Berg en Dal −5 given first; Beuningen 100,000 + 16,781 = 116,781.
        var digest = SettledDigest.Of([Line(BergEnDal, StMaarten, -5), Line(Beuningen, StMaarten, 100_000), Line(Beuningen, StMaarten, 16_781)]);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes("GM0209:116781;GM1945:-5;")));
        Assert.Equal(expected, digest[StMaarten]);
    }

    [Fact]
    public void AnAdvanceAndItsCorrection_HaveTheDigestOfTheirSum()
    {
        // Beuningen billed 50,000 and corrected by + 5,000 is settled as 55,000: the state a recomputed 55,000 describes.
        var settled = SettledDigest.Of([Line(Beuningen, StMaarten, 50_000), Line(Beuningen, StMaarten, 5_000, SettlementKind.Correctie)]);
        var recomputed = SettledDigest.Of([Line(Beuningen, StMaarten, 55_000)]);
        Assert.Equal(recomputed[StMaarten], settled[StMaarten]);
        Assert.Empty(SettledDigest.Changed(settled, recomputed));
    }

    [Fact]
    public void TheSameTotal_SplitOtherwiseOverMunicipalities_IsAnotherDigest()
    {
        // 30,000 + 20,000 at St Maarten either way, but Beuningen and Berg en Dal carry different parts: a correction is due.
        var before = SettledDigest.Of([Line(Beuningen, StMaarten, 30_000), Line(BergEnDal, StMaarten, 20_000)]);
        var now = SettledDigest.Of([Line(Beuningen, StMaarten, 20_000), Line(BergEnDal, StMaarten, 30_000)]);
        Assert.NotEqual(before[StMaarten], now[StMaarten]);
        Assert.Equal([StMaarten], SettledDigest.Changed(before, now));
    }

    [Fact]
    public void ASumCorrectedToZero_IsLikeNothingSettled()
    {
        // Berg en Dal billed 10,000 and credited 10,000 at Meander: nothing is settled there, as for a location never billed.
        var settled = SettledDigest.Of([
            Line(Beuningen, StMaarten, 40_000),
            Line(BergEnDal, Meander, 10_000), Line(BergEnDal, Meander, -10_000, SettlementKind.Correctie)]);
        Assert.False(settled.ContainsKey(Meander));
        Assert.Empty(SettledDigest.Changed(settled, SettledDigest.Of([Line(Beuningen, StMaarten, 40_000)])));
    }

    [Fact]
    public void ALocationSettledOnOneSideOnly_HasChanged()
    {
        var before = SettledDigest.Of([Line(Beuningen, StMaarten, 40_000), Line(Beuningen, Meander, 1)]);
        var now = SettledDigest.Of([Line(Beuningen, StMaarten, 40_000), Line(Beuningen, Elsewhere, 1)]);
        Assert.Equal(new[] { Meander, Elsewhere }.Order(), SettledDigest.Changed(before, now).Order());
    }

    [Fact]
    public void EachLocationsDigest_IsThatOfItsOwnEntries_HoweverTheLocationsInterleave()
    {
        var schools = new[] { StMaarten, Meander, Elsewhere };
        var municipalities = new[] { Nijmegen, Beuningen, BergEnDal, Arnhem };
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            // Small amounts of both signs, so that a municipality's sum at a location is now and then zero.
            var entries = Enumerable.Range(0, random.Next(0, 30))
                .Select(_ => Line(municipalities[random.Next(4)], schools[random.Next(3)], random.Next(-3, 4)))
                .ToList();
            var digests = SettledDigest.Of(entries);
            return schools.All(school =>
            {
                var alone = SettledDigest.Of(entries.Where(e => e.School == school).ToList());
                return digests.TryGetValue(school, out var digest) ? alone.TryGetValue(school, out var own) && own == digest : alone.Count == 0;
            }) && digests.Keys.All(schools.Contains);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void TheDigest_IsTheTextOfEachPartysSum_InPartyOrder_FundersAfterMunicipalities()
    {
        // The text written out by the rule itself, the slow way: the parties at the location in their order (municipalities by
        // code, then funders by id), each "code:sum;" where the sum is not zero. A funder carries amounts as a municipality does.
        var parties = new PartyCode[] { Nijmegen, Beuningen, BergEnDal, Arnhem, PartyCode.Parse("SWV-PO3003"), PartyCode.Parse("Fonds_A") };
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var entries = Enumerable.Range(0, random.Next(1, 40))
                .Select(_ => new Entry(parties[random.Next(parties.Length)], StMaarten, January, SettlementKind.Voorschot, 0m, new Money(random.Next(-3, 4))))
                .ToList();
            var text = string.Concat(entries.GroupBy(e => e.Municipality).OrderBy(g => g.Key)
                .Select(g => (g.Key, Cents: g.Sum(e => e.Amount.Cents))).Where(g => g.Cents != 0)
                .Select(g => $"{g.Key.Value}:{g.Cents.ToString(System.Globalization.CultureInfo.InvariantCulture)};"));
            var digests = SettledDigest.Of(entries);
            return text.Length == 0
                ? !digests.ContainsKey(StMaarten)
                : digests[StMaarten] == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(text)));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
