using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Schemes;

namespace Beschikbaarheid.Data.Tests.Schemes;

/// <summary>Funders that are not municipalities as the scheme file gives them (<c>funders</c>), per funding year, and their refusals.</summary>
public sealed class FundersSchemeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-schemes-").FullName;

    // Pool known from the file: 1.2 FTE × € 72,500 = € 87,000.00 and 0.8 FTE × € 72,500 = € 58,000.00, together € 145,000.00.
    private const string Example = """
        { "id": "ontschot", "name": "Ontschot budget", "startYear": 2026,
          "schools": ["50UA00", "51UB00"], "participants": ["GM0344", "GM0355"],
          "pool": { "type": "drawing-rights", "directHoursPerFte": 28, "categories": { "JZ": { "costPerFte": 72500.00 } },
                    "fixedFte": { "50UA00": { "JZ": 1.2 }, "51UB00": { "JZ": 0.8 } } },
          "key": { "type": "pupils" },
          "flow": { "type": "lead", "lead": "GM0344" },
          "funders": [
            { "id": "SWV-PO2601", "name": "SWV PO", "kind": "swv", "iban": "NL12 RABO 0026 0100 01", "address": "Postbus 2601, 3500 GA Utrecht", "share": { "percent": 22.5 } },
            { "id": "SB-60001", "name": "Stichting De Kade", "kind": "board", "iban": "NL73RABO0060001001", "address": "Kadeweg 1, 3511 AA Utrecht", "share": { "amount": 12000.00 } } ],
          "years": { "2027": { "funders": [
            { "id": "SWV-PO2601", "name": "SWV PO", "kind": "swv", "iban": "NL12RABO0026010001", "address": "Postbus 2601, 3500 GA Utrecht", "share": { "percent": 25 } } ] } },
          "invoice": { "iban": "NL85BNGH0285000344", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Scheme Load(string json)
    {
        File.WriteAllText(Path.Combine(_folder, "ontschot.json"), json);
        return new SchemeFileLoader(_folder).Load("ontschot");
    }

    private string Rejected(string json) => Assert.Throws<SchemeFileException>(() => Load(json)).Message;

    private static string Replace(string from, string to) => Example.Replace(from, to, StringComparison.Ordinal);

    [Fact]
    public void Funders_Load_PerFundingYear()
    {
        var scheme = Load(Example);

        var funders = scheme.TermsFor(2026).Funders;
        Assert.Equal(["SWV-PO2601", "SB-60001"], funders.Select(f => f.Id.Value));
        Assert.True(funders.All(f => f.Id.IsFunder));
        Assert.Equal(new FunderPercent(22.5m), funders[0].Share);
        Assert.Equal(new FunderAmount(Money.FromEuros(12_000m)), funders[1].Share);
        Assert.Equal(FunderKind.Board, funders[1].Kind);
        Assert.Equal("NL12RABO0026010001", funders[0].Iban);
        // 2027 replaces the list: the SWV alone, at 25%.
        Assert.Equal(new FunderPercent(25m), Assert.Single(scheme.TermsFor(2027).Funders).Share);
    }

    [Fact]
    public void AShareAboveThePool_IsRefused_NamingTheKeyThatTakesItOver()
    {
        // Amounts first: 140,000.00; then 22.5% of 145,000.00 = 32,625.00 brings them to 172,625.00 > 145,000.00.
        var message = Rejected(Replace("\"amount\": 12000.00", "\"amount\": 140000.00"));

        Assert.Contains("key 'funders[0].share.percent': brings the funders' shares to € 172625.00, more than the pool of € 145000.00", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAmountAloneAboveThePool_IsRefused_AlsoFromAYearOn()
    {
        // From 2027 the SWV asks 145,000.01, one cent more than the pool of 145,000.00.
        var message = Rejected(Replace("\"share\": { \"percent\": 25 }", "\"share\": { \"amount\": 145000.01 }"));

        Assert.Contains("years.2027 → key 'funders[0].share.amount': brings the funders' shares to € 145000.01, more than the pool of € 145000.00", message, StringComparison.Ordinal);
    }

    // A cashier's fixed budget, known from the file per funding year: € 12,000.00 in 2026, € 1,000.00 in 2027.
    private const string Cashier = """
        { "id": "ontschot", "name": "School als Wijk", "startYear": 2026,
          "schools": ["25XX00", "25XX01"], "participants": ["GM0014", "GM1966"],
          "pool": { "type": "fixed-budget", "amounts": { "2026": 12000.00, "2027": 1000.00 }, "hosts": { "by": "fte", "fte": { "25XX00": 9.0, "25XX01": 2.5 } } },
          "key": { "type": "pupils" },
          "flow": { "type": "cashier", "cashier": "GM0014" },
          "funders": [
            { "id": "SWV-VO2001", "name": "SWV VO", "kind": "swv", "iban": "NL12RABO0026010001", "address": "Postbus 2001, 9700 AA Groningen", "share": { "percent": 2.5 } },
            { "id": "SB-80001", "name": "Stichting Mbo Noord", "kind": "board", "iban": "NL73RABO0060001001", "address": "Noorderweg 1, 9700 AB Groningen", "share": { "amount": 900.00 } } ],
          "years": { "2027": { "funders": [] } },
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
        """;

    [Fact]
    public void FundersUnderACashier_Load_AndAreCheckedOnlyAgainstTheBudgetsOfTheYearsTheyHold()
    {
        // 2026: 900.00 + 2.5% of 12,000.00 = 300.00, together 1,200.00 ≤ 12,000.00. From 2027 the list is empty, so the
        // 2027 budget of 1,000.00 is not held against the 2026 funders' 1,200.00 − 2.5% of 12,000.00 + 2.5% of 1,000.00 = 925.00.
        var scheme = Load(Cashier);

        Assert.Equal(["SWV-VO2001", "SB-80001"], scheme.TermsFor(2026).Funders.Select(f => f.Id.Value));
        Assert.Empty(scheme.TermsFor(2027).Funders);
    }

    [Fact]
    public void AShareAboveACashiersBudget_IsRefused_NamingTheYearAndTheKeyThatTakesItOver()
    {
        // Without the 2027 change the funders hold in 2027 too: 900.00 and then 2.5% of 1,000.00 = 25.00 is 925.00 ≤ 1,000.00;
        // an amount of 980.00 brings them to 980.00 + 25.00 = 1,005.00 > 1,000.00. In 2026 980.00 + 300.00 = 1,280.00 passes.
        var message = Rejected(Cashier.Replace("\"years\": { \"2027\": { \"funders\": [] } },", "", StringComparison.Ordinal)
            .Replace("\"amount\": 900.00", "\"amount\": 980.00", StringComparison.Ordinal));

        Assert.Contains("key 'funders[0].share.percent': brings the funders' shares of 2027 to € 1005.00, more than the pool of € 1000.00 (its budget in pool.amounts)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("of 2026", message, StringComparison.Ordinal);
    }

    [Fact]
    public void PercentagesAboveTheWholePool_AreRefused()
    {
        Assert.Contains("key 'funders[0].share.percent': 101 is more than the whole pool (at most 100)",
            Rejected(Replace("\"percent\": 22.5", "\"percent\": 101")), StringComparison.Ordinal);
    }

    [Fact]
    public void AFunderIdThatIsAMunicipalityCode_IsRefused() =>
        Assert.Contains("key 'funders[1].id': 'GM0355' is a municipality code; a funder that is not a municipality needs an id of its own",
            Rejected(Replace("\"id\": \"SB-60001\"", "\"id\": \"GM0355\"")), StringComparison.Ordinal);

    [Fact]
    public void FundersUnderTheNoneFlow_AreRefused() =>
        Assert.Contains("key 'funders': funders are taken off a drawing-rights pool under the lead flow or a fixed-budget pool under the cashier flow; a drawing-rights pool with the none flow cannot have them",
            Rejected(Replace("\"type\": \"lead\", \"lead\": \"GM0344\"", "\"type\": \"none\"")), StringComparison.Ordinal);

    [Fact]
    public void AShareWithBothOrNeither_AndUnknownKeys_AreRefused()
    {
        var message = Rejected(Replace("{ \"amount\": 12000.00 }", "{ \"amount\": 12000.00, \"percent\": 5, \"euros\": 1 }"));

        Assert.Contains("key 'funders[1].share.euros': unknown key (known: amount, percent)", message, StringComparison.Ordinal);
        Assert.Contains("key 'funders[1].share': must name one of amount (euros a year) and percent (of the pool)", message, StringComparison.Ordinal);
    }
}
