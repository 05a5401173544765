using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Schemes;

namespace Beschikbaarheid.Data.Tests.Schemes;

public sealed class CashierSchemeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-schemes-").FullName;

    /// <summary>The scheme file of the cashier issue, verbatim.</summary>
    private const string IssueExample = """
        { "id": "groningen-saw", "name": "School als Wijk", "startYear": 2019,
          "schools": ["25XX00", "25XX01"], "participants": ["GM0014", "GM1966", "GM1969"],
          "participation": { "GM1979": { "fromYear": 2021 }, "GM0037": { "untilYear": 2026 } },
          "pool": { "type": "fixed-budget", "amounts": { "2026": 2400000.00, "2027": 2500000.00 },
                    "hosts": { "by": "fte", "fte": { "25XX00": 9.0, "25XX01": 2.5 } } },
          "key": { "type": "pupils", "maskedCountValue": 2 },
          "flow": { "type": "cashier", "cashier": "GM0014", "nonParticipants": "gap",
                    "gapFunds": [ { "name": "VSV-middelen", "amount": 270000.00 } ] },
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw: kostendeling tussen gemeenten" } }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Scheme Load(string json)
    {
        File.WriteAllText(Path.Combine(_folder, "groningen-saw.json"), json);
        return new SchemeFileLoader(_folder).Load("groningen-saw");
    }

    private string Rejected(string json) => Assert.Throws<SchemeFileException>(() => Load(json)).Message;

    private static SchoolLocationId Location(string text) => SchoolLocationId.TryParse(text, out var id) ? id : throw new FormatException(text);

    private static string Replace(string from, string to) => IssueExample.Replace(from, to, StringComparison.Ordinal);

    [Fact]
    public void IssueExample_Loads_WithPoolFlowAndParticipation()
    {
        var scheme = Load(IssueExample);
        var terms = scheme.TermsFor(2026);
        var pool = Assert.IsType<FixedBudgetPool>(terms.Pool);
        Assert.Equal(Money.FromEuros(2_400_000m), pool.BudgetFor(2026));
        Assert.Equal(Money.FromEuros(2_500_000m), pool.BudgetFor(2027));
        Assert.Equal(9.0m, Assert.IsType<HostsByFte>(pool.Hosts).Fte[Location("25XX00")]);
        var flow = Assert.IsType<CashierFlow>(terms.Flow);
        Assert.Equal((MunicipalityCode.Parse("GM0014"), NonParticipants.Gap), (flow.Cashier, flow.NonParticipants));
        Assert.Equal([new GapFund("VSV-middelen", Money.FromEuros(270_000m))], flow.GapFunds);
        // Eemsdelta from 2021; Stadskanaal through 2026; both count as participants in the years they take part.
        Assert.Contains(MunicipalityCode.Parse("GM1979"), terms.Participants);
        Assert.DoesNotContain(MunicipalityCode.Parse("GM1979"), scheme.TermsFor(2020).Participants);
        Assert.Contains(MunicipalityCode.Parse("GM0037"), terms.Participants);
        Assert.DoesNotContain(MunicipalityCode.Parse("GM0037"), scheme.TermsFor(2027).Participants);
    }

    [Fact]
    public void HostsByAmounts_AndSpread_Load()
    {
        var scheme = Load(Replace("""{ "by": "fte", "fte": { "25XX00": 9.0, "25XX01": 2.5 } }""", """{ "by": "amounts", "amounts": { "25XX00": 1800000.00, "25XX01": 600000.00 } }""")
            .Replace("""{ "2026": 2400000.00, "2027": 2500000.00 }""", """{ "2026": 2400000.00 }""", StringComparison.Ordinal)
            .Replace("\"gap\",", "\"spread\",", StringComparison.Ordinal)
            .Replace("""[ { "name": "VSV-middelen", "amount": 270000.00 } ]""", "[]", StringComparison.Ordinal));
        var hosts = Assert.IsType<HostsByAmounts>(((FixedBudgetPool)scheme.TermsFor(2026).Pool).Hosts);
        Assert.Equal(Money.FromEuros(600_000m), hosts.Amounts[Location("25XX01")]);
        Assert.Equal(NonParticipants.Spread, ((CashierFlow)scheme.TermsFor(2026).Flow).NonParticipants);
    }

    [Fact]
    public void FixedAmountsPerLocation_ThatDoNotAddUpToTheBudget_AreRefused_NamingTheYear()
    {
        // 1,800,000 + 600,000 = 2,400,000: right for 2026, not for 2027's 2,500,000.
        var message = Rejected(Replace("""{ "by": "fte", "fte": { "25XX00": 9.0, "25XX01": 2.5 } }""", """{ "by": "amounts", "amounts": { "25XX00": 1800000.00, "25XX01": 600000.00 } }"""));
        Assert.Contains("key 'pool.hosts.amounts': the amounts per location add up to € 2400000.00, not the budget of 2027 (€ 2500000.00)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("budget of 2026", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHostThatIsNotOneOfTheSchemesSchools_IsRefused()
    {
        var message = Rejected(Replace("\"25XX01\": 2.5", "\"25XX02\": 2.5"));
        Assert.Contains("key 'pool.hosts.fte.25XX02': 25XX02 is not one of the scheme's schools", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACashierThatIsNotAParticipant_IsRefused()
    {
        var message = Rejected(Replace("\"cashier\": \"GM0014\"", "\"cashier\": \"GM0106\""));
        Assert.Contains("key 'flow.cashier': GM0106 is not one of the participants", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AParticipationThatEndsBeforeItStarts_IsRefused()
    {
        var message = Rejected(Replace("\"GM0037\": { \"untilYear\": 2026 }", "\"GM0037\": { \"fromYear\": 2027, \"untilYear\": 2026 }"));
        Assert.Contains("key 'participation.GM0037': ends before it starts", message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNonParticipantsSetting_AndAFundWithoutAmount_AreRefused_NamingTheKeys()
    {
        var message = Rejected(Replace("\"nonParticipants\": \"gap\"", "\"nonParticipants\": \"ignore\"").Replace(", \"amount\": 270000.00", "", StringComparison.Ordinal));
        Assert.Contains("key 'flow.nonParticipants': unknown 'ignore' (known: gap, spread)", message, StringComparison.Ordinal);
        Assert.Contains("key 'flow.gapFunds[0].amount': missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFixedBudgetWithALeadFlow_IsRefused()
    {
        var message = Rejected(Replace("""{ "type": "cashier", "cashier": "GM0014", "nonParticipants": "gap",""", """{ "type": "lead", "lead": "GM0014", "x": "gap","""));
        Assert.Contains("keys 'pool.type', 'key.type' and 'flow.type': a fixed-budget pool with the pupils key and the lead flow is not supported", message, StringComparison.Ordinal);
        Assert.Contains("key 'flow.x': unknown key (known: type, lead, nonParticipants, recipient)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void PaymentDay_DefaultsToThe15th_AndIsReadWhenGiven()
    {
        Assert.Equal(15, ((CashierFlow)Load(IssueExample).TermsFor(2026).Flow).PaymentDay);
        Assert.Equal(28, ((CashierFlow)Load(Replace("\"nonParticipants\": \"gap\",", "\"nonParticipants\": \"gap\", \"paymentDay\": 28,")).TermsFor(2026).Flow).PaymentDay);
    }

    [Theory]
    [InlineData("0", "key 'flow.paymentDay': 0 is not a day 1–28")]
    [InlineData("29", "key 'flow.paymentDay': 29 is not a day 1–28")]
    [InlineData("\"15\"", "key 'flow.paymentDay': must be a whole number")]
    public void PaymentDay_ThatIsNotADayEveryMonthHas_IsRefused_NamingTheKey(string value, string message)
    {
        Assert.Contains(message, Rejected(Replace("\"nonParticipants\": \"gap\",", $"\"nonParticipants\": \"gap\", \"paymentDay\": {value},")), StringComparison.Ordinal);
    }

    [Fact]
    public void Agreement_AndDebtorReferences_Load()
    {
        var scheme = Load(Replace("\"startYear\": 2019,", "\"startYear\": 2019, \"agreement\": \"Convenant School als Wijk, 1 januari 2019\",")
            .Replace("\"vatStatement\": \"Geen btw: kostendeling tussen gemeenten\" }", "\"vatStatement\": \"Geen btw: kostendeling tussen gemeenten\", \"debtorReferences\": { \"GM1966\": \"PO-2026-118\" } }", StringComparison.Ordinal));
        Assert.Equal("Convenant School als Wijk, 1 januari 2019", scheme.Agreement);
        Assert.Equal("PO-2026-118", scheme.TermsFor(2026).Invoice.DebtorReferences[MunicipalityCode.Parse("GM1966")]);
        Assert.Null(Load(IssueExample).Agreement);
    }

    [Theory]
    [InlineData("{ \"GM9999\": \"PO-1\" }", "key 'invoice.debtorReferences.GM9999': is not a participant of the scheme")]
    [InlineData("{ \"GM1966\": \"\" }", "key 'invoice.debtorReferences.GM1966': must be a non-empty string")]
    [InlineData("{ \"GM1966\": 118 }", "key 'invoice.debtorReferences.GM1966': must be a non-empty string")]
    [InlineData("[]", "key 'invoice.debtorReferences': must be an object")]
    public void BadDebtorReferences_AreRefused_NamingTheKey(string references, string message)
    {
        var json = Replace("\"vatStatement\": \"Geen btw: kostendeling tussen gemeenten\" }", $"\"vatStatement\": \"Geen btw: kostendeling tussen gemeenten\", \"debtorReferences\": {references} }}");
        Assert.Contains(message, Rejected(json), StringComparison.Ordinal);
    }
}
