using System.Collections.Concurrent;
using System.Diagnostics;
using Beschikbaarheid.Core.Periods;

namespace Beschikbaarheid.Worker.Tests.Concurrency;

/// <summary>
/// Two clustered <c>run</c> workers on one PostgreSQL database, the monthly settlement firing every second.
/// The node that starts settling is killed with SIGKILL in the middle of catching up twelve months, right after it
/// logged that it is issuing a month (inside that month's transaction); the other node takes the job over and
/// completes them: every month issued exactly once, numbers gapless.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Guests = 150;

    private readonly Workspace _workspace = new();
    private readonly PostgreSqlSharedDatabase _database = new();

    public async ValueTask InitializeAsync() => await _database.CreateAsync(_workspace);

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _workspace.Dispose();
    }

    [Fact]
    public async Task ANodeKilledWhileSettling_IsTakenOverByTheOther_AndEveryMonthIsIssuedOnce()
    {
        // Twelve complete months are due whatever today is: the scheme and its children start more than a year ago,
        // and the worker catches up at most twelve months (Schedule:CatchUpMonths).
        var latest = YearMonth.Of(DateOnly.FromDateTime(DateTime.Now)).Previous;
        var due = new List<YearMonth> { latest };
        while (due.Count < 12)
        {
            due.Insert(0, due[0].Previous);
        }
        var year = latest.Year - 1;
        // 150 municipalities with a child each, so issuing a month (150 invoices) takes long enough to be killed inside it.
        var guests = Enumerable.Range(1000, Guests).Select(n => $"GM{n}").ToList();
        _workspace.Write(Path.Combine("schemes", "cluster.json"), $$"""
            { "id": "cluster", "name": "Cluster", "startYear": {{year - 1}},
              "schools": ["30AB00"], "participants": ["GM0268", {{string.Join(", ", guests.Select(g => $"\"{g}\""))}}],
              "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "hourlyRate": 62.50, "schoolWeeks": 40 },
              "key": { "type": "children" }, "flow": { "type": "lead", "lead": "GM0268" },
              "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        _workspace.WriteRegion(string.Join("\n", guests.Select(g => $"B{g};cl-{g};{g};30AB;00;Aanbieder;JZ;JW;4;{year - 1}-01-01;")));
        _workspace.Write("gemeenten.csv", "gemeentecode;naam\nGM0268;Nijmegen\n" + string.Join("\n", guests.Select(g => $"{g};Gemeente {g}")));
        string[] database = [.. _database.Options];
        Assert.Equal(0, (await _workspace.RunAsync(_database.Environment, ["db", "migrate", .. database])).ExitCode);
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            Assert.Equal(0, (await _workspace.RunAsync(_database.Environment, ["import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), .. database])).ExitCode);
        }

        var environment = new Dictionary<string, string>(_database.Environment)
        {
            ["Schedule__MonthlySettlementCron"] = "* * * * * ?",
            ["Schedule__DrawingRightsCron"] = "0 0 6 1 1 ? 2099",
            ["Schedule__CatchUpMonths"] = "12",
            // "issuing N invoices", logged inside the month's transaction, is a debug line: the test kills a node there.
            ["Logging__LogLevel__Beschikbaarheid.Worker.Application.SettlementService"] = "Debug",
        };
        string[] run = ["run", .. database, "--schemes", _workspace.Schemes, "--out", _workspace.Output];
        using var first = Node.Start(_workspace, environment, run);
        using var second = Node.Start(_workspace, environment, run);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        // The first node to log that it is issuing a month is inside that month's transaction: kill it there. A
        // month or two in, so the catch-up is half done.
        var settling = await Node.FirstToSayAsync([first, second], ": issuing ", timeout.Token, times: 2);
        var survivor = settling == first ? second : first;
        settling.Kill();
        var killedAt = Stopwatch.StartNew();
        var runsAtKill = await RunsAsync();
        output.WriteLine($"killed the settling node while it issued its second month; {runsAtKill} of {due.Count} months were committed then"
            + (runsAtKill == 1 ? " (the kill landed inside the second month's transaction)" : " (the second month had committed before the kill landed)"));

        TimeSpan? takeover = null;
        while (await RunsAsync() < due.Count)
        {
            if (takeover is null && await RunsAsync() > runsAtKill)
            {
                takeover = killedAt.Elapsed;
            }
            await Task.Delay(200, timeout.Token);
        }
        takeover ??= killedAt.Elapsed;
        output.WriteLine($"failover: the surviving node issued its first month {takeover.Value.TotalSeconds:0.0} s after the kill; all {due.Count} months after {killedAt.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0, await survivor.StopAsync());

        var periods = await _database.QueryAsync<string>("SELECT period FROM settlement_runs WHERE scheme_id = 'cluster' ORDER BY period");
        Assert.Equal(due.Select(m => m.ToString()), periods.Select(p => p.Trim()));
        // 150 invoices a month (every guest municipality), all dated today, so numbered 1..1,800 in this year's series without a gap.
        var numbers = (await _database.QueryAsync<string>("SELECT number FROM invoices")).Select(n => int.Parse(n[^5..], System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(1, Guests * due.Count), numbers);
    }

    private async Task<int> RunsAsync() =>
        (int)(await _database.QueryAsync<long>("SELECT COUNT(*) FROM settlement_runs WHERE scheme_id = 'cluster'")).Single();

    /// <summary>A worker process whose stderr is read all along, so its log never blocks it.</summary>
    private sealed class Node : IDisposable
    {
        private readonly Process _process;
        private readonly BlockingCollection<string> _lines = [];

        private Node(Process process)
        {
            _process = process;
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    _lines.Add(line);
                }
            };
            _process.OutputDataReceived += (_, _) => { };
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
        }

        public static Node Start(Workspace workspace, IReadOnlyDictionary<string, string> environment, string[] args) =>
            new(workspace.Launch("beschikbaarheid.dll", environment, args));

        /// <summary>The first node to write a line containing <paramref name="text"/> for the <paramref name="times"/>-th time.</summary>
        public static async Task<Node> FirstToSayAsync(IReadOnlyList<Node> nodes, string text, CancellationToken cancellationToken, int times = 1)
        {
            var seen = nodes.ToDictionary(n => n, _ => 0);
            while (true)
            {
                foreach (var node in nodes)
                {
                    while (node._lines.TryTake(out var line))
                    {
                        if (line.Contains(text, StringComparison.Ordinal) && ++seen[node] == times)
                        {
                            return node;
                        }
                    }
                }
                await Task.Delay(1, cancellationToken);
            }
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public Task<int> StopAsync() => Workspace.StopAsync(_process);

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.Dispose();
            _lines.Dispose();
        }
    }
}
