using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Schemes;

namespace Beschikbaarheid.Data.Tests.Schemes;

/// <summary>The loader reads an estimate pool, its key and the lead's optional recipient, and refuses what does not fit (issue 13).</summary>
public sealed class EstimateSchemeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-estimate-").FullName;

    private const string Tilburg = """
        { "id": "tilburg-leijpark", "name": "Onderwijscentrum Leijpark", "startYear": 2027,
          "schools": ["04LP00"], "participants": ["GM0855", "GM0824", "GM0785"],
          "pool": { "type": "estimate", "hourlyRate": 62.50, "schoolWeeks": 40 },
          "key": { "type": "estimate" },
          "flow": { "type": "lead", "lead": "GM0855", "recipient": { "board": "41234", "name": "Stichting Leijpark", "iban": "nl91 abna 0417 1643 00" } },
          "invoice": { "iban": "NL02ABNA0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Scheme Load(string json)
    {
        File.WriteAllText(Path.Combine(_folder, "tilburg-leijpark.json"), json);
        return new SchemeFileLoader(_folder).Load("tilburg-leijpark");
    }

    private string Rejected(string json) => Assert.Throws<SchemeFileException>(() => Load(json)).Message;

    [Fact]
    public void AnEstimateScheme_Loads_WithTheRecipientsIbanInItsElectronicForm()
    {
        var terms = Load(Tilburg).TermsFor(2027);
        Assert.Equal(new EstimatePool(62.50m, 40), terms.Pool);
        Assert.IsType<EstimateKey>(terms.Key);
        var flow = Assert.IsType<LeadFlow>(terms.Flow);
        Assert.Equal(MunicipalityCode.Parse("GM0855"), flow.Lead);
        Assert.Equal(new SubsidyRecipient("41234", "Stichting Leijpark", "NL91ABNA0417164300"), flow.Recipient);
    }

    [Fact]
    public void TheRecipient_IsOptional()
    {
        var flow = Assert.IsType<LeadFlow>(Load(Tilburg.Replace(
            """, "recipient": { "board": "41234", "name": "Stichting Leijpark", "iban": "nl91 abna 0417 1643 00" }""", "", StringComparison.Ordinal)).TermsFor(2027).Flow);
        Assert.Null(flow.Recipient);
    }

    [Fact]
    public void ABadRecipient_IsRefused_EveryKeyNamed()
    {
        var message = Rejected(Tilburg.Replace("\"board\": \"41234\"", "\"board\": \"4123\", \"bank\": \"x\"", StringComparison.Ordinal)
            .Replace("nl91 abna 0417 1643 00", "NL00ABNA0417164300", StringComparison.Ordinal));
        Assert.Contains("key 'flow.recipient.bank': unknown key (known: board, name, iban)", message, StringComparison.Ordinal);
        Assert.Contains("key 'flow.recipient.board': '4123' is not a school board number (5 digits)", message, StringComparison.Ordinal);
        Assert.Contains("key 'flow.recipient.iban': 'NL00ABNA0417164300' is not a valid IBAN", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEstimatePool_UnderAnotherKeyOrFlow_IsRefusedByTheTable()
    {
        var message = Rejected(Tilburg.Replace("\"key\": { \"type\": \"estimate\" }", "\"key\": { \"type\": \"children\" }", StringComparison.Ordinal));
        Assert.Contains("a estimate pool with the children key and the lead flow is not supported", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecipient_OnAnotherPool_IsRefused()
    {
        var message = Rejected(Tilburg
            .Replace("\"pool\": { \"type\": \"estimate\", \"hourlyRate\": 62.50, \"schoolWeeks\": 40 }",
                "\"pool\": { \"type\": \"per-child\", \"thresholdHoursPerWeek\": 12, \"normHoursPerWeek\": 5, \"hourlyRate\": 62.50, \"schoolWeeks\": 40 }", StringComparison.Ordinal)
            .Replace("\"key\": { \"type\": \"estimate\" }", "\"key\": { \"type\": \"children\" }", StringComparison.Ordinal));
        Assert.Contains("key 'flow.recipient': only an estimate pool pays its subsidy to a school board", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEstimatePool_NeedsItsRateAndWeeks()
    {
        var message = Rejected(Tilburg.Replace("\"hourlyRate\": 62.50, \"schoolWeeks\": 40", "\"schoolWeeks\": 60", StringComparison.Ordinal));
        Assert.Contains("key 'pool.hourlyRate'", message, StringComparison.Ordinal);
        Assert.Contains("key 'pool.schoolWeeks': must be between 1 and 53", message, StringComparison.Ordinal);
    }
}
