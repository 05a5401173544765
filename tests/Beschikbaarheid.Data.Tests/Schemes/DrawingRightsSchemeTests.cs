using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Schemes;

namespace Beschikbaarheid.Data.Tests.Schemes;

public sealed class DrawingRightsSchemeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-schemes-").FullName;

    /// <summary>The example of the drawing-rights issue, verbatim.</summary>
    private const string Amsterdam = """
        { "id": "amsterdam-sjso", "name": "Specialistische jeugdhulp in het speciaal onderwijs", "startYear": 2026,
          "schools": ["40AA00", "41BB00"], "participants": ["GM0363", "GM0362", "GM0437"],
          "pool": { "type": "drawing-rights", "referenceYears": 1, "directHoursPerFte": 28, "upliftPct": 0.10, "upliftYears": 2,
                    "categories": { "JZ": { "costPerFte": 80000.00 }, "GGZ": { "costPerFte": 95000.00 } },
                    "productCategories": { "45": "JZ", "54": "GGZ" },
                    "cap": 2500000.00, "fixedFte": { "41BB00": { "JZ": 2.0 } } },
          "key": { "type": "pupils", "maskedCountValue": 2 },
          "flow": { "type": "lead", "lead": "GM0363" },
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw: kostendeling tussen gemeenten" } }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Scheme Load(string json)
    {
        File.WriteAllText(Path.Combine(_folder, "amsterdam-sjso.json"), json);
        return new SchemeFileLoader(_folder).Load("amsterdam-sjso");
    }

    private string Rejected(string json) => Assert.Throws<SchemeFileException>(() => Load(json)).Message;

    [Fact]
    public void IssueExample_Loads()
    {
        var terms = Load(Amsterdam).TermsFor(2026);
        var pool = Assert.IsType<DrawingRightsPool>(terms.Pool);
        Assert.Equal((1, 28m, 0.10m, 2), (pool.ReferenceYears, pool.DirectHoursPerFte, pool.UpliftPct, pool.UpliftYears));
        Assert.Equal(new Money(8_000_000), pool.Categories["JZ"].CostPerFte);
        Assert.Equal(new Money(9_500_000), pool.Categories["GGZ"].CostPerFte);
        Assert.Equal("GGZ", pool.ProductCategories["54"]);
        Assert.Equal(new Money(250_000_000), pool.Cap);
        Assert.Equal(2.0m, pool.FixedFte[SchoolLocationId.TryParse("41BB00", out var b) ? b : default]["JZ"]);
        // The pupils key's masked value serves the growth step too.
        Assert.Equal((2m, new PupilsKey(2m)), (pool.MaskedCountValue, terms.Key));
    }

    [Fact]
    public void BlendKey_AndNoneFlow_Load()
    {
        var json = Amsterdam
            .Replace("\"key\": { \"type\": \"pupils\", \"maskedCountValue\": 2 }",
                "\"key\": { \"type\": \"blend\", \"parts\": [ { \"type\": \"pupils\", \"weight\": 0.5 }, { \"type\": \"children\", \"weight\": 0.5 } ] }", StringComparison.Ordinal)
            .Replace("\"flow\": { \"type\": \"lead\", \"lead\": \"GM0363\" }", "\"flow\": { \"type\": \"none\", \"balanceThresholdPct\": 10 }", StringComparison.Ordinal);
        var terms = Load(json).TermsFor(2026);
        var blend = Assert.IsType<BlendKey>(terms.Key);
        Assert.Equal([0.5m, 0.5m], blend.Parts.Select(p => p.Weight));
        Assert.IsType<PupilsKey>(blend.Parts[0].Key);
        Assert.IsType<ChildrenKey>(blend.Parts[1].Key);
        Assert.Equal(new NoneFlow(10m), terms.Flow);
    }

    [Theory]
    [InlineData("\"cap\": 2500000.00", "\"cap\": -1", "key 'pool.cap': must not be negative")]
    [InlineData("\"costPerFte\": 80000.00", "\"costPerFte\": -80000", "key 'pool.categories.JZ.costPerFte': must not be negative")]
    [InlineData("\"costPerFte\": 80000.00", "\"costPerFte\": 80000.005", "key 'pool.categories.JZ.costPerFte': must be in whole cents")]
    [InlineData("\"JZ\": 2.0", "\"JZ\": -2.0", "key 'pool.fixedFte.41BB00.JZ': must not be negative")]
    [InlineData("\"54\": \"GGZ\"", "\"54\": \"PSY\"", "key 'pool.productCategories.54': 'PSY' is not one of the pool's categories")]
    [InlineData("\"directHoursPerFte\": 28, ", "", "key 'pool.directHoursPerFte': missing")]
    [InlineData("\"type\": \"pupils\"", "\"type\": \"leerlingen\"", "key 'key.type': unknown key type 'leerlingen'")]
    public void BadParameters_AreRefused_NamingTheKey(string good, string bad, string message)
    {
        Assert.Contains(message, Rejected(Amsterdam.Replace(good, bad, StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
