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

    /// <summary>
    /// The scan copies the rows it keeps in batches of 1,024 and makes the beschikkingen of them on another thread, four
    /// batches on their way at most: 10,000 rows at two schools come out as they were stored, field for field, in the
    /// join's order (31CD00 as the scheme lists it first, then 30AB00; each by start date, then as stored).
    /// </summary>
    [Fact]
    public async Task ManyRows_ComeOutWhole_AndInOrder_AcrossTheBatchesTheScanHandsOver()
    {
        await using var database = await ManyRowsAsync();
        var loaded = await LoadAsync(database);

        // Ten batches, the last of 10,000 − 9 × 1,024 = 784 rows; 3,333 of the rows (numbered 2, 5, …, 9998) at 31CD.
        var expected = ManyRows().OrderBy(r => r.School == "31CD" ? 0 : 1).ThenBy(r => r.Start).ToList();
        Assert.Equal(3333, expected.TakeWhile(r => r.School == "31CD").Count());
        Assert.Equal(
            expected.Select(r => (r.Number, r.Client, r.Residence, r.School + "00", r.Provider, "JZ", Law.JW, r.Hours, r.Start, r.End)),
            loaded.Select(b => (b.Number, b.Client, b.Residence.ToString(), b.School.ToString(), b.Provider, b.Category, b.Law, b.HoursPerWeek, b.Active.Start, b.Active.End)));
    }

    /// <summary>
    /// A value the other thread cannot make (a stored municipality code cut short) fails the read with its own error. It is
    /// in the first batch, so the scan still has more batches to hand over than can wait: it must stop, not wait for ever.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task AValueTheOtherThreadCannotMake_FailsTheRead_WithItsOwnError()
    {
        await using var database = await ManyRowsAsync();
        await ExecuteAsync(database, "UPDATE beschikkingen SET municipality_code = 'GM12' WHERE number = 'B10'");

        var thrown = await Assert.ThrowsAsync<FormatException>(() => LoadAsync(database));
        Assert.Contains("'GM12' is not a municipality code", thrown.Message, StringComparison.Ordinal);
    }

    /// <summary>A value the scanning thread cannot read (a stored date not in yyyy-MM-dd) fails the read with its own error, and stops the other thread.</summary>
    [Fact(Timeout = 60_000)]
    public async Task AValueTheScanCannotRead_FailsTheRead_WithItsOwnError()
    {
        await using var database = await ManyRowsAsync();
        await ExecuteAsync(database, "UPDATE beschikkingen SET start_date = '2026-1-15' WHERE number = 'B4500'");

        var thrown = await Assert.ThrowsAsync<System.Data.DataException>(() => LoadAsync(database));
        Assert.Contains("'2026-1-15' is not a stored date", thrown.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Of two bad rows the first is reported, as when one thread read and made every row: the scanning thread reaches the
    /// later one while the other thread is still making the batches before it.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task OfTwoBadRows_TheFirstIsReported_WhicheverThreadFindsItsValueBad()
    {
        await using var database = await ManyRowsAsync();
        await ExecuteAsync(database, "UPDATE beschikkingen SET municipality_code = 'GM12' WHERE number = 'B3000'");
        await ExecuteAsync(database, "UPDATE beschikkingen SET start_date = '2026-1-15' WHERE number = 'B3001'");

        var thrown = await Assert.ThrowsAsync<FormatException>(() => LoadAsync(database));
        Assert.Contains("'GM12' is not a municipality code", thrown.Message, StringComparison.Ordinal);
    }

    private sealed record Row(string Number, string Client, string Residence, string School, string Provider, decimal Hours, DateOnly Start, DateOnly? End);

    /// <summary>B0 … B9999: every third at 31CD, the others at 30AB; start dates over 2026 out of order, every fifth with an end.</summary>
    private static IEnumerable<Row> ManyRows() => Enumerable.Range(0, 10_000).Select(i => new Row(
        $"B{i}", $"client-{i % 1700}", i % 2 == 0 ? "GM0209" : "GM1945", i % 3 == 2 ? "31CD" : "30AB", i % 7 == 0 ? "Aanbieder Één" : "A",
        i % 4 == 0 ? 2.5m : 4m, new DateOnly(2026, 1 + (i * 7 % 12), 1 + (i % 28)), i % 5 == 0 ? new DateOnly(2026, 12, 31) : null));

    private static async Task<SqliteTestDatabase> ManyRowsAsync()
    {
        var database = new SqliteTestDatabase();
        await database.CreateAsync();
        await database.MigrateAsync();
        await Region.ImportRegistryAsync(database);
        var lines = ManyRows().Select(r => $"{r.Number};{r.Client};{r.Residence};{r.School};00;{r.Provider};JZ;JW;{r.Hours.ToString(System.Globalization.CultureInfo.InvariantCulture)};{r.Start:yyyy-MM-dd};{r.End:yyyy-MM-dd}");
        await new CsvImporter(database.Connections, TimeProvider.System).ImportAsync(
            ImportKind.Beschikkingen, Region.Write(database.Folder, "many.csv", Region.BeschikkingHeader + "\n" + string.Join("\n", lines)));
        return database;
    }

    private static async Task<IReadOnlyList<Beschikking>> LoadAsync(SqliteTestDatabase database)
    {
        var lead = MunicipalityCode.Parse("GM0268");
        // A HashSet without removals lists its items in the order they were added: 31CD00 first.
        var scheme = new Scheme("s", "S", 2019, new SchemeTerms(
            new HashSet<SchoolLocationId> { Parse("31CD00"), Parse("30AB00") }, new HashSet<MunicipalityCode> { lead },
            new PerChildPool(12, 5.5m, 62.5m, 40), new ChildrenKey(), new LeadFlow(lead), new InvoiceTerms("NL", 30, "")));
        await using var session = await new Beschikbaarheid.Data.Database.SchemeLocks(database.Connections).AcquireAsync(scheme.Id);
        return await SettlementInputReader.LoadBeschikkingenAsync(session, scheme, 2026);
    }

    /// <summary>Changes one stored row past the checks an import makes (its foreign keys too), as a damaged file would hold it.</summary>
    private static async Task ExecuteAsync(SqliteTestDatabase database, string sql)
    {
        await using var connection = await database.Connections.OpenAsync();
        await using (var keys = connection.CreateCommand())
        {
            keys.CommandText = "PRAGMA foreign_keys = OFF";
            await keys.ExecuteNonQueryAsync();
        }
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static SchoolLocationId Parse(string code) => SchoolLocationId.TryParse(code, out var id) ? id : throw new ArgumentException(code);
}

public sealed class SettlementInputReaderTestsOnSqlServer : SettlementInputReaderTests<SqlServerTestDatabase>;

public sealed class SettlementInputReaderTestsOnPostgreSql : SettlementInputReaderTests<PostgreSqlTestDatabase>;
