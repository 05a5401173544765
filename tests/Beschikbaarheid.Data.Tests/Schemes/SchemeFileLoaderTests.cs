using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Schemes;

namespace Beschikbaarheid.Data.Tests.Schemes;

public sealed class SchemeFileLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-schemes-").FullName;

    /// <summary>The example of the walking-skeleton issue, verbatim.</summary>
    private const string IssueExample = """
        { "id": "nijmegen-st-maarten", "name": "Zorg in onderwijstijd St. Maartenschool", "startYear": 2019,
          "schools": ["30AB00"], "participants": ["GM0268", "GM0209"],
          "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "hourlyRate": 62.50, "schoolWeeks": 40 },
          "key": { "type": "children" },
          "flow": { "type": "lead", "lead": "GM0268" },
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw: kostendeling tussen gemeenten" },
          "years": { "2027": { "pool": { "normHoursPerWeek": 6 } } } }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Scheme Load(string json, string id = "nijmegen-st-maarten")
    {
        File.WriteAllText(Path.Combine(_folder, id + ".json"), json);
        return new SchemeFileLoader(_folder).Load(id);
    }

    private SchemeFileException Rejected(string json) => Assert.Throws<SchemeFileException>(() => Load(json));

    [Fact]
    public void IssueExample_Loads()
    {
        var scheme = Load(IssueExample);
        var terms = scheme.TermsFor(2026);
        Assert.Equal(("nijmegen-st-maarten", 2019), (scheme.Id, scheme.StartYear));
        Assert.Equal(new PerChildPool(12m, 5.5m, 62.50m, 40), terms.Pool);
        Assert.Equal(new LeadFlow(MunicipalityCode.Parse("GM0268")), terms.Flow);
        Assert.Equal(2, terms.Participants.Count);
        Assert.Equal("Geen btw: kostendeling tussen gemeenten", terms.Invoice.VatStatement);
    }

    [Fact]
    public void YearsSection_ChangesParametersFromThatYearOn()
    {
        var scheme = Load(IssueExample);
        Assert.Equal(5.5m, ((PerChildPool)scheme.TermsFor(2026).Pool).NormHoursPerWeek);
        Assert.Equal(6m, ((PerChildPool)scheme.TermsFor(2027).Pool).NormHoursPerWeek);
        Assert.Equal(6m, ((PerChildPool)scheme.TermsFor(2031).Pool).NormHoursPerWeek);
        // Everything not overridden stays: the hourly rate of 2027 is the base one.
        Assert.Equal(62.50m, ((PerChildPool)scheme.TermsFor(2027).Pool).HourlyRate);
    }

    [Fact]
    public void UnknownType_NamesTheFileAndTheKey()
    {
        var error = Rejected(IssueExample.Replace("\"type\": \"per-child\"", "\"type\": \"per-kind\"", StringComparison.Ordinal));
        Assert.EndsWith("nijmegen-st-maarten.json", error.File, StringComparison.Ordinal);
        Assert.Contains("key 'pool.type': unknown pool type 'per-kind'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingParameter_NamesTheKey()
    {
        var error = Rejected(IssueExample.Replace("\"hourlyRate\": 62.50, ", "", StringComparison.Ordinal));
        Assert.Contains("key 'pool.hourlyRate': missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadOverride_IsRefusedWhenTheFileIsRead_NamingTheYear()
    {
        var error = Rejected(IssueExample.Replace("\"normHoursPerWeek\": 6", "\"normHoursPerWeek\": -6", StringComparison.Ordinal));
        Assert.Contains("years.2027 → key 'pool.normHoursPerWeek': must be greater than zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LeadOutsideTheParticipants_IsRefused()
    {
        var error = Rejected(IssueExample.Replace("\"lead\": \"GM0268\"", "\"lead\": \"GM0202\"", StringComparison.Ordinal));
        Assert.Contains("key 'flow.lead': GM0202 is not one of the participants", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedCodes_AreRefused()
    {
        var error = Rejected(IssueExample.Replace("[\"30AB00\"]", "[\"30AB0\"]", StringComparison.Ordinal).Replace("\"GM0209\"]", "\"0209\"]", StringComparison.Ordinal));
        Assert.Contains("key 'schools': '30AB0' is not a school location", error.Message, StringComparison.Ordinal);
        Assert.Contains("key 'participants': '0209' is not a municipality code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountingDate_DefaultsToTheFirstOfOctober_AndCanBeNamed()
    {
        Assert.Equal(new CountingDate(10, 1), Load(IssueExample).CountingDate);
        Assert.Equal(new CountingDate(9, 15), Load(IssueExample.Replace("\"startYear\": 2019,", "\"startYear\": 2019, \"countingDate\": \"09-15\",", StringComparison.Ordinal)).CountingDate);
        Assert.Contains("key 'countingDate': '13-01' is not a month and day",
            Rejected(IssueExample.Replace("\"startYear\": 2019,", "\"startYear\": 2019, \"countingDate\": \"13-01\",", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NL00BANK0123456789", "it fails the check digits (mod 97)")] // the old demo value
    [InlineData("hello", "it does not start with a country code and two check digits")]
    [InlineData("NL12BANK012345678", "it has 17 characters, but an IBAN of NL has 18")]
    [InlineData("XX12BANK0123456789", "it has an unknown country code XX")]
    public void BadIban_IsRefused_NamingTheFileAndTheKey(string iban, string reason)
    {
        var error = Rejected(IssueExample.Replace("NL12BANK0123456789", iban, StringComparison.Ordinal));
        Assert.EndsWith("nijmegen-st-maarten.json", error.File, StringComparison.Ordinal);
        Assert.Contains($"key 'invoice.iban': '{iban}' is not a valid IBAN: {reason}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Iban_IsKeptInItsElectronicForm() =>
        // The printed form with spaces and lower case is accepted and stored without spaces, upper case.
        Assert.Equal("NL12BANK0123456789",
            Load(IssueExample.Replace("NL12BANK0123456789", "nl12 bank 0123 4567 89", StringComparison.Ordinal)).TermsFor(2026).Invoice.Iban);

    [Fact]
    public void UnknownScheme_SaysSo() =>
        Assert.Contains("no scheme 'elders'", Assert.Throws<SchemeFileException>(() => new SchemeFileLoader(_folder).Load("elders")).Message, StringComparison.Ordinal);
}
