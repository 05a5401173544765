using System.Diagnostics;
using System.Globalization;

namespace Beschikbaarheid.Worker.Tests.Concurrency;

/// <summary>
/// About half a minute per provider of real processes settling random months of 2026 in random order (the first half
/// of the year settled beforehand),
/// importing late and changed beschikkingen, finalizing and reopening the year, while some of them are killed
/// with SIGKILL at random moments. Afterwards the books must hold: per issuer and year gapless numbers, no
/// period issued twice, no line without its invoice; every settled month billed exactly what one state of the
/// data gave (the state its last run read: a correction billed twice matches none); and after a final settle of
/// every month (and, for a year that had a year end, a reopening and a year end) every municipality and month
/// billed exactly what the final data give.
/// </summary>
/// <remarks>
/// Imports run one at a time and are never killed, so the test knows every state the data went through, in order.
/// </remarks>
/// <remarks>
/// The scheme costs € 14,600 a child a year (5 h × € 73.00 × 40 weeks) = 1,460,000 cents = 4,000 cents a day in
/// 2026 (365 days), so every line is whole cents and the expected amounts need no rounding: a month of an
/// eligible child costs 4,000 × its active days.
/// </remarks>
public abstract class ChaosTests<TDatabase>(ITestOutputHelper output) : IAsyncLifetime where TDatabase : SharedDatabase, new()
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private const int Lanes = 3;
    private const long CentsPerDay = 4_000;
    private static readonly string[] Participants = ["GM0268", "GM0209", "GM1945"];
    private static readonly string[] Residences = ["GM0268", "GM0209", "GM1945", "GM0202"];

    private static readonly string[] Refusals =
    [
        "is closed by its year end; reopen it first", // a month of a closed year
        "cannot be finalized while", // a year end with months unsettled
        "is not closed (it has no year end", // a reopening of an open year
    ];

    private readonly Workspace _workspace = new();
    private readonly TDatabase _database = new();
    private readonly SemaphoreSlim _importing = new(1);

    /// <summary>Every state of the beschikkingen, by number, in the order the imports committed.</summary>
    private readonly List<Dictionary<string, Row>> _states = [];
    private readonly List<string> _imports = [];

    private sealed record Row(string Municipality, decimal Hours, DateOnly Start, DateOnly? End);

    public async ValueTask InitializeAsync() => await _database.CreateAsync(_workspace);

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _workspace.Dispose();
        _importing.Dispose();
    }

    /// <summary>
    /// A settle or finalize with the invoice date 1 February 2027: after every period these runs settle (2026-01 .. 2027-01 and the
    /// year 2026), so none is refused as not yet ended, whatever the real date.
    /// </summary>
    private string[] Settling(params string[] args) => [.. args, "--invoice-date", "2027-02-01", .. _database.Options, "--schemes", _workspace.Schemes, "--out", _workspace.Output];

    private Task<(int ExitCode, string Out, string Error)> Run(params string[] args) => _workspace.RunAsync(_database.Environment, args);

    [Fact]
    public async Task RandomRunsAndKills_LeaveGaplessNumbers_NothingTwice_AndEveryMonthBilledAsTheFinalDataSay()
    {
        WriteSchemeAndRegion();
        Assert.Equal(0, (await Run(["db", "migrate", .. _database.Options])).ExitCode);
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            var import = await Run(["import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), .. _database.Options]);
            Assert.True(import.ExitCode == 0, import.Error);
        }

        // The first half of the year settled beforehand, so the lanes also reach year ends within the time they have.
        for (var month = 1; month <= 6; month++)
        {
            var settle = await Run(Settling("settle", "--scheme", "chaos", "--period", $"2026-{month:00}"));
            Assert.True(settle.ExitCode == 0, settle.Error);
        }

        var tally = new Tally();
        var until = DateTime.UtcNow + Duration;
        await Task.WhenAll(Enumerable.Range(0, Lanes).Select(lane => Task.Run(() => LaneAsync(new Random(lane * 7919 + Environment.ProcessId), until, tally))));
        output.WriteLine($"{typeof(TDatabase).Name}: {tally}");
        Assert.Empty(tally.Unexpected);
        Assert.True(tally.Kills > 0, "no process was killed");
        var stored = Format(await StoredRowsAsync());
        Assert.True(Format(_states[^1]) == stored, $"stored {stored}\nexpected {Format(_states[^1])}\nimports:\n{string.Join("\n", _imports)}");

        await AssertTheBooksAreConsistentAsync();
        await AssertEachSettledMonthIsOneStateOfTheDataAsync();
        await FinalSettlementAsync();
        await AssertTheBooksAreConsistentAsync();
        await AssertEveryMonthIsTheFinalDataAsync();
    }

    private async Task LaneAsync(Random random, DateTime until, Tally tally)
    {
        while (DateTime.UtcNow < until)
        {
            var roll = random.Next(100);
            string kind;
            string[] args;
            if (roll < 55)
            {
                kind = "settle";
                args = Settling("settle", "--scheme", "chaos", "--period", $"2026-{(random.Next(3) == 0 ? random.Next(1, 13) : random.Next(7, 13)):00}");
            }
            else if (roll < 75)
            {
                await ImportOneAsync(random, tally);
                continue;
            }
            else if (roll < 88)
            {
                kind = "finalize";
                args = Settling("finalize", "--scheme", "chaos", "--year", "2026");
            }
            else
            {
                kind = "reopen";
                args = ["reopen", "--scheme", "chaos", "--year", "2026", "--reason", "chaos test", .. _database.Options, "--schemes", _workspace.Schemes];
            }
            var kill = random.Next(100) < 35 ? TimeSpan.FromMilliseconds(random.Next(150, 2500)) : (TimeSpan?)null;
            await RunOnceAsync(kind, args, kill, tally);
        }
    }

    private async Task<(int ExitCode, string Out, string Error)> RunOnceAsync(string kind, string[] args, TimeSpan? killAfter, Tally tally)
    {
        using var process = _workspace.Launch("beschikbaarheid.dll", _database.Environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var killed = false;
        if (killAfter is { } delay && !process.WaitForExit(delay))
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no cleanup, wherever it is
            killed = true;
        }
        await process.WaitForExitAsync(timeout.Token);
        var error = await stderr;
        var result = await stdout;
        tally.Add(kind, killed, process.ExitCode, error);
        return (process.ExitCode, result, error);
    }

    /// <summary>
    /// One beschikking row, new or replacing an earlier one of the same number: a late start, a changed end, other
    /// hours or residence. One import at a time, never killed, so the state it leaves is known.
    /// </summary>
    private async Task ImportOneAsync(Random random, Tally tally)
    {
        var number = $"L{random.Next(1, 9)}";
        var start = new DateOnly(2026, 1, 1).AddDays(random.Next(0, 330));
        DateOnly? end = random.Next(3) == 0 ? null : start.AddDays(random.Next(0, 200));
        var hours = new[] { 3m, 4m, 8m, 11m, 13m }[random.Next(5)];
        var residence = Residences[random.Next(Residences.Length)];
        // A file of its own: lanes share the folder.
        var name = Guid.NewGuid().ToString("N");
        var file = _workspace.Write($"late-{name}.csv",
            "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum\n"
            + string.Create(CultureInfo.InvariantCulture, $"{number};cl-{number};{residence};30AB;00;Aanbieder;JZ;JW;{hours};{start:yyyy-MM-dd};{end:yyyy-MM-dd}"));
        await _importing.WaitAsync();
        try
        {
            var import = await RunOnceAsync("import", ["import", "beschikkingen", file, .. _database.Options], null, tally);
            _imports.Add($"{name}: {number} exit {import.ExitCode}: {import.Out.Trim()} {import.Error.Trim()}");
            if (import.ExitCode == 0)
            {
                _states.Add(new Dictionary<string, Row>(_states[^1]) { [number] = new Row(residence, hours, start, end) });
            }
        }
        finally
        {
            _importing.Release();
        }
    }

    /// <summary>Settles every month in order; a year that had a year end is reopened if closed and finalized again; an open year without one is corrected by January 2027.</summary>
    private async Task FinalSettlementAsync()
    {
        var events = await _database.QueryAsync<string>("SELECT event FROM year_events WHERE scheme_id = 'chaos' AND year = 2026 ORDER BY id");
        if (events.Count > 0 && events[^1] == "vastgesteld")
        {
            var reopen = await Run(["reopen", "--scheme", "chaos", "--year", "2026", "--reason", "final check", .. _database.Options, "--schemes", _workspace.Schemes]);
            Assert.True(reopen.ExitCode == 0, reopen.Error);
        }
        for (var month = 1; month <= 12; month++)
        {
            var settle = await Run(Settling("settle", "--scheme", "chaos", "--period", $"2026-{month:00}"));
            Assert.True(settle.ExitCode == 0, settle.Error);
        }
        var final = events.Contains("vastgesteld")
            ? await Run(Settling("finalize", "--scheme", "chaos", "--year", "2026"))
            : await Run(Settling("settle", "--scheme", "chaos", "--period", "2027-01"));
        Assert.True(final.ExitCode == 0, final.Error);
    }

    /// <summary>Per issuer and year the numbers are 1..n and the sequence stands at n; no period twice; no line without its invoice, no invoice without lines.</summary>
    private async Task AssertTheBooksAreConsistentAsync()
    {
        var numbers = await _database.QueryAsync<string>("SELECT number FROM invoices");
        var sequences = (await _database.QueryAsync<(string Issuer, long Year, long Last)>("SELECT issuer, year, last_number FROM invoice_sequences"))
            .ToDictionary(s => $"{s.Issuer.Trim()}-{s.Year}", s => s.Last);
        foreach (var series in numbers.GroupBy(n => n[..^6], n => int.Parse(n[^5..], CultureInfo.InvariantCulture)))
        {
            Assert.Equal(Enumerable.Range(1, series.Count()), series.Order());
            Assert.Equal(series.Count(), sequences[series.Key]);
        }
        Assert.Empty(await _database.QueryAsync<string>(
            "SELECT scheme_id FROM settlement_runs GROUP BY scheme_id, period, kind HAVING COUNT(*) > 1"));
        Assert.Empty(await _database.QueryAsync<string>(
            "SELECT l.invoice_number FROM invoice_lines l LEFT JOIN invoices i ON i.number = l.invoice_number WHERE i.number IS NULL"));
        Assert.Empty(await _database.QueryAsync<string>(
            "SELECT i.number FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_number = i.number WHERE l.invoice_number IS NULL"));
        output.WriteLine($"checked {numbers.Count} invoice numbers");
    }

    /// <summary>
    /// Before anything is settled again: each settled month is billed, for every municipality at once, exactly what one
    /// state of the data gives for it (the state the last run that computed it read); an unsettled month is billed
    /// nothing. After a year end the year's totals are one state's. A correction billed twice would match no state.
    /// </summary>
    private async Task AssertEachSettledMonthIsOneStateOfTheDataAsync()
    {
        var hadYearEnd = await HadYearEndAsync();
        var billed = await BilledAsync(hadYearEnd);
        var settled = (await _database.QueryAsync<string>("SELECT period FROM settlement_runs WHERE scheme_id = 'chaos' AND kind = 'voorschot'"))
            .Select(p => p.Trim()).ToHashSet();
        var states = _states.Select(state => Expected(state.Values, hadYearEnd)).ToList();
        var periods = hadYearEnd ? ["2026"] : Enumerable.Range(1, 12).Select(m => $"2026-{m:00}").ToList();
        foreach (var period in periods)
        {
            var ofPeriod = Participants.ToDictionary(p => p, p => billed.GetValueOrDefault((p, period)));
            if (!hadYearEnd && !settled.Contains(period))
            {
                Assert.All(ofPeriod, b => Assert.Equal(0, b.Value));
                continue;
            }
            Assert.True(states.Any(state => Participants.All(p => state.GetValueOrDefault((p, period)) == ofPeriod[p])),
                $"{period}: billed {string.Join(", ", ofPeriod.Select(b => $"{b.Key} {b.Value}"))} cents, which no state of the data gives");
        }
        Assert.Equal(0, billed.Where(b => !Participants.Contains(b.Key.Municipality)).Sum(b => b.Value));
        output.WriteLine($"{periods.Count} period(s) each billed as one of {_states.Count} states of the data");
    }

    /// <summary>After the final settlement: every municipality and month (or, after a year end, the year) is billed what the final data give.</summary>
    private async Task AssertEveryMonthIsTheFinalDataAsync()
    {
        var hadYearEnd = await HadYearEndAsync();
        var billed = await BilledAsync(hadYearEnd);
        var wanted = Expected(_states[^1].Values, hadYearEnd);
        foreach (var key in wanted.Keys.Union(billed.Keys))
        {
            Assert.True(wanted.GetValueOrDefault(key) == billed.GetValueOrDefault(key),
                $"{key.Municipality} {key.Period}: billed {billed.GetValueOrDefault(key)} cents, the final data give {wanted.GetValueOrDefault(key)}");
        }
        output.WriteLine($"{wanted.Count} municipality-periods billed as the final data say ({(hadYearEnd ? "year totals after a year end" : "months")})");
    }

    private async Task<bool> HadYearEndAsync() =>
        (await _database.QueryAsync<string>("SELECT event FROM year_events WHERE scheme_id = 'chaos'")).Count > 0;

    /// <summary>What each municipality was billed per month (with a year end: for the year), invoices and own shares alike.</summary>
    private async Task<Dictionary<(string Municipality, string Period), long>> BilledAsync(bool perYear) =>
        (await _database.QueryAsync<(string Municipality, string Period, long Cents)>(
            """
            SELECT i.debtor, l.periode, l.amount_cents FROM invoice_lines l JOIN invoices i ON i.number = l.invoice_number
            JOIN settlement_runs r ON r.id = i.run_id WHERE r.scheme_id = 'chaos' AND l.periode LIKE '2026%'
            UNION ALL
            SELECT municipality_code, periode, amount_cents FROM settlement_entries WHERE scheme_id = 'chaos' AND periode LIKE '2026%'
            """))
        .GroupBy(b => (Municipality: b.Municipality.Trim(), Period: perYear ? "2026" : b.Period.Trim()))
        .ToDictionary(g => g.Key, g => g.Sum(b => b.Cents));

    private async Task<Dictionary<string, Row>> StoredRowsAsync() =>
        (await _database.QueryAsync<(string Number, string Municipality, decimal Hours, object Start, object? End)>(
            "SELECT number, municipality_code, hours_per_week, start_date, end_date FROM beschikkingen"))
        .ToDictionary(r => r.Number, r => new Row(r.Municipality.Trim(), r.Hours, Date(r.Start), r.End is null ? null : Date(r.End)));

    private static string Format(Dictionary<string, Row> rows) =>
        string.Join("; ", rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Key} {r.Value.Municipality} {r.Value.Hours:0.##} {r.Value.Start:yyyy-MM-dd} {r.Value.End:yyyy-MM-dd}")));

    /// <summary>A state of the data by the rule itself: per eligible beschikking (JW, under 12 hours, a participant's resident) 4,000 cents a day, per municipality and month (or year).</summary>
    private static Dictionary<(string Municipality, string Period), long> Expected(IEnumerable<Row> rows, bool perYear)
    {
        var expected = new Dictionary<(string, string), long>();
        foreach (var row in rows.Where(r => r.Hours < 12m && Participants.Contains(r.Municipality)))
        {
            var end = row.End ?? new DateOnly(2026, 12, 31);
            for (var day = new DateOnly(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
            {
                if (day >= row.Start && day <= end)
                {
                    var key = (row.Municipality, perYear ? "2026" : $"2026-{day.Month:00}");
                    expected[key] = expected.GetValueOrDefault(key) + CentsPerDay;
                }
            }
        }
        return expected;
    }

    private static DateOnly Date(object value) => value switch
    {
        DateTime d => DateOnly.FromDateTime(d),
        DateOnly d => d,
        string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"A date as {value.GetType()}"),
    };

    private void WriteSchemeAndRegion()
    {
        _workspace.Write(Path.Combine("schemes", "chaos.json"), """
            { "id": "chaos", "name": "Chaos", "startYear": 2026,
              "schools": ["30AB00"], "participants": ["GM0268", "GM0209", "GM1945"],
              "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5, "hourlyRate": 73.00, "schoolWeeks": 40 },
              "key": { "type": "children" },
              "flow": { "type": "lead", "lead": "GM0268" },
              "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        _workspace.WriteRegion("""
            B1;cl-1;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            B2;cl-2;GM1945;30AB;00;Aanbieder;JZ;JW;6;2026-03-15;2026-09-30
            B3;cl-3;GM0268;30AB;00;Aanbieder;JZ;JW;3;2026-02-01;
            B4;cl-4;GM0202;30AB;00;Aanbieder;JZ;JW;2;2026-01-01;
            B5;cl-5;GM0209;30AB;00;Aanbieder;JZ;JW;14;2026-01-01;
            """);
        _states.Add(new Dictionary<string, Row>
        {
            ["B1"] = new("GM0209", 4m, new DateOnly(2026, 1, 1), null),
            ["B2"] = new("GM1945", 6m, new DateOnly(2026, 3, 15), new DateOnly(2026, 9, 30)),
            ["B3"] = new("GM0268", 3m, new DateOnly(2026, 2, 1), null),
            ["B4"] = new("GM0202", 2m, new DateOnly(2026, 1, 1), null),
            ["B5"] = new("GM0209", 14m, new DateOnly(2026, 1, 1), null),
        });
    }

    /// <summary>What the lanes did: operations per kind, kills, and exits that are neither success, a refusal nor a kill.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<string, int> _operations = [];
        private readonly List<string> _unexpected = [];
        private int _refused;

        public int Kills { get; private set; }

        public IReadOnlyList<string> Unexpected
        {
            get
            {
                lock (_unexpected)
                {
                    return [.. _unexpected];
                }
            }
        }

        public void Add(string kind, bool killed, int exitCode, string error)
        {
            lock (_unexpected)
            {
                _operations[kind] = _operations.GetValueOrDefault(kind) + 1;
                if (killed)
                {
                    Kills++;
                }
                else if (exitCode == 1 && Refusals.Any(r => error.Contains(r, StringComparison.Ordinal)))
                {
                    _refused++;
                }
                else if (exitCode != 0)
                {
                    _unexpected.Add($"{kind} exit {exitCode}: {error}");
                }
            }
        }

        public override string ToString()
        {
            lock (_unexpected)
            {
                return $"{_operations.Values.Sum()} operations ({string.Join(", ", _operations.OrderBy(o => o.Key).Select(o => $"{o.Value} {o.Key}"))}), "
                    + $"{Kills} killed with SIGKILL, {_refused} refused, {_unexpected.Count} unexpected";
            }
        }
    }
}

public sealed class ChaosTestsOnSqlite(ITestOutputHelper output) : ChaosTests<SqliteSharedDatabase>(output);

public sealed class ChaosTestsOnPostgreSql(ITestOutputHelper output) : ChaosTests<PostgreSqlSharedDatabase>(output);
