using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Municipalities;
using Beschikbaarheid.Data.Tests.Fixtures;

namespace Beschikbaarheid.Data.Tests.Import;

/// <summary><c>import herindelingen</c> on each provider: the rows kept by old code, and every bad row refused with its line.</summary>
public abstract class MergerImportTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private const string Header = "datum;oude_code;nieuwe_code";
    private readonly TDatabase _database = new();
    private MergerImporter Importer => new(_database.Connections, TimeProvider.System);

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
        await Region.ImportRegistryAsync(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private Task<ImportFigures> Import(string rows, string name = "herindelingen.csv") =>
        Importer.ImportAsync(Region.Write(_database.Folder, name, Header + "\n" + rows), []);

    private async Task<string> Refused(string rows) =>
        string.Join("\n", (await Assert.ThrowsAsync<InputRejectedException>(() => Import(rows, "bad.csv"))).Errors.Select(e => e.ToString()));

    [Fact]
    public async Task Rows_AreKeptByOldCode_AndImportingAgainReplacesTheRowOfThatCode()
    {
        // Region: Nijmegen GM0268, Beuningen GM0209, Berg en Dal GM1945, Arnhem GM0202. Both date formats are read.
        var first = await Import("2026-01-01;GM0209;GM1945\n01-01-2027;GM1945;GM0268");
        Assert.Equal((2, 2, 0, 0), (first.Read, first.New, first.Replaced, first.Unchanged));
        // Again: Beuningen into Arnhem instead (replaced), Berg en Dal as it was (unchanged), Arnhem into Nijmegen in 2028 (new).
        var again = await Import("2026-01-01;GM0209;GM0202\n2027-01-01;GM1945;GM0268\n2028-01-01;GM0202;GM0268", "herindelingen-2.csv");
        Assert.Equal((3, 1, 1, 1), (again.Read, again.New, again.Replaced, again.Unchanged));
        var mergers = await MergerStore.LoadAsync(_database.Connections);
        Assert.Equal(3, mergers.All.Count);
        var beuningen = MunicipalityCode.Parse("GM0209");
        Assert.Equal(beuningen, mergers.On(beuningen, new DateOnly(2025, 12, 31)));
        Assert.Equal(MunicipalityCode.Parse("GM0202"), mergers.On(beuningen, new DateOnly(2026, 1, 1)));
        // 2028: Beuningen → Arnhem → Nijmegen.
        Assert.Equal(MunicipalityCode.Parse("GM0268"), mergers.On(beuningen, new DateOnly(2028, 1, 1)));
    }

    [Fact]
    public async Task BadRows_AreEachNamedWithTheirLine_AndNothingIsImported()
    {
        var reasons = await Refused(
            "2026-07-01;GM0209;GM1945\n"      // line 2: not 1 January
            + "2026-01-01;GM0209;GM9999\n"    // line 3: unknown successor
            + "2026-01-01;GM0202;GM0202\n"    // line 4: into itself
            + "2026-01-01;GM0202;GM0268\n"    // line 5: Arnhem twice
            + "2026-01-01;GM0268;GM1945\n"    // line 6: Berg en Dal merges into Nijmegen on 2026-01-01 (line 7), so is gone that day
            + "2026-01-01;GM1945;GM0268\n"    // line 7: and Nijmegen into Berg en Dal that day (line 6): a circle
            + "2026-13-01;XX0001;GM0268");    // line 8: no date, no code
        Assert.Contains("bad.csv, line 2: datum 2026-07-01 is not 1 January", reasons, StringComparison.Ordinal);
        Assert.Contains("bad.csv, line 3: nieuwe_code GM9999 is not a known municipality", reasons, StringComparison.Ordinal);
        Assert.Contains("bad.csv, line 4: GM0202 cannot merge into itself", reasons, StringComparison.Ordinal);
        Assert.Contains("bad.csv, line 5: oude_code GM0202 appears twice in the file (also on line 4)", reasons, StringComparison.Ordinal);
        Assert.Contains("bad.csv, line 6: GM1945 itself merges into GM0268 on 2026-01-01, so it no longer exists on 2026-01-01", reasons, StringComparison.Ordinal);
        Assert.Contains("bad.csv, line 7: GM0268 itself merges into GM1945 on 2026-01-01, so it no longer exists on 2026-01-01", reasons, StringComparison.Ordinal);
        Assert.Contains("bad.csv, line 8: datum '2026-13-01' is not a date (yyyy-MM-dd or dd-MM-yyyy); oude_code 'XX0001' is not a municipality code", reasons, StringComparison.Ordinal);
        Assert.Equal(0L, await _database.CountAsync("mergers"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM imports WHERE kind = 'herindelingen'"));
    }

    [Fact]
    public async Task AStoredMergerBrokenByTheFile_IsReportedOnTheLineThatBreaksIt()
    {
        await Import("2027-01-01;GM0209;GM1945");
        // Berg en Dal into Nijmegen on 1 January 2026: it would be gone before it takes Beuningen over in 2027.
        var reasons = await Refused("2026-01-01;GM1945;GM0268");
        Assert.Contains("bad.csv, line 2: the stored merger GM0209 → GM1945 (2027-01-01): GM1945 itself merges into GM0268 on 2026-01-01", reasons, StringComparison.Ordinal);
        Assert.Equal(1L, await _database.CountAsync("mergers"));
    }
}

public sealed class MergerImportTestsOnSqlite : MergerImportTests<SqliteTestDatabase>;

public sealed class MergerImportTestsOnSqlServer : MergerImportTests<SqlServerTestDatabase>;

public sealed class MergerImportTestsOnPostgreSql : MergerImportTests<PostgreSqlTestDatabase>;
