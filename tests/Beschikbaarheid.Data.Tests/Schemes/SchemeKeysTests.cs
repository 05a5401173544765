using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Schemes;

namespace Beschikbaarheid.Data.Tests.Schemes;

/// <summary>Unknown keys and unsupported combinations are refused when the file is read, each named with its key, all at once.</summary>
public sealed class SchemeKeysTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-schemes-").FullName;

    private const string Valid = """
        { "id": "nijmegen-st-maarten", "name": "Zorg in onderwijstijd St. Maartenschool", "startYear": 2019,
          "schools": ["30AB00"], "participants": ["GM0268", "GM0209"],
          "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "hourlyRate": 62.50, "schoolWeeks": 40 },
          "key": { "type": "children" },
          "flow": { "type": "lead", "lead": "GM0268" },
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw: kostendeling tussen gemeenten" },
          "years": { "2027": { "pool": { "normHoursPerWeek": 6 } } } }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Scheme Load(string json)
    {
        File.WriteAllText(Path.Combine(_folder, "nijmegen-st-maarten.json"), json);
        return new SchemeFileLoader(_folder).Load("nijmegen-st-maarten");
    }

    private SchemeFileException Rejected(string json) => Assert.Throws<SchemeFileException>(() => Load(json));

    private static string Edit(string from, string to)
    {
        Assert.Contains(from, Valid, StringComparison.Ordinal);
        return Valid.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void TheValidFile_Loads() => Assert.Equal(["pool.normHoursPerWeek = 6"], Load(Valid).YearChanges[2027]);

    [Fact]
    public void Approval_IsOffByDefault_OnWithTrue_AndAnythingButABooleanIsRefused()
    {
        Assert.False(Load(Valid).Approval);
        Assert.True(Load(Edit("\"startYear\": 2019,", "\"startYear\": 2019, \"approval\": true,")).Approval);
        var error = Rejected(Edit("\"startYear\": 2019,", "\"startYear\": 2019, \"approval\": \"yes\","));
        Assert.Contains("key 'approval': must be true or false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTopLevelKey_IsRefused_NamingFileAndKey()
    {
        var error = Rejected(Edit("\"startYear\": 2019,", "\"startYear\": 2019, \"startMonth\": 1,"));
        Assert.EndsWith("nijmegen-st-maarten.json", error.File, StringComparison.Ordinal);
        Assert.Contains(
            "key 'startMonth': unknown key (known: id, name, startYear, schools, participants, pool, key, flow, invoice, agreement, approval, countingDate, participation, years, inKind, reach, funders)",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPoolKey_IsRefused_NamingTheKeyAndThoseOfItsType()
    {
        var error = Rejected(Edit("\"normHoursPerWeek\": 5.5", "\"normHoursPerWeekk\": 5.5"));
        Assert.Contains("key 'pool.normHoursPerWeekk': unknown key (known: type, thresholdHoursPerWeek, normHoursPerWeek, hourlyRate, schoolWeeks)", error.Message, StringComparison.Ordinal);
        // The key it was meant to be is then missing, and said so too.
        Assert.Contains("key 'pool.normHoursPerWeek': missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownInvoiceKey_IsRefused()
    {
        var error = Rejected(Edit("\"paymentTermDays\": 30,", "\"paymentTermDays\": 30, \"paymentTerm\": 14,"));
        Assert.Contains("key 'invoice.paymentTerm': unknown key (known: iban, paymentTermDays, vatStatement, debtorReferences)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeysInAYear_AreRefused_NamingTheYear()
    {
        var error = Rejected(Edit("{ \"pool\": { \"normHoursPerWeek\": 6 } }", "{ \"pool\": { \"normHoursPerWeekk\": 6 }, \"name\": \"Nieuw\", \"budget\": 1 }"));
        Assert.EndsWith("nijmegen-st-maarten.json", error.File, StringComparison.Ordinal);
        Assert.Contains("key 'years.2027.pool.normHoursPerWeekk': unknown key (known: type, thresholdHoursPerWeek, normHoursPerWeek, hourlyRate, schoolWeeks)", error.Message, StringComparison.Ordinal);
        Assert.Contains("key 'years.2027.name': cannot change from a year on (changeable: schools, participants, participation, pool, key, flow, invoice, inKind, reach, funders)", error.Message, StringComparison.Ordinal);
        Assert.Contains("key 'years.2027.budget': unknown key (known: schools, participants, participation, pool, key, flow, invoice, inKind, reach, funders)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeysInEntries_AreRefused()
    {
        var error = Rejected(Edit("\"participants\": [\"GM0268\", \"GM0209\"],", "\"participants\": [\"GM0268\", \"GM0209\"], \"participation\": { \"GM0209\": { \"fromYear\": 2020, \"tot\": 2021 } },"));
        Assert.Contains("key 'participation.GM0209.tot': unknown key (known: fromYear, fromMonth, untilYear, untilMonth)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PerChildPoolWithPupilsKey_IsRefusedAtLoad_NamingTheKeys()
    {
        var error = Rejected(Edit("\"key\": { \"type\": \"children\" }", "\"key\": { \"type\": \"pupils\" }"));
        Assert.Contains(
            "keys 'pool.type', 'key.type' and 'flow.type': a per-child pool with the pupils key and the lead flow is not supported (supported: per-child × children × lead or none;",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnsupportedCombinationFromAYearOn_IsRefused_NamingTheYear()
    {
        var error = Rejected(Edit("{ \"pool\": { \"normHoursPerWeek\": 6 } }", "{ \"key\": { \"type\": \"pupils\" } }"));
        Assert.Contains("years.2027 → keys 'pool.type', 'key.type' and 'flow.type': a per-child pool with the pupils key and the lead flow is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralErrors_AreReportedInOneMessage()
    {
        var json = Edit("\"key\": { \"type\": \"children\" }", "\"key\": { \"type\": \"pupils\" }")
            .Replace("\"vatStatement\"", "\"vat\": 1, \"vatStatement\"", StringComparison.Ordinal)
            .Replace("\"schoolWeeks\": 40", "\"schoolWeeks\": 60", StringComparison.Ordinal);
        var error = Rejected(json);
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains("key 'invoice.vat': unknown key", error.Message, StringComparison.Ordinal);
        Assert.Contains("key 'pool.schoolWeeks': must be between 1 and 53", error.Message, StringComparison.Ordinal);
        Assert.Contains("keys 'pool.type', 'key.type' and 'flow.type': a per-child pool with the pupils key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APoolWhoseTypeChangesInAYear_IsReplaced_NotMergedWithTheOldType()
    {
        var scheme = Load(Edit("{ \"pool\": { \"normHoursPerWeek\": 6 } }",
            "{ \"pool\": { \"type\": \"drawing-rights\", \"directHoursPerFte\": 28, \"categories\": { \"JZ\": { \"costPerFte\": 80000.00 } } } }"));
        Assert.IsType<PerChildPool>(scheme.TermsFor(2026).Pool);
        Assert.IsType<DrawingRightsPool>(scheme.TermsFor(2027).Pool);
    }

    [Fact]
    public void EveryDemoScheme_Loads()
    {
        var folder = Path.Combine(RepositoryRoot, "config", "schemes");
        var schemes = new SchemeFileLoader(folder).LoadAll();
        Assert.Equal(Directory.GetFiles(folder, "*.json").Length, schemes.Count);
    }

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Beschikbaarheid.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Beschikbaarheid.sln not found above the test output folder.");
        }
    }
}
