using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Data.Tests.Fixtures;
using Dapper;

namespace Beschikbaarheid.Data.Tests.Settlement;

public abstract class SettledMonthsTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 4, 0, 0, TimeSpan.Zero);

    private readonly TDatabase _database = new();

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        await _database.MigrateAsync();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task RunAsync(string scheme, string period, SettlementKind kind)
    {
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO settlement_runs (scheme_id, scheme_name, period, kind, basis_unit, started_by, created_at)
            VALUES (@scheme, @scheme, @period, @kind, 'kinddagen', 'test', @Now)
            """, new { scheme, period, kind = kind.Dutch(), Now });
    }

    private async Task EventAsync(string scheme, int year, string @event)
    {
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO year_events (scheme_id, year, event, reason, started_by, created_at)
            VALUES (@scheme, @year, @event, 'test', 'test', @Now)
            """, new { scheme, year, @event, Now });
    }

    [Fact]
    public async Task Load_GivesEverySchemesAdvanceMonths_AndTheYearsStillClosed()
    {
        await RunAsync("a", "2026-01", SettlementKind.Voorschot);
        await RunAsync("a", "2026-02", SettlementKind.Voorschot);
        await RunAsync("a", "2025", SettlementKind.Vaststelling); // a year end is not a month
        await EventAsync("a", 2025, YearClosures.Finalized);
        await EventAsync("a", 2024, YearClosures.Finalized);
        await EventAsync("a", 2024, YearClosures.Reopened); // reopened: open again
        await EventAsync("b", 2023, YearClosures.Finalized);

        var settled = await new SettledMonths(_database.Connections).LoadAsync();

        Assert.Equal(["a", "b"], settled.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([new YearMonth(2026, 1), new YearMonth(2026, 2)], settled["a"].Months.Order());
        Assert.Equal([2025], settled["a"].ClosedYears);
        Assert.Empty(settled["b"].Months);
        Assert.Equal([2023], settled["b"].ClosedYears);
    }

    [Fact]
    public async Task Load_OfAnEmptyDatabase_IsEmpty() =>
        Assert.Empty(await new SettledMonths(_database.Connections).LoadAsync());
}

public sealed class SettledMonthsTestsOnSqlite : SettledMonthsTests<SqliteTestDatabase>;

public sealed class SettledMonthsTestsOnSqlServer : SettledMonthsTests<SqlServerTestDatabase>;

public sealed class SettledMonthsTestsOnPostgreSql : SettledMonthsTests<PostgreSqlTestDatabase>;
