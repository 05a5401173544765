using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// Only finished periods are invoiced (issue 12, point 1): <c>settle</c> and <c>finalize</c> refuse a month or year that has not
/// ended by the invoice date (today in Europe/Amsterdam unless <c>--invoice-date</c> is given) with exit code 1 and one line naming
/// the period and the date, before anything is stored or any invoice number is used.
/// </summary>
public sealed class FinishedPeriodTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>Wednesday 2 December 2026, 09:00 in Amsterdam (08:00 UTC): December 2026 and the year 2026 have not ended.</summary>
    private static readonly DateTimeOffset SecondOfDecember = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The workspace's scheme and region with one Beuningen child from January 2026, imported; March 2026 settled (GM0268-2026-00001).</summary>
    private async Task SettledMarchAsync()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            var (code, _, error) = await _workspace.RunAsync("import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), "--db", _workspace.Database);
            Assert.True(code == 0, error);
        }
        var march = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03", "--invoice-date", "2026-04-01"));
        Assert.True(march.ExitCode == 0, march.Error);
    }

    private async Task<(long Runs, long Invoices, long LastNumber, long YearEvents)> StoredAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_workspace.Database};Pooling=False");
        await connection.OpenAsync();
        async Task<long> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)(await command.ExecuteScalarAsync())!;
        }
        return (await Scalar("SELECT COUNT(*) FROM settlement_runs"), await Scalar("SELECT COUNT(*) FROM invoices"),
            await Scalar("SELECT COALESCE(MAX(last_number), 0) FROM invoice_sequences"), await Scalar("SELECT COUNT(*) FROM year_events"));
    }

    /// <summary>The refusal is one line on stderr, without a stack trace, and nothing new is stored or written.</summary>
    private async Task AssertRefusedAsync((int ExitCode, string Out, string Error) result, params string[] named)
    {
        Assert.True(result.ExitCode == 1, result.Out + result.Error);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            l => l.StartsWith("Scheme ", StringComparison.Ordinal));
        foreach (var part in named)
        {
            Assert.Contains(part, line, StringComparison.Ordinal);
        }
        Assert.Contains("Nothing issued.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        // Only March's run and its one invoice; the sequence still stands at 1.
        Assert.Equal((1L, 1L, 1L, 0L), await StoredAsync());
        Assert.Equal(["2026-03"], Directory.GetDirectories(Path.Combine(_workspace.Output, Workspace.SchemeId)).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Settle_OfAMonthYearsAhead_ExitsOne_NamingTheMonthAndToday_AndIssuesNothing()
    {
        await SettledMarchAsync();
        // The typo of the issue: 2031-03 for 2026-03. March 2031 ends on 31 March 2031, years after any run of these tests.
        var result = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2031-03"));
        await AssertRefusedAsync(result, "2031-03 has not ended by today, ", "2031-03-31");
        Assert.Matches(@"by today, \d{4}-\d{2}-\d{2};", result.Error);

        // No invoice number was used: the next month settled takes the next number.
        var april = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-04", "--invoice-date", "2026-05-01"));
        Assert.True(april.ExitCode == 0, april.Error);
        Assert.Contains("GM0268-2026-00002", april.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_WithAnInvoiceDateBeforeTheMonthsLastDay_ExitsOne_NamingTheMonthAndTheDate()
    {
        await SettledMarchAsync();
        // April 2026 ends on 30 April: an invoice dated 29 April is too early.
        var result = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-04", "--invoice-date", "2026-04-29"));
        await AssertRefusedAsync(result, "the invoice date 2026-04-29 is before the last day of 2026-04 (2026-04-30)");

        // Dated on the last day itself, April is settled.
        var onTheLastDay = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-04", "--invoice-date", "2026-04-30"));
        Assert.True(onTheLastDay.ExitCode == 0, onTheLastDay.Error);
        Assert.Contains("GM0268-2026-00002", onTheLastDay.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_OfTheCurrentMonth_ExitsOne_NamingTheMonthAndToday()
    {
        Assert.SkipWhen(Workspace.FakeTime is null, "faketime is not installed (apt-get install faketime; .ci/run installs it): 'today' cannot be set.");
        await SettledMarchAsync();
        // Today 2 December 2026: December 2026 runs to the 31st.
        var result = await _workspace.RunAtAsync(SecondOfDecember, _workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-12"));
        await AssertRefusedAsync(result, "Scheme nijmegen-st-maarten: 2026-12 has not ended by today, 2026-12-02; it can be settled from 2026-12-31");
    }

    [Fact]
    public async Task Finalize_OfTheCurrentYear_ExitsOne_NamingTheYearAndToday()
    {
        Assert.SkipWhen(Workspace.FakeTime is null, "faketime is not installed (apt-get install faketime; .ci/run installs it): 'today' cannot be set.");
        await SettledMarchAsync();
        // Today 2 December 2026: the year 2026 runs to 31 December. Refused for that, not for its unsettled months.
        var result = await _workspace.RunAtAsync(SecondOfDecember, _workspace.With("finalize", "--scheme", Workspace.SchemeId, "--year", "2026"));
        await AssertRefusedAsync(result, "Scheme nijmegen-st-maarten: 2026 has not ended by today, 2026-12-02; its year end can be issued from 2026-12-31");
    }

    [Fact]
    public async Task Finalize_OfAYearYearsAhead_AndWithAnInvoiceDateBeforeThirtyFirstDecember_ExitsOne()
    {
        await SettledMarchAsync();
        var ahead = await _workspace.RunAsync(_workspace.With("finalize", "--scheme", Workspace.SchemeId, "--year", "2031"));
        await AssertRefusedAsync(ahead, "2031 has not ended by today, ", "2031-12-31");
        var early = await _workspace.RunAsync(_workspace.With("finalize", "--scheme", Workspace.SchemeId, "--year", "2026", "--invoice-date", "2026-12-30"));
        await AssertRefusedAsync(early, "the invoice date 2026-12-30 is before the last day of 2026 (2026-12-31)");
    }
}
