using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Schemes;

namespace Beschikbaarheid.Data.Tests.Schemes;

/// <summary>The lead flow's optional <c>nonParticipants</c>: spread by default, lead or invoice; anything else refused naming the key.</summary>
public sealed class LeadNonParticipantsSchemeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-schemes-").FullName;

    private const string Scheme = """
        { "id": "ijmond", "name": "Onderwijszorgklassen", "startYear": 2026,
          "schools": ["45AA00"], "participants": ["GM0453", "GM0375"],
          "pool": { "type": "drawing-rights", "directHoursPerFte": 28, "categories": { "JZ": { "costPerFte": 80000.00 } }, "fixedFte": { "45AA00": { "JZ": 1.0 } } },
          "key": { "type": "pupils" },
          "flow": { "type": "lead", "lead": "GM0453" },
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Scheme Load(string json)
    {
        File.WriteAllText(Path.Combine(_folder, "ijmond.json"), json);
        return new SchemeFileLoader(_folder).Load("ijmond");
    }

    private static string WithMode(string value) =>
        Scheme.Replace("\"lead\": \"GM0453\" }", $"\"lead\": \"GM0453\", \"nonParticipants\": {value} }}", StringComparison.Ordinal);

    [Fact]
    public void Default_IsSpread() =>
        Assert.Equal(LeadNonParticipants.Spread, ((LeadFlow)Load(Scheme).TermsFor(2026).Flow).NonParticipants);

    [Theory]
    [InlineData("spread", LeadNonParticipants.Spread)]
    [InlineData("lead", LeadNonParticipants.Lead)]
    [InlineData("invoice", LeadNonParticipants.Invoice)]
    public void EachMode_IsRead(string text, LeadNonParticipants mode) =>
        Assert.Equal(mode, ((LeadFlow)Load(WithMode($"\"{text}\"")).TermsFor(2026).Flow).NonParticipants);

    [Fact]
    public void UnknownValue_IsRefused_NamingTheKey()
    {
        var error = Assert.Throws<SchemeFileException>(() => Load(WithMode("\"gap\"")));
        Assert.Contains("key 'flow.nonParticipants': unknown 'gap' (known: spread, lead, invoice)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnAFlowWithoutIt_TheKeyIsRefused()
    {
        var none = Scheme.Replace("{ \"type\": \"lead\", \"lead\": \"GM0453\" }", "{ \"type\": \"none\", \"nonParticipants\": \"lead\" }", StringComparison.Ordinal);
        var error = Assert.Throws<SchemeFileException>(() => Load(none));
        Assert.Contains("key 'flow.nonParticipants': unknown key (known: type, balanceThresholdPct)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APerChildLeadScheme_AcceptsTheKey_AndIgnoresIt()
    {
        var perChild = WithMode("\"invoice\"")
            .Replace("""{ "type": "drawing-rights", "directHoursPerFte": 28, "categories": { "JZ": { "costPerFte": 80000.00 } }, "fixedFte": { "45AA00": { "JZ": 1.0 } } }""",
                """{ "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "hourlyRate": 62.50, "schoolWeeks": 40 }""", StringComparison.Ordinal)
            .Replace("\"type\": \"pupils\"", "\"type\": \"children\"", StringComparison.Ordinal);
        Assert.Equal(LeadNonParticipants.Invoice, ((LeadFlow)Load(perChild).TermsFor(2026).Flow).NonParticipants);
    }
}
