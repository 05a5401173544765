using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Tests.Fixtures;
using Dapper;

namespace Beschikbaarheid.Data.Tests.Import.Fuzz;

/// <summary>
/// Issue 10, point 8: mutated versions of the demo region's leerlingen and beschikkingen files (config/sample), each
/// imported by the real importer into a copy of a database that holds the region already. Every file is either
/// refused as a whole, naming file, line and reason, with the table and <c>imports</c> unchanged; or accepted, with
/// the table holding exactly what <see cref="StrictReader"/>, written from the README alone, reads from the same
/// bytes (rows with a stored key replace it) and one <c>imports</c> row with the file's figures. The two must also
/// agree on whether a file is refused at all. Seeded and bounded: the seeds are 1 to <see cref="Cases"/>; set
/// <c>BESCHIKBAARHEID_FUZZ_SEED</c> to run one seed, which then also keeps its mutated file.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output)
{
    /// <summary>About a minute on two cores: each case copies the database and imports one whole file.</summary>
    private const int Cases = 800;

    private const string SeedVariable = "BESCHIKBAARHEID_FUZZ_SEED";

    static ImportFuzzTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private sealed record Kind(ImportKind Import, string File, string Table, string DumpSql, bool Beschikkingen);

    private static readonly Kind Leerlingen = new(
        ImportKind.Leerlingen, "leerlingen.csv", "pupil_counts",
        "SELECT peildatum, brin, vestiging, municipality_code, pupils FROM pupil_counts", false);

    private static readonly Kind Beschikkingen = new(
        ImportKind.Beschikkingen, "beschikkingen.csv", "beschikkingen",
        "SELECT number, client, municipality_code, brin, vestiging, provider, category, law, hours_per_week, start_date, end_date FROM beschikkingen", true);

    [Fact]
    public async Task MutatedSampleFiles_AreRefusedWhole_OrStoredAsAStrictReaderReadsThem()
    {
        var sample = Path.Combine(RepositoryRoot(), "config", "sample");
        await using var database = new SqliteTestDatabase();
        await database.MigrateAsync();
        var importer = new CsvImporter(database.Connections, TimeProvider.System);
        foreach (var (kind, file) in new[] { (ImportKind.Gemeenten, "gemeenten.csv"), (ImportKind.Scholen, "scholen.csv"), (ImportKind.Leerlingen, "leerlingen.csv"), (ImportKind.Beschikkingen, "beschikkingen.csv") })
        {
            await importer.ImportAsync(kind, Path.Combine(sample, file));
        }
        var prepared = Path.Combine(database.Folder, "test.db");
        var casePath = Path.Combine(database.Folder, "case.db");
        var known = await KnownAsync(database.Connections);
        var baseline = new Dictionary<Kind, (Dictionary<string, string> Rows, string Imports)>();
        var originals = new Dictionary<Kind, byte[]>();
        foreach (var kind in new[] { Leerlingen, Beschikkingen })
        {
            baseline[kind] = (await DumpAsync(database.Connections, kind), await ImportsAsync(database.Connections));
            originals[kind] = await File.ReadAllBytesAsync(Path.Combine(sample, kind.File));
            // The reader must read the sample itself as the importer stored it.
            var read = StrictReader.Read(originals[kind], kind.Beschikkingen, known)!;
            Assert.False(read.Refused, $"{kind.File}: {read.Reason}");
            Assert.Equal(baseline[kind].Rows.OrderBy(r => r.Key, StringComparer.Ordinal), read.Rows.ToDictionary(r => r.Key, r => r.Values).OrderBy(r => r.Key, StringComparer.Ordinal));
        }

        var single = Environment.GetEnvironmentVariable(SeedVariable);
        var seeds = single is { Length: > 0 } ? [int.Parse(single, CultureInfo.InvariantCulture)] : Enumerable.Range(1, Cases).ToArray();
        var caseConnections = new SqliteConnectionFactory(casePath);
        var caseImporter = new CsvImporter(caseConnections, TimeProvider.System);
        var failures = new List<string>();
        int accepted = 0, refused = 0, unjudged = 0;
        var watch = Stopwatch.StartNew();
        foreach (var seed in seeds)
        {
            var random = new Random(seed);
            var kind = random.Next(3) == 0 ? Leerlingen : Beschikkingen;
            var (bytes, mutations) = Mutator.Mutate(originals[kind], random);
            var folder = Path.Combine(database.Folder, $"seed-{seed}");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, kind.File);
            await File.WriteAllBytesAsync(path, bytes);
            File.Copy(prepared, casePath, overwrite: true);
            var failure = await CheckAsync(caseImporter, caseConnections, kind, path, bytes, known, baseline[kind]);
            if (failure.Outcome == Outcome.Accepted)
            {
                accepted++;
            }
            else if (failure.Outcome == Outcome.Refused)
            {
                refused++;
            }
            else if (failure.Outcome == Outcome.Unjudged)
            {
                unjudged++;
            }
            if (failure.Problem is { } problem)
            {
                failures.Add($"seed {seed} ({SeedVariable}={seed}), {kind.File} mutated: {mutations}{Environment.NewLine}  {problem}{Environment.NewLine}  {HexAround(bytes, problem)}");
            }
            if (single is not { Length: > 0 })
            {
                Directory.Delete(folder, recursive: true);
            }
            else
            {
                output.WriteLine($"seed {seed}: {mutations}; the file: {path} (kept)");
            }
        }
        var figures = $"Import fuzz: {seeds.Length} files tried, {accepted} accepted, {refused} refused, {unjudged} not judged (JW301 shape), {failures.Count} mismatches, {watch.Elapsed.TotalSeconds:0.0} s";
        output.WriteLine(figures);
        TestContext.Current.SendDiagnosticMessage(figures);
        foreach (var failure in failures.Take(10))
        {
            output.WriteLine(failure);
        }
        Assert.True(failures.Count == 0, figures + Environment.NewLine + string.Join(Environment.NewLine, failures.Take(5)));
        Assert.True(single is { Length: > 0 } || (accepted > Cases / 10 && refused > Cases / 10), $"Too one-sided to test both paths: {figures}");
    }

    private enum Outcome { Accepted, Refused, Unjudged, Failed }

    private static async Task<(Outcome Outcome, string? Problem)> CheckAsync(
        CsvImporter importer, IConnectionFactory connections, Kind kind, string path, byte[] bytes, StrictReader.Known known,
        (Dictionary<string, string> Rows, string Imports) before)
    {
        var expected = StrictReader.Read(bytes, kind.Beschikkingen, known);
        // README: an id that differs only in letter case from a stored one is refused.
        if (expected is { Refused: false } && expected.Rows.FirstOrDefault(r => !before.Rows.ContainsKey(r.Key)
                && before.Rows.Keys.Any(k => string.Equals(k, r.Key, StringComparison.OrdinalIgnoreCase))) is { Key: not null } collision)
        {
            expected = StrictReader.Result.Refuse($"{collision.Key} differs from a stored id only in letter case");
        }
        ImportResult result;
        try
        {
            result = await importer.ImportAsync(kind.Import, path);
        }
        catch (InputRejectedException rejected)
        {
            if (rejected.Errors.Count == 0 || rejected.Errors.Any(e => e.File != kind.File || e.Line < 1 || string.IsNullOrWhiteSpace(e.Reason)))
            {
                return (Outcome.Failed, $"refused without naming file, line and reason: {rejected.Message}");
            }
            var rows = await DumpAsync(connections, kind);
            var imports = await ImportsAsync(connections);
            if (!SameRows(before.Rows, rows) || imports != before.Imports)
            {
                return (Outcome.Failed, $"refused, but the database changed: {rejected.Errors[0]}");
            }
            return expected is null ? (Outcome.Unjudged, null)
                : expected.Refused ? (Outcome.Refused, null)
                : (Outcome.Failed, $"refused, but the strict reader accepts it ({expected.Rows.Count} rows): {rejected.Errors[0]}");
        }
#pragma warning disable CA1031 // any other exception is what the fuzz test looks for
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (Outcome.Failed, $"neither imported nor refused: {ex.GetType().Name}: {ex.Message}");
        }

        if (expected is null)
        {
            return (Outcome.Unjudged, null);
        }
        if (expected.Refused)
        {
            return (Outcome.Failed, $"accepted ({result.Rows} rows), but the strict reader refuses it: {expected.Reason}");
        }
        var want = new Dictionary<string, string>(before.Rows, StringComparer.Ordinal);
        int added = 0, replaced = 0, unchanged = 0;
        foreach (var (key, values) in expected.Rows)
        {
            if (!want.TryGetValue(key, out var old))
            {
                added++;
            }
            else if (old == values)
            {
                unchanged++;
            }
            else
            {
                replaced++;
            }
            want[key] = values;
        }
        var stored = await DumpAsync(connections, kind);
        if (!SameRows(want, stored))
        {
            var missing = want.FirstOrDefault(w => !stored.TryGetValue(w.Key, out var s) || s != w.Value);
            var extra = stored.FirstOrDefault(s => !want.ContainsKey(s.Key));
            return (Outcome.Failed, $"accepted, but stored differs from the strict reader: expected {Show(missing.Value)}, stored {Show(missing.Key is null ? null : stored.GetValueOrDefault(missing.Key))}, unexpected {Show(extra.Value)}");
        }
        var log = await ImportsAsync(connections);
        var figures = $"{kind.Import.ToString().ToLowerInvariant()}|{kind.File}|{Convert.ToHexStringLower(SHA256.HashData(bytes))}|{expected.Rows.Count}|{added}|{replaced}|{unchanged}";
        if (log != before.Imports + figures + Environment.NewLine)
        {
            return (Outcome.Failed, $"accepted, but imports does not end with {figures}: {log[before.Imports.Length..].Trim()}");
        }
        return (Outcome.Accepted, null);
    }

    private static string Show(string? row) => row is null ? "(none)" : Mutator.Escape(row);

    private static bool SameRows(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(r => b.TryGetValue(r.Key, out var v) && v == r.Value);

    /// <summary>The table's rows by key, each as its stored columns in the strict reader's notation.</summary>
    private static async Task<Dictionary<string, string>> DumpAsync(IConnectionFactory connections, Kind kind)
    {
        await using var connection = await connections.OpenAsync();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await connection.ExecuteReaderAsync(kind.DumpSql);
        while (await reader.ReadAsync())
        {
            var v = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Text(reader.GetValue(i))).ToArray();
            if (kind.Beschikkingen)
            {
                v[8] = decimal.Round(decimal.Parse(v[8], NumberStyles.Float, CultureInfo.InvariantCulture), 4).ToString("0.####", CultureInfo.InvariantCulture);
                rows.Add(v[0], string.Join("|", v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]));
            }
            else
            {
                var key = $"{v[0]}|{v[1]}{v[2]}|{v[3]}";
                rows.Add(key, $"{key}|{v[4]}");
            }
        }
        return rows;
    }

    private static string Text(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static async Task<string> ImportsAsync(IConnectionFactory connections)
    {
        await using var connection = await connections.OpenAsync();
        var rows = await connection.QueryAsync<(string Kind, string File, string Sha256, long Read, long? New, long? Replaced, long? Unchanged)>(
            "SELECT kind, file_name, sha256, row_count, rows_new, rows_replaced, rows_unchanged FROM imports ORDER BY id");
        return string.Concat(rows.Select(r => $"{r.Kind}|{r.File}|{r.Sha256.ToLowerInvariant()}|{r.Read}|{r.New}|{r.Replaced}|{r.Unchanged}{Environment.NewLine}"));
    }

    private static async Task<StrictReader.Known> KnownAsync(IConnectionFactory connections)
    {
        await using var connection = await connections.OpenAsync();
        var municipalities = (await connection.QueryAsync<string>("SELECT code FROM municipalities")).ToHashSet(StringComparer.Ordinal);
        var schools = (await connection.QueryAsync<string>("SELECT brin || vestiging FROM school_locations")).ToHashSet(StringComparer.Ordinal);
        return new StrictReader.Known(municipalities, schools);
    }

    /// <summary>The bytes around the line a problem names (or the file's start), in hex with the printable characters beside them.</summary>
    private static string HexAround(byte[] bytes, string problem)
    {
        var match = System.Text.RegularExpressions.Regex.Match(problem, @"line (\d+)");
        var start = 0;
        if (match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var line))
        {
            for (var seen = 1; start < bytes.Length && seen < line; start++)
            {
                if (bytes[start] == '\n')
                {
                    seen++;
                }
            }
        }
        var slice = bytes.AsSpan(start, Math.Min(96, bytes.Length - start));
        var text = string.Concat(slice.ToArray().Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : "."));
        return $"bytes {start}..: {Convert.ToHexString(slice)} |{text}|";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Beschikbaarheid.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Beschikbaarheid.sln not found above the test output folder.");
    }
}
