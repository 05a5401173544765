using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
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
        new InvoiceTerms("NL12BANK0123456789", 30, "Geen btw")));

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

    private IssuedSettlements Issued() => new(_database.Connections);

    /// <summary>A stored run as its documents show it under the scheme's flow.</summary>
    private Task<IssuedSettlement> Load(long runId) => Issued().LoadAsync(runId, Scheme().TermsFor(2026).Flow);

    /// <summary>Issues a plan as a unit of work does: under the scheme's lock, committed.</summary>
    private Task<long> Issue(SettlementPlan plan, DateOnly invoiceDate, string startedBy = "test", string fingerprint = "") =>
        Stores.IssueAsync(_database.Connections, new SettlementWriter(), Scheme(), plan, invoiceDate, startedBy, Now, fingerprint);

    [Fact]
    public async Task Issue_KeepsWhatTheInvoicesShowOfTheirComputation_AsIssued()
    {
        var scheme = Scheme() with { Agreement = "Convenant Zorg in onderwijstijd, 12 maart 2019" };
        var terms = scheme.TermsFor(2026);
        scheme = new Scheme(scheme.Id, scheme.Name, scheme.StartYear,
            terms with { Invoice = terms.Invoice with { DebtorReferences = new Dictionary<MunicipalityCode, string> { [Beuningen] = "PO-2026-118" } } })
        { Agreement = scheme.Agreement };
        var plan = Plan(new YearMonth(2026, 3)) with
        {
            AnnualShares = new Dictionary<(PartyCode, SchoolLocationId), Money> { [(Beuningen, StMaarten)] = new(1_416_438) },
            Calculation = RunCalculation.Of(scheme, 2026),
        };
        var runId = await Stores.IssueAsync(_database.Connections, new SettlementWriter(), scheme, plan, InvoiceDate, "test", Now, "");

        var issued = await Load(runId);
        Assert.Equal("Convenant Zorg in onderwijstijd, 12 maart 2019", issued.Run.Agreement);
        // The per-child pool of the scheme: 5.5 h × € 62.50 × 40 weeks = € 13,750.00 = 1,375,000 cents a child a year.
        Assert.Equal(new RunCalculation(CalculationMethod.PerChild, 5.5m, 62.50m, 40), issued.Run.Calculation);
        Assert.Equal(1_375_000m, issued.Run.Calculation!.AnnualCentsPerChild);
        var beuningen = issued.Invoices.Single(i => i.Debtor == Beuningen);
        Assert.Equal("PO-2026-118", beuningen.BuyerReference);
        Assert.Equal(new Money(1_416_438), beuningen.Lines.Single().Annual);
        // Berg en Dal gave no reference, and the plan has no annual figure for it.
        var bergEnDal = issued.Invoices.Single(i => i.Debtor == BergEnDal);
        Assert.Null(bergEnDal.BuyerReference);
        Assert.Null(bergEnDal.Lines.Single().Annual);
    }

    [Fact]
    public async Task Issue_NumbersInvoicesPerIssuerAndYear_WithoutGaps()
    {
        var march = await Load(await Issue(Plan(new YearMonth(2026, 3)), InvoiceDate));
        var april = await Load(await Issue(Plan(new YearMonth(2026, 4)), new DateOnly(2026, 5, 1)));
        var december = await Load(await Issue(Plan(new YearMonth(2026, 12)), new DateOnly(2027, 1, 1)));
        Assert.Equal(["GM0268-2026-00001", "GM0268-2026-00002"], march.Invoices.Select(i => i.Number));
        Assert.Equal(["GM0268-2026-00003", "GM0268-2026-00004"], april.Invoices.Select(i => i.Number));
        // Issued on 1 January 2027: the first numbers of the issuer's new year.
        Assert.Equal(["GM0268-2027-00001", "GM0268-2027-00002"], december.Invoices.Select(i => i.Number));
    }

    [Fact]
    public async Task Issue_OfASettledPeriodPastTheLock_IsStoppedByTheUniqueKey_AndLeavesNothing()
    {
        await Issue(Plan(new YearMonth(2026, 3)), InvoiceDate);
        // A caller that skipped the check under the lock still cannot store March twice.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Issue(Plan(new YearMonth(2026, 3)), InvoiceDate));
        Assert.Equal(2L, await _database.CountAsync("invoices"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT last_number FROM invoice_sequences"));
    }

    [Fact]
    public async Task Issue_OfOnePeriodByConcurrentCallers_UnderTheSchemeLock_IssuesOneSet()
    {
        // Four callers, each with its own connection, race for March: each takes the lock, looks, and issues only
        // when March is not there. One issues, three find it issued.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var session = await new SchemeLocks(_database.Connections).AcquireAsync(Scheme().Id);
            if (await SettledState.FindRunAsync(session, new YearMonth(2026, 3)) is { } existing)
            {
                return (RunId: existing, IssuedNow: false);
            }
            var runId = await new SettlementWriter().IssueAsync(session, Scheme(), Plan(new YearMonth(2026, 3)), InvoiceDate, "test", Now, "");
            await session.CommitAsync();
            return (RunId: runId, IssuedNow: true);
        })));
        Assert.Single(outcomes, o => o.IssuedNow);
        Assert.Single(outcomes.Select(o => o.RunId).Distinct());
        Assert.Equal(2L, await _database.CountAsync("invoices"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT last_number FROM invoice_sequences"));
    }

    [Fact]
    public async Task Issue_OfTwoSchemesWithOneIssuerAtOnce_TakesDistinctGaplessNumbers()
    {
        // Two schemes hold two different locks, so they issue at the same time; both draw on Nijmegen's 2026 sequence.
        var other = new Scheme("nijmegen-tweede-school", "Tweede school", 2019, Scheme().TermsFor(2026));
        var runs = await Task.WhenAll(
            Task.Run(() => Stores.IssueAsync(_database.Connections, new SettlementWriter(), Scheme(), Plan(new YearMonth(2026, 3)), InvoiceDate, "a", Now, "")),
            Task.Run(() => Stores.IssueAsync(_database.Connections, new SettlementWriter(), other, Plan(new YearMonth(2026, 3)) with { SchemeId = other.Id }, InvoiceDate, "b", Now, "")));
        var numbers = (await Task.WhenAll(runs.Select(r => Load(r)))).SelectMany(s => s.Invoices.Select(i => i.Number)).Order().ToList();
        // Two invoices each: the four numbers 1 to 4, none twice, none missing.
        Assert.Equal(["GM0268-2026-00001", "GM0268-2026-00002", "GM0268-2026-00003", "GM0268-2026-00004"], numbers);
    }

    [Fact]
    public async Task Issue_FailingHalfway_LeavesNoInvoiceAndNoUsedNumber()
    {
        await Assert.ThrowsAsync<IOException>(() =>
            Stores.IssueAsync(_database.Connections, new SettlementWriter(new FailingProbe()), Scheme(), Plan(new YearMonth(2026, 3)), InvoiceDate, "test", Now, ""));
        foreach (var table in new[] { "settlement_runs", "invoices", "invoice_lines", "invoice_sequences", "settlement_allocations" })
        {
            Assert.Equal(0L, await _database.CountAsync(table));
        }

        var issued = await Load(await Issue(Plan(new YearMonth(2026, 3)), InvoiceDate));
        Assert.Equal(["GM0268-2026-00001", "GM0268-2026-00002"], issued.Invoices.Select(i => i.Number));
    }

    [Fact]
    public async Task Load_ReturnsWhatWasIssued_WithYearToDate()
    {
        await Issue(Plan(new YearMonth(2026, 3)), InvoiceDate);
        var april = await Load(await Issue(Plan(new YearMonth(2026, 4)), new DateOnly(2026, 5, 1), "job", new string('a', 64)));

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
