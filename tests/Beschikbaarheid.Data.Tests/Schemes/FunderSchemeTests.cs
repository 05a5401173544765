using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Schemes;

namespace Beschikbaarheid.Data.Tests.Schemes;

/// <summary>The funder flow, contributions in kind and reach as the scheme file gives them ('s-Hertogenbosch, WIsH).</summary>
public sealed class FunderSchemeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-schemes-").FullName;

    private const string Example = """
        { "id": "wish", "name": "WIsH", "startYear": 2026,
          "schools": ["06AA00", "06BB00"], "participants": ["GM0796"],
          "pool": { "type": "fixed-budget", "amounts": { "2026": 80000.00 } },
          "key": { "type": "pupils" },
          "flow": { "type": "funder", "funder": "GM0796" },
          "inKind": { "41234": { "hours": 120, "hourlyValue": 55.00 } },
          "reach": { "grade": 6 },
          "years": { "2027": { "inKind": { "41234": { "hours": 100 }, "50000": { "hours": 40, "hourlyValue": 60.00 } } } },
          "invoice": { "iban": "NL91ABNA0417164300", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Scheme Load(string json)
    {
        File.WriteAllText(Path.Combine(_folder, "wish.json"), json);
        return new SchemeFileLoader(_folder).Load("wish");
    }

    private string Rejected(string json) => Assert.Throws<SchemeFileException>(() => Load(json)).Message;

    private static string Replace(string from, string to) => Example.Replace(from, to, StringComparison.Ordinal);

    [Fact]
    public void AFunderScheme_Loads_WithoutHosts_WithInKindPerYear_AndReach()
    {
        var scheme = Load(Example);
        var terms = scheme.TermsFor(2026);
        Assert.Equal(MunicipalityCode.Parse("GM0796"), Assert.IsType<FunderFlow>(terms.Flow).Funder);
        Assert.IsType<NoHosts>(Assert.IsType<FixedBudgetPool>(terms.Pool).Hosts);
        Assert.Equal(new InKindContribution(120m, 55.00m), Assert.Single(terms.InKind).Value);
        Assert.Equal(new Reach(6), terms.Reach);
        // 2027 changes board 41234's hours only (its hourly value stays 55.00) and adds board 50000.
        var next = scheme.TermsFor(2027).InKind;
        Assert.Equal(new InKindContribution(100m, 55.00m), next["41234"]);
        Assert.Equal(new InKindContribution(40m, 60.00m), next["50000"]);
    }

    [Fact]
    public void AFunderThatIsNotAParticipant_IsRefused() =>
        Assert.Contains("key 'flow.funder': GM0263 is not one of the participants",
            Rejected(Replace("\"funder\": \"GM0796\"", "\"funder\": \"GM0263\"")), StringComparison.Ordinal);

    [Fact]
    public void UnknownKeys_InTheFlowInKindAndReach_AreRefusedByTheTable()
    {
        var message = Rejected(Replace("\"funder\": \"GM0796\" }", "\"funder\": \"GM0796\", \"lead\": \"GM0796\" }")
            .Replace("\"hourlyValue\": 55.00 }", "\"hourlyValue\": 55.00, \"rate\": 1 }", StringComparison.Ordinal)
            .Replace("\"grade\": 6 }", "\"grade\": 6, \"age\": 11 }", StringComparison.Ordinal));
        Assert.Contains("key 'flow.lead': unknown key (known: type, funder)", message, StringComparison.Ordinal);
        Assert.Contains("key 'inKind.41234.rate': unknown key (known: hours, hourlyValue)", message, StringComparison.Ordinal);
        Assert.Contains("key 'reach.age': unknown key (known: grade)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFixedBudgetUnderACashier_StillNeedsItsHosts() =>
        Assert.Contains("key 'pool.hosts': missing",
            Rejected(Replace("{ \"type\": \"funder\", \"funder\": \"GM0796\" }", "{ \"type\": \"cashier\", \"cashier\": \"GM0796\" }")), StringComparison.Ordinal);

    [Fact]
    public void AFunderOfAPerChildPool_IsRefusedByTheTable() =>
        Assert.Contains("a per-child pool with the children key and the funder flow is not supported",
            Rejected(Replace("{ \"type\": \"fixed-budget\", \"amounts\": { \"2026\": 80000.00 } }",
                    "{ \"type\": \"per-child\", \"thresholdHoursPerWeek\": 8, \"normHoursPerWeek\": 4, \"hourlyRate\": 60, \"schoolWeeks\": 40 }")
                .Replace("{ \"type\": \"pupils\" }", "{ \"type\": \"children\" }", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void InKind_ThatIsNotABoardNumberOrNotPositive_IsRefused()
    {
        var message = Rejected(Replace("\"41234\": { \"hours\": 120, \"hourlyValue\": 55.00 }", "\"Bestuur\": { \"hours\": 1, \"hourlyValue\": 1 }, \"41235\": { \"hours\": 0, \"hourlyValue\": 55.001 }"));
        Assert.Contains("key 'inKind.Bestuur': is not a school board number (digits)", message, StringComparison.Ordinal);
        Assert.Contains("key 'inKind.41235.hours': must be greater than zero", message, StringComparison.Ordinal);
        Assert.Contains("key 'inKind.41235.hourlyValue': must be in whole cents", message, StringComparison.Ordinal);
    }
}
