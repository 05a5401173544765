using Beschikbaarheid.Core.Periods;

namespace Beschikbaarheid.Worker.Tests.Concurrency;

/// <summary>
/// Issue 9's scenario: August and September settled, a late beschikking backdated to 1 August, then October
/// and November settled at the same moment by two processes. Both runs see the late child; only one may bill
/// its August and September. Before the scheme's lock, both did in 9 of 14 tries.
/// </summary>
public abstract class LateCorrectionRaceTests<TDatabase> : IAsyncLifetime where TDatabase : SharedDatabase, new()
{
    private const int Tries = 3;

    private readonly Workspace _workspace = new();
    private readonly TDatabase _database = new();

    public async ValueTask InitializeAsync() => await _database.CreateAsync(_workspace);

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _workspace.Dispose();
    }

    private Task<(int ExitCode, string Out, string Error)> Import(string kind, string file) =>
        _workspace.RunAsync(_database.Environment, ["import", kind, file, .. _database.Options]);

    /// <summary>Settles a month with invoices dated the day after it (the tries reach 2028), so it has ended whatever the real date.</summary>
    private Task<(int ExitCode, string Out, string Error)> Settle(string period) =>
        _workspace.RunAsync(_database.Environment, [
            "settle", "--scheme", Workspace.SchemeId, "--period", period,
            "--invoice-date", YearMonth.Parse(period).LastDay.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            .. _database.Options, "--schemes", _workspace.Schemes, "--out", _workspace.Output]);

    [Fact]
    public async Task TwoMonthsSettledAtOnce_BillALateChildsEarlierMonthsOnce()
    {
        _workspace.WriteScheme();
        // A Berg en Dal child all year keeps every month billable; Beuningen has nobody until the late beschikking.
        _workspace.WriteRegion("B1;cl-a;GM1945;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            var import = await Import(kind, Path.Combine(_workspace.Folder, kind + ".csv"));
            Assert.True(import.ExitCode == 0, import.Error);
        }
        for (var attempt = 0; attempt < Tries; attempt++)
        {
            // Each try starts from a year settled through September, with the late child not yet known; it ends with its year.
            var year = 2026 + attempt;
            foreach (var month in new[] { "08", "09" })
            {
                var settled = await Settle($"{year}-{month}");
                Assert.True(settled.ExitCode == 0, settled.Error);
            }
            var late = _workspace.Write($"late-{year}.csv",
                "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum\n"
                + $"L{year};cl-late-{year};GM0209;30AB;00;Aanbieder;JZ;JW;4;{year}-08-01;{year}-12-31");
            Assert.Equal(0, (await Import("beschikkingen", late)).ExitCode);

            var runs = await Task.WhenAll(Settle($"{year}-10"), Settle($"{year}-11"));
            Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Error));

            // € 13,750 a year (5.5 h × € 62.50 × 40 weeks). August: 31 days, 1,375,000 × 31 / 365 = 116,780.82 → 116,781 cents;
            // September: 30 days, 1,375,000 × 30 / 365 = 113,013.70 → 113,014 cents (2028: 366 days, 116,461.75 → 116,462 and 112,704.92 → 112,705).
            var days = DateTime.IsLeapYear(year) ? 366m : 365m;
            var august = (long)decimal.Round(1_375_000m * 31 / days, MidpointRounding.AwayFromZero);
            var september = (long)decimal.Round(1_375_000m * 30 / days, MidpointRounding.AwayFromZero);
            var corrections = await _database.QueryAsync<(string Period, long Cents, long Lines)>(
                $"""
                SELECT periode, SUM(amount_cents), COUNT(*) FROM invoice_lines
                WHERE soort = 'correctie' AND periode IN ('{year}-08', '{year}-09')
                GROUP BY periode ORDER BY periode
                """);
            Assert.Equal([($"{year}-08", august, 1L), ($"{year}-09", september, 1L)], corrections.Select(c => (c.Period.Trim(), c.Cents, c.Lines)));
        }
    }
}

public sealed class LateCorrectionRaceTestsOnSqlite : LateCorrectionRaceTests<SqliteSharedDatabase>;

public sealed class LateCorrectionRaceTestsOnPostgreSql : LateCorrectionRaceTests<PostgreSqlSharedDatabase>;
