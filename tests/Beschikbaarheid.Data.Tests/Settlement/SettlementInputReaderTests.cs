using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Data.Tests.Fixtures;

namespace Beschikbaarheid.Data.Tests.Settlement;

public abstract class SettlementInputReaderTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
        await Region.ImportRegistryAsync(_database);
        await new CsvImporter(_database.Connections, TimeProvider.System).ImportAsync(ImportKind.Beschikkingen, Region.Write(_database.Folder, "b.csv", Region.BeschikkingHeader + """

            IN1;cl-a;GM0209;30AB;00;A;JZ;JW;4;2026-01-01;
            IN2;cl-b;GM0209;30AB;00;A;JZ;JW;4;2025-03-01;2026-01-01
            OUT1;cl-c;GM0209;31CD;00;A;JZ;JW;4;2026-01-01;
            OUT2;cl-d;GM0209;30AB;00;A;JZ;JW;4;2025-01-01;2025-12-31
            OUT3;cl-e;GM0209;30AB;00;A;JZ;JW;4;2027-01-01;
            """));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task LoadsOnlyBeschikkingenAtTheSchemeSchools_ActiveInTheFundingYear()
    {
        var school = SchoolLocationId.TryParse("30AB00", out var id) ? id : default;
        var lead = MunicipalityCode.Parse("GM0268");
        var scheme = new Scheme("s", "S", 2019, new SchemeTerms(
            new HashSet<SchoolLocationId> { school }, new HashSet<MunicipalityCode> { lead },
            new PerChildPool(12, 5.5m, 62.5m, 40), new ChildrenKey(), new LeadFlow(lead), new InvoiceTerms("NL", 30, "")));
        await using var session = await new Beschikbaarheid.Data.Database.SchemeLocks(_database.Connections).AcquireAsync(scheme.Id);
        var loaded = await SettlementInputReader.LoadBeschikkingenAsync(session, scheme, 2026);
        // IN2 ends on 1 January 2026, the first day of the year: still active. OUT2 ended the day before.
        Assert.Equal(["IN1", "IN2"], loaded.Select(b => b.Number).Order());
        var in2 = loaded.Single(b => b.Number == "IN2");
        Assert.Equal((new DateOnly(2025, 3, 1), (DateOnly?)new DateOnly(2026, 1, 1), 4m), (in2.Active.Start, in2.Active.End, in2.HoursPerWeek));
    }
}

public sealed class SettlementInputReaderTestsOnSqlite : SettlementInputReaderTests<SqliteTestDatabase>
{
    /// <summary>
    /// SQLite reads the table in one pass and then orders the rows as the join through ix_beschikkingen_school gave them
    /// before: by the scheme's schools as the set lists them, then start date, then the order they were stored in.
    /// </summary>
    [Fact]
    public async Task ComeInTheOrderOfTheIndexedJoin_SchoolsAsListed_ThenStartDate_ThenStorageOrder()
    {
        await using var database = new SqliteTestDatabase();
        await database.CreateAsync();
        await database.MigrateAsync();
        await Region.ImportRegistryAsync(database);
        // Stored in file order: the 31CD rows come between the 30AB rows, and start dates are out of order.
        await new CsvImporter(database.Connections, TimeProvider.System).ImportAsync(ImportKind.Beschikkingen, Region.Write(database.Folder, "o.csv", Region.BeschikkingHeader + """

            A3;cl-a;GM0209;30AB;00;A;JZ;JW;4;2026-03-01;
            C2;cl-b;GM0209;31CD;00;A;JZ;JW;4;2026-02-01;
            A1;cl-c;GM0209;30AB;00;A;JZ;JW;4;2026-01-01;
            C1;cl-d;GM0209;31CD;00;A;JZ;JW;4;2026-01-01;
            A2;cl-e;GM0209;30AB;00;A;JZ;JW;4;2026-03-01;
            """));
        var lead = MunicipalityCode.Parse("GM0268");
        // A HashSet without removals lists its items in the order they were added: 31CD00 first.
        var schools = new HashSet<SchoolLocationId> { Parse("31CD00"), Parse("30AB00") };
        var scheme = new Scheme("s", "S", 2019, new SchemeTerms(
            schools, new HashSet<MunicipalityCode> { lead },
            new PerChildPool(12, 5.5m, 62.5m, 40), new ChildrenKey(), new LeadFlow(lead), new InvoiceTerms("NL", 30, "")));
        await using var session = await new Beschikbaarheid.Data.Database.SchemeLocks(database.Connections).AcquireAsync(scheme.Id);
        var loaded = await SettlementInputReader.LoadBeschikkingenAsync(session, scheme, 2026);
        // 31CD00: C1 (1 Jan) before C2 (1 Feb); then 30AB00: A1 (1 Jan), then A3 and A2 (both 1 Mar) as stored.
        Assert.Equal(["C1", "C2", "A1", "A3", "A2"], loaded.Select(b => b.Number));
    }

    private static SchoolLocationId Parse(string code) => SchoolLocationId.TryParse(code, out var id) ? id : throw new ArgumentException(code);
}

public sealed class SettlementInputReaderTestsOnSqlServer : SettlementInputReaderTests<SqlServerTestDatabase>;

public sealed class SettlementInputReaderTestsOnPostgreSql : SettlementInputReaderTests<PostgreSqlTestDatabase>;
