using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Data.Tests.Fixtures;

namespace Beschikbaarheid.Data.Tests.Settlement;

/// <summary>
/// A cashier run stored and read back: entries, invoices and statement in one transaction, so a crash leaves
/// none of them; and a year end that closes its year in the same transaction.
/// </summary>
public abstract class CashierStoreTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private static readonly MunicipalityCode Nijmegen = MunicipalityCode.Parse("GM0268");
    private static readonly MunicipalityCode Beuningen = MunicipalityCode.Parse("GM0209");
    private static readonly MunicipalityCode BergEnDal = MunicipalityCode.Parse("GM1945");
    private static readonly MunicipalityCode Arnhem = MunicipalityCode.Parse("GM0202");
    private static readonly SchoolLocationId StMaarten = SchoolLocationId.TryParse("30AB00", out var a) ? a : default;
    private static readonly SchoolLocationId Meander = SchoolLocationId.TryParse("31CD00", out var b) ? b : default;
    private static readonly DateTimeOffset Now = new(2026, 2, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly TDatabase _database = new();

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
        await Region.ImportRegistryAsync(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static Scheme Scheme() => new("kassier", "Kassiersmodel", 2019, new SchemeTerms(
        new HashSet<SchoolLocationId> { StMaarten, Meander },
        new HashSet<MunicipalityCode> { Nijmegen, Beuningen, BergEnDal },
        new FixedBudgetPool(new Dictionary<int, Money> { [2026] = new(1_200_000) }, new HostsByFte(new Dictionary<SchoolLocationId, decimal> { [StMaarten] = 1m, [Meander] = 1m })),
        new PupilsKey(2m),
        new CashierFlow(Nijmegen, NonParticipants.Gap, [new GapFund("VSV-middelen", new Money(100_000))]),
        new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw")));

    /// <summary>January: Nijmegen's own 50,000, Beuningen 30,000 and Berg en Dal 10,000 invoiced; Arnhem's 10,000 gap, 8,333 covered; 98,333 paid out.</summary>
    private static SettlementPlan January()
    {
        var month = SettledPeriod.Of(new YearMonth(2026, 1));
        Entry Entry(MunicipalityCode m, long cents) => new(m, StMaarten, month, SettlementKind.Voorschot, 10m, new Money(cents));
        List<Entry> entries = [Entry(Nijmegen, 50_000), Entry(Beuningen, 30_000), Entry(BergEnDal, 10_000)];
        var scheme = Scheme();
        var flow = (CashierFlow)scheme.TermsFor(2026).Flow;
        return new SettlementPlan(scheme.Id, new YearMonth(2026, 1), SettlementKind.Voorschot, BasisUnit.Pupils,
            [new AllocationRow(Nijmegen, 50, 50m, new Money(50_000), new Money(600_000), false)], [], [], Invoicing.Drafts(scheme, flow, entries))
        {
            Entries = entries,
            Statement = CashierStatement.Of(flow, (FixedBudgetPool)scheme.TermsFor(2026).Pool, entries,
                new Dictionary<MunicipalityCode, Money> { [Arnhem] = new(10_000) }, [("VSV-middelen", new Money(8_333))], StatedSoFar.Nothing),
        };
    }

    private IssuedSettlements Issued() => new(_database.Connections);

    /// <summary>A stored run as its documents show it under the scheme's flow.</summary>
    private Task<IssuedSettlement> Load(long runId) => Issued().LoadAsync(runId, Scheme().TermsFor(2026).Flow);

    private Task<long> Issue(SettlementPlan plan, DateOnly invoiceDate) =>
        Stores.IssueAsync(_database.Connections, new SettlementWriter(), Scheme(), plan, invoiceDate, "test", Now, "");

    private async Task<T> Read<T>(Func<Beschikbaarheid.Data.Database.SchemeTransaction, Task<T>> read)
    {
        await using var session = await new SchemeLocks(_database.Connections).AcquireAsync("kassier");
        return await read(session);
    }

    [Fact]
    public async Task ACashierRun_IsStoredWithItsEntriesAndStatement_AndReadBack()
    {
        var issued = await Load(await Issue(January(), new DateOnly(2026, 2, 2)));
        Assert.Equal(["GM0268-2026-00001", "GM0268-2026-00002"], issued.Invoices.Select(i => i.Number));
        var statement = issued.Statement!;
        // 50,000 + 30,000 + 10,000 = 90,000 collected; + 8,333 covered = 98,333 paid out, 49,166.5 each: the odd cent to the lower code, 30AB00.
        Assert.Equal((new Money(90_000), new Money(8_333), new Money(1_667), Money.Zero), (statement.CollectedTotal, statement.CoveredTotal, statement.Uncovered, statement.Balance));
        Assert.Equal([new Money(49_167), new Money(49_166)], statement.PaidOut.OrderBy(p => p.Key).Select(p => p.Value));
        var entries = await Read(session => SettledState.LoadMonthAsync(session, new YearMonth(2026, 1)));
        Assert.Equal(3, entries.Count);
        Assert.Null(entries.Single(e => e.Municipality == Nijmegen).Invoice);
        Assert.Equal("GM0268-2026-00001", entries.Single(e => e.Municipality == Beuningen).Invoice);
        var year = await Read(session => SettledState.LoadYearAsync(session, 2026));
        Assert.Equal(90_000, year.Entries.Sum(e => e.Amount.Cents));
        Assert.Equal(["GM0268-2026-00001"], year.Invoices![Beuningen]);
        var soFar = await Read(session => SettledState.StatedSoFarAsync(session, 2026));
        Assert.Equal((new Money(10_000), new Money(8_333)), (soFar.Gap[Arnhem], soFar.Covered["VSV-middelen"]));
        // Available so far 90,000 + 8,333 = 98,333, paid out as 49,167 and 49,166.
        Assert.Equal((new Money(98_333), new Money(49_167)), (soFar.Available, soFar.PaidOut[StMaarten]));
    }

    [Fact]
    public async Task WhatAFunderPaidTheCashier_IsStoredUnderItsOwnId_AndReadBackAsAFunder()
    {
        // January with a funder that is not a municipality: SWV-1 pays 5,000 at 30AB00 besides the municipalities' 90,000.
        Assert.True(PartyCode.TryFunder("SWV-1", out var swv, out _));
        var january = January();
        var month = SettledPeriod.Of(new YearMonth(2026, 1));
        List<Entry> entries = [.. january.Entries, new(swv, StMaarten, month, SettlementKind.Voorschot, 0m, new Money(5_000))];
        var scheme = Scheme();
        var flow = (CashierFlow)scheme.TermsFor(2026).Flow;
        var plan = january with
        {
            Invoices = Invoicing.Drafts(scheme, flow, entries),
            Entries = entries,
            Statement = CashierStatement.Of(flow, (FixedBudgetPool)scheme.TermsFor(2026).Pool, entries,
                new Dictionary<MunicipalityCode, Money> { [Arnhem] = new(10_000) }, [("VSV-middelen", new Money(8_333))], StatedSoFar.Nothing),
        };

        var issued = await Load(await Issue(plan, new DateOnly(2026, 2, 2)));

        // The funder is invoiced after the municipalities, under its own id.
        Assert.Equal([("GM0268-2026-00001", "GM0209"), ("GM0268-2026-00002", "GM1945"), ("GM0268-2026-00003", "SWV-1")], issued.Invoices.Select(i => (i.Number, i.Debtor.Value)));
        var statement = issued.Statement!;
        var funder = statement.Collected.Single(c => c.Party.IsFunder);
        Assert.Equal((swv, SettlementKind.Voorschot, new Money(5_000)), funder);
        // 90,000 + 5,000 = 95,000 collected; + 8,333 covered = 103,333 paid out, 51,666.5 each: the odd cent to the lower code, 30AB00.
        Assert.Equal((new Money(95_000), new Money(5_000), Money.Zero), (statement.CollectedTotal, statement.FundersTotal, statement.Balance));
        Assert.Equal([new Money(51_667), new Money(51_666)], statement.PaidOut.OrderBy(p => p.Key).Select(p => p.Value));
        var soFar = await Read(session => SettledState.StatedSoFarAsync(session, 2026));
        Assert.Equal(new Money(103_333), soFar.Available);
    }

    [Fact]
    public async Task ACashierRunFailingAfterItsFirstInvoice_LeavesNothing_AndTheNextRunTakesTheSameNumbers()
    {
        await Assert.ThrowsAsync<IOException>(() =>
            Stores.IssueAsync(_database.Connections, new SettlementWriter(new FailingProbe()), Scheme(), January(), new DateOnly(2026, 2, 2), "test", Now, ""));
        foreach (var table in new[] { "settlement_runs", "invoices", "invoice_lines", "invoice_sequences", "settlement_entries", "cashier_lines" })
        {
            Assert.Equal(0L, await _database.CountAsync(table));
        }
        var issued = await Load(await Issue(January(), new DateOnly(2026, 2, 2)));
        Assert.Equal(["GM0268-2026-00001", "GM0268-2026-00002"], issued.Invoices.Select(i => i.Number));
    }

    [Fact]
    public async Task AYearEnd_ClosesItsYearInTheSameTransaction_AndASecondIsRefusedUntilReopened()
    {
        await Issue(January(), new DateOnly(2026, 2, 2));
        var wholeYear = SettledPeriod.WholeYear(2026);
        var finalEntries = new List<Entry> { new(Beuningen, StMaarten, wholeYear, SettlementKind.Creditnota, 10m, new Money(-500), Reference: "GM0268-2026-00001") };
        var yearEnd = new SettlementPlan("kassier", new YearMonth(2026, 12), SettlementKind.Vaststelling, BasisUnit.Pupils, [], [], [],
            Invoicing.Drafts(Scheme(), Scheme().TermsFor(2026).Flow, finalEntries)) { Entries = finalEntries };
        var first = await Issue(yearEnd, new DateOnly(2027, 1, 15));
        var closures = new YearClosures(_database.Connections, new SchemeLocks(_database.Connections));
        Assert.True((await Read(session => SettledState.YearsAsync(session))).Single(y => y.Year == 2026).Closed);
        var run = (await Load(first)).Run;
        Assert.Equal(("2026-vaststelling", SettlementKind.Vaststelling), (run.Label, run.Kind));

        // The same year end again cannot be stored: the unique key on (scheme, period, kind) stops it.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Issue(yearEnd, new DateOnly(2027, 1, 15)));
        // A second year end while the year is closed is refused, and leaves nothing.
        await Assert.ThrowsAsync<YearClosedException>(() => Issue(yearEnd with { Revision = 2 }, new DateOnly(2027, 1, 16)));
        Assert.Equal(2L, await _database.CountAsync("settlement_runs"));

        await closures.ReopenAsync("kassier", 2026, "late pupil counts", "test", Now);
        var second = await Load(await Issue(yearEnd with { Revision = 2 }, new DateOnly(2027, 1, 16)));
        Assert.Equal(("2026-vaststelling-2", 2), (second.Run.Label, second.Run.Revision));
        Assert.Equal(-500, Assert.Single(second.Invoices).Total.Cents);
        Assert.Equal(["vastgesteld", "heropend", "vastgesteld"], (await closures.EventsAsync("kassier", 2026)).Select(e => e.Event));
    }
}

public sealed class CashierStoreTestsOnSqlite : CashierStoreTests<SqliteTestDatabase>;

public sealed class CashierStoreTestsOnSqlServer : CashierStoreTests<SqlServerTestDatabase>;

public sealed class CashierStoreTestsOnPostgreSql : CashierStoreTests<PostgreSqlTestDatabase>;
