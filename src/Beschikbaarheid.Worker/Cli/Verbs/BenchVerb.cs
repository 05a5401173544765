using System.CommandLine;
using System.Diagnostics;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Reports;
using Beschikbaarheid.Reports.Settlement;
using Beschikbaarheid.Worker.Application;
using Beschikbaarheid.Worker.Sample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheme = Beschikbaarheid.Core.Schemes.Scheme;

namespace Beschikbaarheid.Worker.Cli.Verbs;

/// <summary>
/// Measures import and settlement on a synthetic region and prints the figures. A measurement, not a
/// test: nothing here passes or fails on time.
/// </summary>
internal static class BenchVerb
{
    public static Command Create()
    {
        var municipalities = ValueOptions.Count("--municipalities", "Participating municipalities.", 1, 340);
        var schools = ValueOptions.Count("--schools", "Scheme school locations.", 1, 1000);
        var beschikkingen = ValueOptions.Count("--beschikkingen", "Beschikkingen.", 1, 200_000);
        var drawingRights = new Option<bool>("--drawing-rights") { Description = "Instead: drawing rights in memory for --schools locations (default 9,000 here) and --beschikkingen (default 500,000 here)." };
        var yearEnd = new Option<bool>("--year-end") { Description = "Then settle the rest of the year, a late backdated beschikking arriving before every month, and finalize it." };
        var noIncumbent = new Option<bool>("--no-incumbent") { Description = "Skip the incumbent: the region as a formula workbook, recalculated by LibreOffice headless, against which import + settle is measured." };
        var command = new Command("bench", "Benchmark: import and settle one month for a synthetic region, printing wall times and peak memory.")
        {
            municipalities, schools, beschikkingen, drawingRights, yearEnd, noIncumbent,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(drawingRights))
            {
                DrawingRightsBench.Run(
                    parse.GetResult(schools) is { Implicit: false } ? parse.GetValue(schools) : 9_000,
                    parse.GetResult(beschikkingen) is { Implicit: false } ? parse.GetValue(beschikkingen) : 500_000);
                return ExitCodes.Ok;
            }
            var folder = Directory.CreateTempSubdirectory("beschikbaarheid-bench-").FullName;
            try
            {
                var codes = Enumerable.Range(1, parse.GetValue(municipalities)).Select(i => $"GM{i:0000}").ToList();
                var watch = Stopwatch.StartNew();
                RegionGenerator.WriteSynthetic(codes, parse.GetValue(schools), parse.GetValue(beschikkingen), folder);
                // On disk before the import is timed, as a file delivered earlier is: otherwise the system writes the
                // generated files out while the import commits, and the import's time varied by half a second with it.
                FlushToDisk(Directory.EnumerateFiles(folder, "*.csv"));
                Console.WriteLine($"generate files          {watch.Elapsed.TotalSeconds,8:0.000} s");
                var documents = 2 * codes.Count;
                Console.WriteLine($"disk check              {DiskCheck(folder, documents).TotalSeconds,8:0.000} s  ({documents} new files of 16 KB published one by one, as many as a month writes; not part of any figure)");
                var schemeFolder = Directory.CreateDirectory(Path.Combine(folder, "schemes")).FullName;
                await File.WriteAllTextAsync(Path.Combine(schemeFolder, "bench.json"), SchemeJson(codes, parse.GetValue(schools)), cancellationToken).ConfigureAwait(false);

                var overrides = new Dictionary<string, string?>
                {
                    ["Database:File"] = Path.Combine(folder, "bench.db"),
                    ["Paths:Schemes"] = schemeFolder,
                    ["Paths:Output"] = Path.Combine(folder, "out"),
                    ["Logging:LogLevel:Default"] = "Warning",
                };
                return await VerbRunner.RunAsync(overrides, async (host, ct) =>
                {
                    var services = host.Services;
                    await services.GetRequiredService<DatabaseSetup>().MigrateAsync(ct).ConfigureAwait(false);
                    var import = services.GetRequiredService<ImportService>();
                    // Import + settle, the engine's side of the ratio to the incumbent workbook: the four imports and the end-to-end settle.
                    var engine = TimeSpan.Zero;
                    foreach (var kind in Enum.GetValues<ImportKind>())
                    {
                        watch.Restart();
                        var result = await import.ImportAsync(kind, Path.Combine(folder, kind.ToString().ToLowerInvariant() + ".csv"), null, "bench", ct).ConfigureAwait(false);
                        engine += watch.Elapsed;
                        Console.WriteLine($"import {kind,-16} {watch.Elapsed.TotalSeconds,8:0.000} s  {result.Rows,9} rows");
                    }

                    var scheme = services.GetRequiredService<SchemeFileLoader>().Load("bench");
                    await MeasurePhasesAsync(host, scheme, folder, ct).ConfigureAwait(false);
                    var period = new YearMonth(2026, 5);
                    var (settle, engineMonth) = await SettleEndToEndAsync(services, period, MunicipalityCode.Parse(codes[0]), ct).ConfigureAwait(false);
                    engine += settle;
                    if (parse.GetValue(yearEnd))
                    {
                        await SettleTheYearAsync(services, folder, codes, parse.GetValue(schools), ct).ConfigureAwait(false);
                    }
                    // Before the incumbent: writing its workbook is no part of the engine's memory.
                    Console.WriteLine($"peak working set        {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0,8:0.0} MB");
                    Console.WriteLine($"GC paused               {GC.GetTotalPauseDuration().TotalSeconds,8:0.000} s  ({GC.CollectionCount(0)} collections, {GC.CollectionCount(1)} of generation 1, {GC.CollectionCount(2)} of generation 2)");
                    if (!parse.GetValue(noIncumbent))
                    {
                        // After the engine's runs, so that LibreOffice and the engine never share the cores while either is timed.
                        await IncumbentBench.RunAsync(folder, scheme, period, MunicipalityCode.Parse(codes[0]), engine, engineMonth, ct).ConfigureAwait(false);
                    }
                    return ExitCodes.Ok;
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }

    /// <summary>
    /// How long this disk takes to create as many files as a month's documents, through the same publish (a temporary file
    /// moved into place): not part of any figure, but what the writing phases below had to work with. This machine's file
    /// system is ext4 without a journal, which places every new file past the inodes freed in the last minutes: the same
    /// files took 0.04 s on a quiet disk and 0.2-0.6 s minutes after another run had deleted its 9,000 files.
    /// </summary>
    private static TimeSpan DiskCheck(string folder, int files)
    {
        var check = Directory.CreateDirectory(Path.Combine(folder, "disk-check")).FullName;
        var content = new byte[16 * 1024];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < files; i++)
        {
            FileOutput.Publish(Path.Combine(check, $"{i}.bin"), path => File.WriteAllBytes(path, content));
        }
        var elapsed = watch.Elapsed;
        // On disk before anything else is timed, as the generated files are: their writing out would fall in the import.
        FlushToDisk(Directory.EnumerateFiles(check));
        return elapsed;
    }

    private static void FlushToDisk(IEnumerable<string> files)
    {
        foreach (var path in files)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// May end to end, its phases printed. Only the figures the incumbent is checked against leave this method: the month's
    /// settlement is not held through the year that is measured next.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, IReadOnlyList<IncumbentBench.EngineDebtor>? Month)> SettleEndToEndAsync(
        IServiceProvider services, YearMonth period, MunicipalityCode lead, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var phases = new PhaseTimer();
        var outcome = await services.GetRequiredService<SettlementService>().SettleAsync("bench", period, "bench", null, phases, ct).ConfigureAwait(false);
        phases.Report("done");
        var elapsed = watch.Elapsed;
        Console.WriteLine($"settle end to end       {elapsed.TotalSeconds,8:0.000} s  (load, calculate, correct March, store, {outcome.Files.Count} files written)");
        return (elapsed, IncumbentBench.Summarize(outcome.Settlement, period, lead));
    }

    /// <summary>
    /// March in its phases, one by one: load, calculate, store, read back, write. A unit of work of its own, so that what it
    /// holds is gone, and its memory given back as after any unit (<see cref="UnitOfWork"/>), before the end-to-end settle and
    /// the year are measured.
    /// </summary>
    private static Task MeasurePhasesAsync(IHost host, Scheme scheme, string folder, CancellationToken ct) =>
        host.Services.GetRequiredService<UnitOfWork>().RunAsync(token => MeasurePhasesOnceAsync(host, scheme, folder, token), ct);

    private static async Task<int> MeasurePhasesOnceAsync(IHost host, Scheme scheme, string folder, CancellationToken ct)
    {
        var services = host.Services;
        var period = new YearMonth(2026, 3);
        var watch = Stopwatch.StartNew();
        await using var session = await services.GetRequiredService<SchemeLocks>().AcquireAsync(scheme.Id, ct).ConfigureAwait(false);
        var loaded = await SettlementInputReader.LoadBeschikkingenAsync(session, scheme, period.Year, ct).ConfigureAwait(false);
        Console.WriteLine($"load period inputs      {watch.Elapsed.TotalSeconds,8:0.000} s  {loaded.Count,9} beschikkingen");
        watch.Restart();
        var plan = MonthlySettlement.Calculate(scheme, period, loaded);
        Console.WriteLine($"calculate, first call   {watch.Elapsed.TotalSeconds,8:0.000} s  {plan.Invoices.Count,9} invoices, {plan.Invoices.Sum(i => i.Lines.Count)} lines (includes JIT)");
        watch.Restart();
        MonthlySettlement.Calculate(scheme, period.Next, loaded);
        Console.WriteLine($"calculate, warm         {watch.Elapsed.TotalSeconds,8:0.000} s");
        watch.Restart();
        var runId = await services.GetRequiredService<SettlementWriter>().IssueAsync(session, scheme, plan, new DateOnly(2026, 4, 1), "bench", DateTimeOffset.UtcNow, "", ct).ConfigureAwait(false);
        await session.CommitAsync(ct).ConfigureAwait(false);
        Console.WriteLine($"store run and invoices  {watch.Elapsed.TotalSeconds,8:0.000} s");
        watch.Restart();
        var stored = await services.GetRequiredService<IssuedSettlements>().LoadAsync(runId, scheme.TermsFor(period.Year).Flow, ct).ConfigureAwait(false);
        Console.WriteLine($"load stored run         {watch.Elapsed.TotalSeconds,8:0.000} s");
        watch.Restart();
        var written = SettlementReports.WriteAll(stored, Path.Combine(folder, "phases"), host.Services.GetRequiredService<LocalCalendar>().TimeZone);
        Console.WriteLine($"write workbooks, journal{watch.Elapsed.TotalSeconds,8:0.000} s  {written.Count,9} files");
        return written.Count;
    }

    /// <summary>
    /// The months of 2026 not yet settled, each after a late beschikking backdated to January arrived, so every
    /// run corrects all earlier months; then the year end.
    /// </summary>
    private static async Task SettleTheYearAsync(IServiceProvider services, string folder, IReadOnlyList<string> codes, int schools, CancellationToken ct)
    {
        var settlement = services.GetRequiredService<SettlementService>();
        var import = services.GetRequiredService<ImportService>();
        var random = new Random(2026);
        var watch = Stopwatch.StartNew();
        for (var month = 1; month <= 12; month++)
        {
            var late = Path.Combine(folder, $"late-{month}.csv");
            var school = RegionGenerator.SchoolId(random.Next(schools));
            await File.WriteAllLinesAsync(late,
            [
                "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum",
                $"LATE{month:00};cl-late{month:00};{codes[random.Next(codes.Count)]};{school[..4]};{school[4..]};Aanbieder;JZ;JW;4;2026-01-01;",
            ], ct).ConfigureAwait(false);
            watch.Restart();
            await import.ImportAsync(ImportKind.Beschikkingen, late, null, "bench", ct).ConfigureAwait(false);
            // A file of one row still compares itself with the 200,000 stored: what an operator waits for a late delivery.
            var lateImport = watch.Elapsed;
            watch.Restart();
            // Invoiced the day after the month, as the job would: a month is settled only once it has ended.
            var period = new YearMonth(2026, month);
            // December's phases are printed: the run that corrects all eleven earlier months.
            var phases = month == 12 ? new PhaseTimer() : null;
            var outcome = await settlement.SettleAsync("bench", period, "bench", period.LastDay.AddDays(1), phases, ct).ConfigureAwait(false);
            phases?.Report("done");
            var corrections = outcome.Settlement?.Invoices.SelectMany(i => i.Lines).Count(l => l.Kind == SettlementKind.Correctie) ?? 0;
            Console.WriteLine($"settle 2026-{month:00}          {watch.Elapsed.TotalSeconds,8:0.000} s  {outcome.Status}, {corrections} correction lines; the late file of 1 row imported in {lateImport.TotalSeconds:0.000} s");
        }
        watch.Restart();
        var yearEnd = new PhaseTimer();
        var final = await services.GetRequiredService<YearEndService>().FinalizeAsync("bench", 2026, "bench", new DateOnly(2027, 1, 15), yearEnd, ct).ConfigureAwait(false);
        yearEnd.Report("done");
        // The late data was corrected month by month and nothing changed after December's run: the year is the sum of its
        // months, so the year end should issue no document (rounding alone never makes one).
        Console.WriteLine($"finalize 2026           {watch.Elapsed.TotalSeconds,8:0.000} s  {final.Settlement.Invoices.Count} year-end documents (final invoices and credit notes)");
    }

    /// <summary>Prints how long each phase the settlement reports took, as it reports the next one.</summary>
    private sealed class PhaseTimer : IProgress<string>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private string? _phase;
        private TimeSpan _paused = GC.GetTotalPauseDuration();
        private int[] _collections = Collections();
        private long _allocated = GC.GetTotalAllocatedBytes();
        private TimeSpan _processor = Process.GetCurrentProcess().TotalProcessorTime;

        public void Report(string value)
        {
            var paused = GC.GetTotalPauseDuration();
            var allocated = GC.GetTotalAllocatedBytes();
            var collections = Collections();
            using var process = Process.GetCurrentProcess();
            // Processor time beside wall time: on both cores it can exceed it, and it varies less from run to run on this machine.
            var processor = process.TotalProcessorTime;
            if (_phase is not null)
            {
                Console.WriteLine($"  {_phase,-40} {_watch.Elapsed.TotalSeconds,8:0.000} s (cpu {(processor - _processor).TotalSeconds,5:0.00} s)  working set {process.WorkingSet64 / 1024.0 / 1024.0,6:0} MB, peak {process.PeakWorkingSet64 / 1024.0 / 1024.0,6:0} MB, managed heap {GC.GetTotalMemory(false) / 1024.0 / 1024.0,5:0} MB (GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1024.0 / 1024.0,4:0} MB), allocated {(allocated - _allocated) / 1024.0 / 1024.0,6:0} MB, GC paused {(paused - _paused).TotalSeconds:0.000} s in {collections[0] - _collections[0]}/{collections[1] - _collections[1]}/{collections[2] - _collections[2]} collections (all/gen 1/gen 2)");
            }
            _phase = value;
            _collections = collections;
            _paused = paused;
            _allocated = allocated;
            _processor = processor;
            _watch.Restart();
        }

        /// <summary>Collections so far of any generation, of generation 1 or 2, and of generation 2.</summary>
        private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    }

    private static string SchemeJson(IReadOnlyList<string> codes, int schools) => $$"""
        { "id": "bench", "name": "Benchmark", "startYear": 2024,
          "schools": [{{string.Join(", ", Enumerable.Range(0, schools).Select(i => $"\"{RegionGenerator.SchoolId(i)}\""))}}],
          "participants": [{{string.Join(", ", codes.Select(c => $"\"{c}\""))}}],
          "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "hourlyRate": 62.50, "schoolWeeks": 40 },
          "key": { "type": "children" },
          "flow": { "type": "lead", "lead": "{{codes[0]}}" },
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
        """;
}
