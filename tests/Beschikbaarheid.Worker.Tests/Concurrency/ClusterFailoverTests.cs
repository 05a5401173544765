using System.Collections.Concurrent;
using System.Diagnostics;
using Beschikbaarheid.Core.Periods;

namespace Beschikbaarheid.Worker.Tests.Concurrency;

/// <summary>
/// Two clustered <c>run</c> workers on one PostgreSQL database, the monthly settlement firing every second.
/// The node that starts settling is killed with SIGKILL in the middle of catching up the year's months; the
/// other node takes the job over and completes them: every month issued exactly once, numbers gapless.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
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
        // Every complete month of this year is due: the scheme starts in January and a child is there from then on.
        var latest = YearMonth.Of(DateOnly.FromDateTime(DateTime.Now)).Previous;
        var year = latest.Year;
        _workspace.Write(Path.Combine("schemes", "cluster.json"), $$"""
            { "id": "cluster", "name": "Cluster", "startYear": {{year}},
              "schools": ["30AB00"], "participants": ["GM0268", "GM0209", "GM1945"],
              "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "hourlyRate": 62.50, "schoolWeeks": 40 },
              "key": { "type": "children" }, "flow": { "type": "lead", "lead": "GM0268" },
              "invoice": { "iban": "NL00BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        _workspace.WriteRegion($"B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;{year}-01-01;\nB2;cl-b;GM1945;30AB;00;Aanbieder;JZ;JW;6;{year}-01-01;");
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
        };
        string[] run = ["run", .. database, "--schemes", _workspace.Schemes, "--out", _workspace.Output];
        using var first = Node.Start(_workspace, environment, run);
        using var second = Node.Start(_workspace, environment, run);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        // The first node to issue a month is in the middle of the catch-up: kill it there.
        var settling = await Node.FirstToSayAsync([first, second], " issued ", timeout.Token);
        var survivor = settling == first ? second : first;
        var runsAtKill = await RunsAsync();
        settling.Kill();
        var killedAt = Stopwatch.StartNew();
        output.WriteLine($"killed the settling node after {runsAtKill} of {latest.Month} months");

        TimeSpan? takeover = null;
        while (await RunsAsync() < latest.Month)
        {
            if (takeover is null && await RunsAsync() > runsAtKill)
            {
                takeover = killedAt.Elapsed;
            }
            await Task.Delay(200, timeout.Token);
        }
        takeover ??= killedAt.Elapsed;
        output.WriteLine($"failover: the surviving node issued its first month {takeover.Value.TotalSeconds:0.0} s after the kill; all {latest.Month} months after {killedAt.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0, await survivor.StopAsync());

        var periods = await _database.QueryAsync<string>("SELECT period FROM settlement_runs WHERE scheme_id = 'cluster' ORDER BY period");
        Assert.Equal(Enumerable.Range(1, latest.Month).Select(m => new YearMonth(year, m).ToString()), periods.Select(p => p.Trim()));
        // Two invoices a month (Beuningen and Berg en Dal), numbered 1..2n without a gap.
        var numbers = (await _database.QueryAsync<string>("SELECT number FROM invoices")).Select(n => int.Parse(n[^5..], System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(1, 2 * latest.Month), numbers);
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

        public static Node Start(Workspace workspace, IReadOnlyDictionary<string, string> environment, string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workspace.Folder, RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "beschikbaarheid.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
            return new Node(Process.Start(start)!);
        }

        public static async Task<Node> FirstToSayAsync(IReadOnlyList<Node> nodes, string text, CancellationToken cancellationToken)
        {
            while (true)
            {
                foreach (var node in nodes)
                {
                    while (node._lines.TryTake(out var line))
                    {
                        if (line.Contains(text, StringComparison.Ordinal))
                        {
                            return node;
                        }
                    }
                }
                await Task.Delay(20, cancellationToken);
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
