using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Data.Tests.Fixtures;

namespace Beschikbaarheid.Data.Tests.Settlement;

public abstract class SettlementStoreTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private static readonly MunicipalityCode Nijmegen = MunicipalityCode.Parse("GM0268");
    private static readonly MunicipalityCode Beuningen = MunicipalityCode.Parse("GM0209");
    private static readonly MunicipalityCode BergEnDal = MunicipalityCode.Parse("GM1945");
    private static readonly SchoolLocationId StMaarten = SchoolLocationId.TryParse("30AB00", out var id) ? id : default;
    private static readonly DateOnly InvoiceDate = new(2026, 4, 1);
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 4, 0, 0, TimeSpan.Zero);

    private readonly TDatabase _database = new();

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
        await Region.ImportRegistryAsync(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static Scheme Scheme() => new("nijmegen-st-maarten", "Zorg in onderwijstijd", 2019, new SchemeTerms(
        new HashSet<SchoolLocationId> { StMaarten },
        new HashSet<MunicipalityCode> { Nijmegen, Beuningen, BergEnDal },
        new PerChildPool(12m, 5.5m, 62.50m, 40), new ChildrenKey(), new LeadFlow(Nijmegen),
        new InvoiceTerms("NL00BANK0123456789", 30, "Geen btw")));

    /// <summary>A plan with two invoices from Nijmegen: Beuningen 42 child-days € 1,582.19, Berg en Dal 1 day € 37.67.</summary>
    private static SettlementPlan Plan(YearMonth period) => new(
        "nijmegen-st-maarten", period, SettlementKind.Voorschot, BasisUnit.ChildDays,
        [
            new AllocationRow(Beuningen, 2, 42m, new Money(158_219), new Money(1_416_438), true),
            new AllocationRow(BergEnDal, 1, 1m, new Money(3_767), new Money(100_000), true),
            new AllocationRow(Nijmegen, 1, 31m, new Money(116_781), new Money(1_375_000), false),
        ],
        [new LocationRow(StMaarten, 4, 74m, new Money(278_767))],
        [new IndividualCount(Eligibility.NonParticipant, 1)],
        [
            new InvoiceDraft(Nijmegen, Beuningen, [new InvoiceLineDraft(StMaarten, 42m, new Money(158_219))]),
            new InvoiceDraft(Nijmegen, BergEnDal, [new InvoiceLineDraft(StMaarten, 1m, new Money(3_767))]),
        ]);

    private SettlementStore Store() => new(_database.Connections);

    [Fact]
    public async Task Issue_NumbersInvoicesPerIssuerAndYear_WithoutGaps()
    {
        var store = Store();
        var march = await store.LoadAsync((await store.IssueAsync(Scheme(), Plan(new YearMonth(2026, 3)), InvoiceDate, "test", Now)).RunId);
        var april = await store.LoadAsync((await store.IssueAsync(Scheme(), Plan(new YearMonth(2026, 4)), new DateOnly(2026, 5, 1), "test", Now)).RunId);
        var december = await store.LoadAsync((await store.IssueAsync(Scheme(), Plan(new YearMonth(2026, 12)), new DateOnly(2027, 1, 1), "test", Now)).RunId);
        Assert.Equal(["GM0268-2026-00001", "GM0268-2026-00002"], march.Invoices.Select(i => i.Number));
        Assert.Equal(["GM0268-2026-00003", "GM0268-2026-00004"], april.Invoices.Select(i => i.Number));
        // Issued on 1 January 2027: the first numbers of the issuer's new year.
        Assert.Equal(["GM0268-2027-00001", "GM0268-2027-00002"], december.Invoices.Select(i => i.Number));
    }

    [Fact]
    public async Task Issue_OfASettledPeriod_IssuesNothing()
    {
        var store = Store();
        var first = await store.IssueAsync(Scheme(), Plan(new YearMonth(2026, 3)), InvoiceDate, "test", Now);
        var again = await store.IssueAsync(Scheme(), Plan(new YearMonth(2026, 3)), InvoiceDate, "test", Now);
        Assert.True(first.IssuedNow);
        Assert.False(again.IssuedNow);
        Assert.Equal(first.RunId, again.RunId);
        Assert.Equal(2L, await _database.CountAsync("invoices"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT last_number FROM invoice_sequences"));
    }

    [Fact]
    public async Task Issue_OfOnePeriodByConcurrentCallers_IssuesOneSet()
    {
        // Four callers, each with its own connection, race for March: one issues, three find it issued.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => Store().IssueAsync(Scheme(), Plan(new YearMonth(2026, 3)), InvoiceDate, "test", Now))));
        Assert.Single(outcomes, o => o.IssuedNow);
        Assert.Single(outcomes.Select(o => o.RunId).Distinct());
        Assert.Equal(2L, await _database.CountAsync("invoices"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT last_number FROM invoice_sequences"));
    }

    [Fact]
    public async Task Issue_FailingHalfway_LeavesNoInvoiceAndNoUsedNumber()
    {
        var failing = Store();
        failing.AfterInvoiceWritten = written => throw new IOException($"simulated crash after {written} invoice(s)");
        await Assert.ThrowsAsync<IOException>(() => failing.IssueAsync(Scheme(), Plan(new YearMonth(2026, 3)), InvoiceDate, "test", Now));
        foreach (var table in new[] { "settlement_runs", "invoices", "invoice_lines", "invoice_sequences", "settlement_allocations" })
        {
            Assert.Equal(0L, await _database.CountAsync(table));
        }

        var store = Store();
        var issued = await store.LoadAsync((await store.IssueAsync(Scheme(), Plan(new YearMonth(2026, 3)), InvoiceDate, "test", Now)).RunId);
        Assert.Equal(["GM0268-2026-00001", "GM0268-2026-00002"], issued.Invoices.Select(i => i.Number));
    }

    [Fact]
    public async Task Load_ReturnsWhatWasIssued_WithYearToDate()
    {
        var store = Store();
        await store.IssueAsync(Scheme(), Plan(new YearMonth(2026, 3)), InvoiceDate, "test", Now);
        var april = await store.LoadAsync((await store.IssueAsync(Scheme(), Plan(new YearMonth(2026, 4)), new DateOnly(2026, 5, 1), "job", Now, new string('a', 64))).RunId);

        var beuningen = april.Invoices.Single(i => i.Debtor == Beuningen);
        Assert.Equal((new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31)), (beuningen.InvoiceDate, beuningen.DueDate)); // 30 days' term
        Assert.Equal(new Money(158_219), beuningen.Total);
        Assert.Equal((StMaarten, 42m), (beuningen.Lines[0].School, beuningen.Lines[0].Basis));
        // March + April, each 158,219 cents: 316,438.
        Assert.Equal(new Money(316_438), april.YearToDate[Beuningen]);
        Assert.Equal(("job", new YearMonth(2026, 4), new string('a', 64)), (april.Run.StartedBy, april.Run.Period, april.Run.InputFingerprint));
        Assert.Equal(new AllocationRow(Nijmegen, 1, 31m, new Money(116_781), new Money(1_375_000), false), april.Allocation.Single(a => a.Municipality == Nijmegen));
        Assert.Equal(Eligibility.NonParticipant, Assert.Single(april.Individual).Reason);
        Assert.Equal("Nijmegen", april.Municipalities[Nijmegen].Name);
    }
}

public sealed class SettlementStoreTestsOnSqlite : SettlementStoreTests<SqliteTestDatabase>;

public sealed class SettlementStoreTestsOnSqlServer : SettlementStoreTests<SqlServerTestDatabase>;

public sealed class SettlementStoreTestsOnPostgreSql : SettlementStoreTests<PostgreSqlTestDatabase>;
