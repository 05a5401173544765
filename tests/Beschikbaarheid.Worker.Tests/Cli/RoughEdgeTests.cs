using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// What an operator runs into (issue 12, point 5), through the executable: a wrong setting or value named in plain words with
/// the exit code the README gives (1 rejected input or failed work, 2 wrong usage), never a stack trace.
/// </summary>
public sealed partial class RoughEdgeTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static void NoStackTrace(string error)
    {
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    private async Task ImportRegionAsync()
    {
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            var (code, _, error) = await _workspace.RunAsync("import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), "--db", _workspace.Database);
            Assert.True(code == 0, error);
        }
    }

    [Theory]
    [InlineData("Schedule__MonthlySettlementCron", "0 0 6 x", "Schedule:MonthlySettlementCron is '0 0 6 x', which is not a Quartz cron expression")]
    [InlineData("Schedule__DrawingRightsCron", "every december", "Schedule:DrawingRightsCron is 'every december', which is not a Quartz cron expression")]
    [InlineData("Schedule__DrawingRightsCron", "0 0 6 1 12 ? 2020", "Schedule:DrawingRightsCron is '0 0 6 1 12 ? 2020', which never fires again")]
    [InlineData("Schedule__TimeZone", "Europe/Nijmegen", "Schedule:TimeZone is 'Europe/Nijmegen'")]
    public async Task Run_WithABadScheduleSetting_ExitsOneAtStart_NamingTheSettingAndItsValue_WithoutAStackTrace(string variable, string value, string message)
    {
        _workspace.WriteScheme();
        var (code, _, error) = await _workspace.RunAsync(new Dictionary<string, string> { [variable] = value }, _workspace.With("run"));
        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Worker started", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WithABadCron_IsUnhealthy_NamingTheSetting()
    {
        Assert.Equal(0, (await _workspace.RunAsync("db", "migrate", "--db", _workspace.Database)).ExitCode);
        var (code, output, error) = await _workspace.RunAsync(
            new Dictionary<string, string> { ["Schedule__MonthlySettlementCron"] = "0 0 6 x" }, "status", "--db", _workspace.Database);
        Assert.Equal(1, code);
        Assert.Contains("FAIL next monthly settlement: Schedule:MonthlySettlementCron is '0 0 6 x'", output, StringComparison.Ordinal);
        NoStackTrace(error);
    }

    [Fact]
    public async Task History_OfAnUnknownScheme_ExitsOne_NamingTheSchemeAndTheSchemeFolder()
    {
        _workspace.WriteScheme();
        var (code, output, error) = await _workspace.RunAsync("history", "--scheme", "nope", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains($"Unknown scheme 'nope': nothing stored for it and no file nope.json in the scheme folder {_workspace.Schemes}", error, StringComparison.Ordinal);

        // A known scheme without runs is an empty history, not an error.
        var known = await _workspace.RunAsync("history", "--scheme", Workspace.SchemeId, "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.True(known.ExitCode == 0, known.Error);
        Assert.Contains("0 run(s), 0 invoice(s)", known.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--year '20x6' is not a funding year", "history", "--scheme", "x", "--year", "20x6")]
    [InlineData("--year '20x6' is not a funding year", "finalize", "--scheme", "x", "--year", "20x6")]
    [InlineData("--year '2026.5' is not a funding year", "trekkingsrecht", "--scheme", "x", "--year", "2026.5")]
    [InlineData("--year '1999' is not a funding year", "reopen", "--scheme", "x", "--year", "1999", "--reason", "r")]
    [InlineData("--period '2026-13' is not a month in the form yyyy-MM", "settle", "--scheme", "x", "--period", "2026-13")]
    [InlineData("--invoice-date '01-04-2026' is not a date in the form yyyy-MM-dd", "settle", "--scheme", "x", "--period", "2026-03", "--invoice-date", "01-04-2026")]
    [InlineData("--last 'ten' is not a whole number of 1 or more", "imports", "--last", "ten")]
    [InlineData("--last '0' is not a whole number of 1 or more", "imports", "--last", "0")]
    [InlineData("--schools 'many' is not a whole number of 1 or more", "bench", "--schools", "many")]
    public async Task ABadNumberOrDate_ExitsTwo_NamingTheOptionAndTheValueInPlainWords(string message, params string[] args)
    {
        var (code, output, error) = await _workspace.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        NoStackTrace(error);
        Assert.DoesNotContain("expected type", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopen_WithoutAReason_IsWrongUsage_AndItsHelpShowsTheReasonAsRequired()
    {
        var (code, _, error) = await _workspace.RunAsync("reopen", "--scheme", Workspace.SchemeId, "--year", "2026", "--db", _workspace.Database);
        Assert.Equal(2, code);
        Assert.Contains("Option '--reason' is required.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.Database));

        var help = await _workspace.RunAsync("reopen", "--help");
        Assert.Matches(@"--reason <TEXT> \(REQUIRED\)", help.Out);
    }

    [Theory]
    [InlineData("gemeenten")]
    [InlineData("overhevelingen")]
    public async Task Import_OfAMissingFile_SaysFileNotFound_NotABadRow_AndCreatesNoDatabase(string kind)
    {
        _workspace.WriteScheme();
        var missing = Path.Combine(_workspace.Folder, "nergens.csv");
        var (code, _, error) = await _workspace.RunAsync(["import", kind, missing, "--scheme", Workspace.SchemeId, "--db", _workspace.Database, "--schemes", _workspace.Schemes]);
        Assert.Equal(1, code);
        Assert.Equal($"file not found: {missing}; nothing imported.", error.Trim());
        Assert.False(File.Exists(_workspace.Database));
    }

    [Fact]
    public async Task Status_ShowsTheScheduleStoredByTheScheduler_AndTheConfiguredOneWhenItDiffers()
    {
        _workspace.WriteScheme();
        // Before the worker ran: the configured schedule, said to be not stored yet.
        Assert.Equal(0, (await _workspace.RunAsync("db", "migrate", "--db", _workspace.Database)).ExitCode);
        var before = await _workspace.RunAsync("status", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.Contains("ok   next monthly settlement:", before.Out, StringComparison.Ordinal);
        Assert.Contains("('0 0 6 1 * ?' as configured; the worker has not stored a schedule in this database yet)", before.Out, StringComparison.Ordinal);

        using (var worker = await _workspace.StartAsync("beschikbaarheid.dll", "Worker started", _workspace.With("run")))
        {
            Assert.Equal(0, await Workspace.StopAsync(worker));
        }
        // The configuration now says the 2nd at 07:30; the scheduler still holds the 1st at 06:00 until the worker starts again.
        var changed = new Dictionary<string, string> { ["Schedule__MonthlySettlementCron"] = "0 30 7 2 * ?" };
        var (code, output, error) = await _workspace.RunAsync(changed, "status", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.True(code == 0, output + error);
        Assert.Matches(
            @"ok   next monthly settlement: \d{4}-\d{2}-01 06:00 Europe/Amsterdam \('0 0 6 1 \* \?' Europe/Amsterdam as stored by the scheduler; configured '0 30 7 2 \* \?' Europe/Amsterdam, applied when the worker next starts\)",
            output);
        Assert.Contains("ok   next drawing rights: ", output, StringComparison.Ordinal);
        Assert.Contains("('0 0 6 1 12 ?' as stored by the scheduler)", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    private static partial Regex IsoWithOffset();

    /// <summary>Starts the worker, waits until it has logged its next fire times, stops it with SIGTERM and returns all it logged.</summary>
    private async Task<IReadOnlyList<string>> RunWorkerAsync(IReadOnlyDictionary<string, string>? environment)
    {
        using var worker = _workspace.Launch("beschikbaarheid.dll", environment, _workspace.With("run"));
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await worker.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line.Contains("Next drawing rights", StringComparison.Ordinal))
            {
                break;
            }
        }
        Assert.Equal(0, await Workspace.StopAsync(worker));
        lines.AddRange((await worker.StandardError.ReadToEndAsync(timeout.Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return lines;
    }

    [Fact]
    public async Task Run_LogsItsDatabaseFoldersAndNextFireTimesInTheRegionsZone_AtStart_AndThatItStopped()
    {
        _workspace.WriteScheme();
        var lines = await RunWorkerAsync(null);
        var log = string.Join('\n', lines);
        Assert.Contains(
            $"Worker started: database sqlite {_workspace.Database}; schemes {_workspace.Schemes}; output {_workspace.Output}; time zone Europe/Amsterdam", log, StringComparison.Ordinal);
        Assert.Matches(@"Next monthly settlement: \d{4}-\d{2}-01T06:00:00\+0[12]:00 \(Europe/Amsterdam, cron '0 0 6 1 \* \?'\)", log);
        Assert.Matches(@"Next drawing rights: \d{4}-12-01T06:00:00\+01:00 \(Europe/Amsterdam, cron '0 0 6 1 12 \?'\)", log);
        Assert.DoesNotContain(" UTC", log, StringComparison.Ordinal);
        Assert.EndsWith("Worker stopped", lines[^1].TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithTheJsonLog_GivesNextFireAsIso8601WithOffset()
    {
        _workspace.WriteScheme();
        var lines = await RunWorkerAsync(new Dictionary<string, string> { ["Logging__Format"] = "json" });
        var fires = lines
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("State", out var state) && state.TryGetProperty("NextFire", out _))
            .Select(e => e.GetProperty("State").GetProperty("NextFire").GetString()!)
            .ToList();
        Assert.Equal(2, fires.Count);
        Assert.All(fires, f => Assert.Matches(IsoWithOffset(), f));
        Assert.Contains(lines, l => l.Contains("\"Message\":\"Worker stopped\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Settle_LogsOneLinePerMonthWithWhatWasIssued_WithoutARepeatedScopePrefix()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;\nB2;cl-b;GM1945;30AB;00;Aanbieder;JZ;JW;6;2026-03-31;");
        await ImportRegionAsync();
        var (code, _, error) = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03", "--invoice-date", "2026-04-01"));
        Assert.True(code == 0, error);
        var issued = Assert.Single(error.Split('\n'), l => l.Contains("issued", StringComparison.Ordinal));
        Assert.EndsWith(
            "nijmegen-st-maarten 2026-03: run 1 issued 2 invoice(s) and 0 credit note(s), total € 1.205,48, with 0 correction line(s)", issued.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("scheme nijmegen-st-maarten period 2026-03", error, StringComparison.Ordinal);
        Assert.DoesNotContain("=>", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_OfAMonthWithACreditNote_SummaryShowsItsNegativeAmountAndItsCorrections()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;\nB2;cl-b;GM1945;30AB;00;Aanbieder;JZ;JW;6;2026-03-01;");
        await ImportRegionAsync();
        var march = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03", "--invoice-date", "2026-04-01"));
        Assert.True(march.ExitCode == 0, march.Error);

        // Beuningen's beschikking turns out to have ended in February: April bills it nothing and takes March's € 1.167,81 back.
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;2026-02-28\nB2;cl-b;GM1945;30AB;00;Aanbieder;JZ;JW;6;2026-03-01;");
        await ImportRegionAsync();
        var (code, output, error) = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-04", "--invoice-date", "2026-05-01"));
        Assert.True(code == 0, error);
        Assert.Contains("issued 2 invoice(s), 1 of them credit note(s), with 1 correction line(s) for earlier months.", output, StringComparison.Ordinal);
        var beuningen = Assert.Single(output.Split('\n'), l => l.Contains("Beuningen", StringComparison.Ordinal));
        // Deze maand € 0,00; corrections − € 1.167,81; the credit note's amount the same, negative, and named a credit note.
        Assert.Matches(@"€ 0,00 +│ +€ -1\.167,81 +│ +€ -1\.167,81 +│ +creditnota GM0268-2026-0000\d", beuningen);
    }

    [Fact]
    public async Task Demo_StartedOutsideTheRepository_RefusesNamingTheFolders_AndCreatesNothing()
    {
        var (code, output, error) = await _workspace.RunAsync("demo");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains($"The demo cannot find the sample region {Path.Combine(_workspace.Folder, "config", "sample")} (--sample DIR)", error, StringComparison.Ordinal);
        Assert.Contains("run the demo from the repository's root, or pass the folders. Nothing was created.", error, StringComparison.Ordinal);
        Assert.Equal([_workspace.Schemes], Directory.GetFileSystemEntries(_workspace.Folder));
    }
}
