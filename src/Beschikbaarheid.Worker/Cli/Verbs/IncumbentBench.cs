using System.Diagnostics;
using System.Globalization;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Incumbent;

namespace Beschikbaarheid.Worker.Cli.Verbs;

/// <summary>
/// The incumbent side of <c>bench</c> (issue 16): the bench's region as the finance officer's formula workbook
/// (<see cref="IncumbentWorkbook"/>), recalculated by LibreOffice headless and timed, its debtors' totals checked
/// against the month the engine settled. A measurement: a missing LibreOffice or a mismatch is printed, never thrown.
/// </summary>
internal static class IncumbentBench
{
    private static readonly string[] SofficeLocations = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"];

    /// <summary>Long enough for a 10× region; a hung LibreOffice must not hang the bench.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(60);

    /// <summary>One debtor's month as the engine invoiced it: child-days, amount and the number of school lines.</summary>
    public sealed record EngineDebtor(PartyCode Debtor, long Days, Money Invoiced, int Lines);

    /// <summary>
    /// What the comparison needs of the engine's month, taken right after it is settled: the bench holds these few figures
    /// instead of the whole settlement through the year it measures next.
    /// </summary>
    public static IReadOnlyList<EngineDebtor>? Summarize(IssuedSettlement? settled, YearMonth month, MunicipalityCode lead)
    {
        if (settled is null)
        {
            return null;
        }
        var period = SettledPeriod.Of(month);
        var debtors = new List<EngineDebtor>();
        foreach (var invoice in settled.Invoices.Where(i => i.Debtor != lead).OrderBy(i => i.Debtor))
        {
            var lines = invoice.Lines.Where(l => l.Kind == SettlementKind.Voorschot && (l.Period is null || l.Period == period)).ToList();
            debtors.Add(new EngineDebtor(invoice.Debtor, (long)lines.Sum(l => l.Basis), Money.Sum(lines.Select(l => l.Amount)), lines.Count));
        }
        return debtors;
    }

    public static async Task RunAsync(
        string folder, Scheme scheme, YearMonth month, MunicipalityCode lead, TimeSpan engine, IReadOnlyList<EngineDebtor>? settled, CancellationToken ct)
    {
        var soffice = Soffice();
        if (soffice is null)
        {
            Console.WriteLine("incumbent workbook      not measured: LibreOffice (soffice) is not installed");
            return;
        }
        var terms = scheme.TermsFor(month);
        var watch = Stopwatch.StartNew();
        var workbook = Path.Combine(folder, "incumbent.xlsx");
        var debtorSheet = IncumbentWorkbook.Write(workbook, terms, month, ReadBeschikkingen(Path.Combine(folder, "beschikkingen.csv")));
        Console.WriteLine($"write incumbent workbook{watch.Elapsed.TotalSeconds,8:0.000} s  (not counted; {new FileInfo(workbook).Length / 1024.0 / 1024.0:0.0} MB, formulas stored without results)");

        // The workbook stores no results, so LibreOffice computes every formula to show any figure (checked: with
        // OOXMLRecalcMode 1, "never", it shows the same totals). Its profile says "always" (0) all the same, as an
        // officer's workbook that does carry results would need for a run to measure recalculation rather than loading.
        var profile = Path.Combine(folder, "libreoffice-profile");
        Directory.CreateDirectory(Path.Combine(profile, "user"));
        await File.WriteAllTextAsync(Path.Combine(profile, "user", "registrymodifications.xcu"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
            </oor:items>
            """, ct).ConfigureAwait(false);

        // The first start fills the new profile, which a finance officer's installed LibreOffice has long done: this run
        // pays for it, and its time (the same workbook without beschikkingen) shows what part of the figure below is start-up.
        var empty = Path.Combine(folder, "incumbent-empty.xlsx");
        var emptyDebtorSheet = IncumbentWorkbook.Write(empty, terms, month, []);
        await ConvertAsync(soffice, profile, empty, emptyDebtorSheet, Path.Combine(folder, "incumbent-empty"), ct).ConfigureAwait(false);
        var start = await ConvertAsync(soffice, profile, empty, emptyDebtorSheet, Path.Combine(folder, "incumbent-empty"), ct).ConfigureAwait(false);

        var recalculated = await ConvertAsync(soffice, profile, workbook, debtorSheet, Path.Combine(folder, "incumbent"), ct).ConfigureAwait(false);
        if (start.Error is not null || recalculated.Error is not null)
        {
            Console.WriteLine($"incumbent workbook      not measured: {start.Error ?? recalculated.Error}");
            return;
        }
        Console.WriteLine($"incumbent workbook recalculation {recalculated.Elapsed.TotalSeconds,8:0.000} s  (LibreOffice headless, load, recalculate, save the debtors as CSV; {start.Elapsed.TotalSeconds:0.000} s of it is start-up and the workbook without beschikkingen)");
        Console.WriteLine($"import + settle         {engine.TotalSeconds,8:0.000} s  = {engine / recalculated.Elapsed:0.00} × the workbook");
        Check(recalculated.Csv!, terms, month, settled);
    }

    /// <summary>
    /// Checks that LibreOffice computed the totals (the workbook holds none of its own) and that they are the engine's.
    /// Child-days must be equal; the workbook rounds a debtor's exact amount once, the engine each school's invoice line
    /// (DOMAIN "Money and rounding"), so the engine's exact amount rounded once must equal the workbook's, and its invoice
    /// may differ from it by at most half a cent per line.
    /// </summary>
    private static void Check(string csv, SchemeTerms terms, YearMonth month, IReadOnlyList<EngineDebtor>? settled)
    {
        var workbook = new Dictionary<string, (long Days, decimal Euros)>(StringComparer.Ordinal);
        foreach (var cells in csv.Split('\n').Skip(1).Select(l => l.Split(';')).Where(c => c.Length >= 3 && c[0].StartsWith("GM", StringComparison.Ordinal)))
        {
            if (!long.TryParse(cells[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var days)
                || !decimal.TryParse(cells[2], NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var euros))
            {
                Console.WriteLine($"  NOT RECALCULATED: {cells[0]} shows '{cells[1]}', '{cells[2]}' instead of computed totals");
                return;
            }
            workbook[cells[0]] = (days, euros);
        }
        if (settled is null)
        {
            Console.WriteLine($"  not compared: the engine issued nothing for {month}");
            return;
        }
        var pool = (PerChildPool)terms.Pool;
        var compared = 0;
        var exactlyEqual = 0;
        var mismatches = new List<string>();
        string? example = null;
        foreach (var (debtor, days, invoiced, lineCount) in settled)
        {
            var roundedOnce = DayProration.LineAmount(pool.AnnualCentsPerChild, days, month.Year);
            compared++;
            if (!workbook.TryGetValue(debtor.Value, out var figures))
            {
                mismatches.Add($"{debtor} is missing from the workbook");
                continue;
            }
            var cents = decimal.ToInt64(Math.Round(figures.Euros * 100m));
            exactlyEqual += cents == invoiced.Cents ? 1 : 0;
            if (figures.Days != days || cents != roundedOnce.Cents || Math.Abs(cents - invoiced.Cents) * 2 > lineCount)
            {
                mismatches.Add($"{debtor}: workbook {figures.Days} child-days € {figures.Euros:0.00}, engine {days} child-days € {invoiced.Euros:0.00} over {lineCount} lines (€ {roundedOnce.Euros:0.00} rounded once)");
            }
            example ??= $"  e.g. {debtor} {month}: workbook {figures.Days} child-days, € {figures.Euros:0.00}; engine {days} child-days, invoiced € {invoiced.Euros:0.00} over {lineCount} school lines";
        }
        if (example is not null)
        {
            Console.WriteLine(example);
        }
        Console.WriteLine(mismatches.Count == 0
            ? $"  recalculated and equal: {compared} debtors (the lead's own share aside), child-days equal; the workbook's amount is the engine's rounded once, to the cent; {exactlyEqual} of {compared} invoices equal it exactly, the others differ by their lines' rounding (at most ½ cent a line)"
            : $"  MISMATCH in {mismatches.Count} of {compared} debtors, e.g. {mismatches[0]}");
    }

    private sealed record Conversion(TimeSpan Elapsed, string? Csv, string? Error);

    /// <summary>Converts one sheet (<paramref name="sheet"/>, 1-based) to CSV with its values unformatted, timing the whole LibreOffice run.</summary>
    private static async Task<Conversion> ConvertAsync(string soffice, string profile, string workbook, int sheet, string output, CancellationToken ct)
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        var start = new ProcessStartInfo(soffice)
        {
            ArgumentList =
            {
                $"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                // ; separated, " quoted, UTF-8, from line 1; values as stored rather than as shown; the 12th token: which sheet.
                "--convert-to", $"csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,{sheet}", "--outdir", output, workbook,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var elapsed = watch.Elapsed;
        await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        var csv = Directory.Exists(output) ? Directory.GetFiles(output, "*.csv").FirstOrDefault() : null;
        return csv is null
            ? new Conversion(elapsed, null, $"LibreOffice wrote no CSV (exit {process.ExitCode}) {errors.Trim()}")
            : new Conversion(elapsed, (await File.ReadAllTextAsync(csv, ct).ConfigureAwait(false)).ReplaceLineEndings("\n"), null);
    }

    private static string? Soffice() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "soffice"))
            .Concat(SofficeLocations)
            .FirstOrDefault(File.Exists);

    /// <summary>The very file the bench imported, so that the workbook holds the region the engine settled, row for row.</summary>
    private static IEnumerable<Beschikking> ReadBeschikkingen(string path)
    {
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            // beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum
            var c = line.Split(';');
            if (!SchoolLocationId.TryCreate(c[3], c[4], out var school))
            {
                throw new FormatException($"{path}: '{c[3]}{c[4]}' is not a school location.");
            }
            yield return new Beschikking(
                c[0], c[1], MunicipalityCode.Parse(c[2]), school, c[5], c[6], Enum.Parse<Law>(c[7]),
                decimal.Parse(c[8], CultureInfo.InvariantCulture),
                new ActivePeriod(DateOnly.ParseExact(c[9], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    c[10].Length == 0 ? null : DateOnly.ParseExact(c[10], "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
    }
}
