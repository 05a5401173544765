using System.Globalization;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Settlement;
using Dapper;

namespace Beschikbaarheid.Data.Estimates;

/// <summary>
/// Imports an estimate pool's two files per scheme, strictly like every other file (every bad row named with file, line
/// and reason; one bad row and nothing is imported): the school's estimate (<c>inschattingen</c>:
/// <c>jaar;brin;vestiging;woongemeente;kinderen;uren_per_week</c>, counts per residence, never a child) and the hours it
/// realised (<c>realisatie</c>: <c>jaar;brin;vestiging;uren</c>). A file is the complete list for the years it names: it
/// replaces the scheme's rows of those years. Each location must be one of the scheme's schools in the row's year, and
/// known in the registry; each residence a known municipality. Recorded in <c>imports</c> with the scheme, in the same transaction.
/// </summary>
public sealed class EstimateImporter(SchemeLocks locks, RegistryReader registry, TimeProvider clock)
{
    public const string EstimateKind = "inschattingen";
    public const string RealisationKind = "realisatie";

    public static readonly string[] EstimateColumns = ["jaar", "brin", "vestiging", "woongemeente", "kinderen", "uren_per_week"];
    public static readonly string[] RealisationColumns = ["jaar", "brin", "vestiging", "uren"];

    /// <summary>The most children one row may count: far above any school.</summary>
    public const int MaxChildren = 10_000;

    /// <summary>The most hours one location may realise in a year: 168 hours a week for 53 weeks, 100 times over.</summary>
    public const decimal MaxRealisedHours = 1_000_000m;

    public Task<ImportFigures> ImportEstimateAsync(Scheme scheme, string path, string startedBy = "import", CancellationToken cancellationToken = default) =>
        ImportAsync(scheme, path, EstimateKind, startedBy, cancellationToken);

    public Task<ImportFigures> ImportRealisationAsync(Scheme scheme, string path, string startedBy = "import", CancellationToken cancellationToken = default) =>
        ImportAsync(scheme, path, RealisationKind, startedBy, cancellationToken);

    private async Task<ImportFigures> ImportAsync(Scheme scheme, string path, string kind, string startedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var file = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw InputRejectedException.NotFound(path);
        }
        if (scheme.DeclaredTerms.All(t => t.Terms.Pool is not EstimatePool))
        {
            throw new InputRejectedException(file,
                $"{file}: scheme {scheme.Id} has no estimate pool (pool type '{SupportedSchemes.Estimate}'), so it takes no {kind}; nothing imported.");
        }
        var estimate = kind == EstimateKind;
        var (csv, headerError) = CsvFile.Open(path, estimate ? EstimateColumns : RealisationColumns);
        if (headerError is not null)
        {
            throw new InputRejectedException(file, [headerError]);
        }
        var (municipalities, schools) = await registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var errors = new List<RowError>();
        var estimates = new List<(int Line, EstimateRow Row)>();
        var realised = new List<(int Line, RealisationRow Row)>();
        var seen = new Dictionary<(int, SchoolLocationId), int>();
        using (csv)
        {
            foreach (var row in csv!.Rows(errors))
            {
                var reasons = new List<string>();
                var year = Year(row, reasons);
                var school = Location(row, scheme, year, schools, reasons);
                if (estimate)
                {
                    var residence = Residence(row, municipalities, reasons);
                    var children = Children(row, reasons);
                    var hours = Hours(row, "uren_per_week", 168m, reasons);
                    if (reasons.Count == 0)
                    {
                        estimates.Add((row.Line, new EstimateRow(year, school, residence, children, hours)));
                    }
                }
                else
                {
                    var hours = Hours(row, "uren", MaxRealisedHours, reasons, allowZero: true);
                    if (reasons.Count == 0 && seen.TryGetValue((year, school), out var first))
                    {
                        reasons.Add($"{school} in {year} is on line {first} already; one line per location and year");
                    }
                    if (reasons.Count == 0)
                    {
                        seen[(year, school)] = row.Line;
                        realised.Add((row.Line, new RealisationRow(year, school, hours)));
                    }
                }
                if (reasons.Count > 0)
                {
                    errors.Add(new RowError(file, row.Line, string.Join("; ", reasons)));
                }
            }
        }
        if (estimates.Count == 0 && realised.Count == 0 && errors.Count == 0)
        {
            errors.Add(new RowError(file, 2, "the file has a header but no data rows"));
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException(file, errors.OrderBy(e => e.Line).ToList());
        }

        await using var session = await locks.AcquireAsync(scheme.Id, cancellationToken).ConfigureAwait(false);
        var years = (estimate ? estimates.Select(e => e.Row.Year) : realised.Select(r => r.Row.Year)).Distinct().Order().ToList();
        var before = estimate
            ? (await EstimateStore.LoadEstimatesAsync(session, years, cancellationToken).ConfigureAwait(false))
                .Select(e => (Key: $"{e.Year} {e.School} {e.Residence}", Value: $"{e.Year} {e.School} {e.Residence} {e.Children} {e.HoursPerWeek:0.####}")).ToList()
            : (await EstimateStore.LoadRealisationAsync(session, years, cancellationToken).ConfigureAwait(false))
                .Select(r => (Key: $"{r.Year} {r.School}", Value: $"{r.Year} {r.School} {r.Hours:0.##}")).ToList();
        var now = estimate
            ? estimates.Select(e => (Key: $"{e.Row.Year} {e.Row.School} {e.Row.Residence}", Value: $"{e.Row.Year} {e.Row.School} {e.Row.Residence} {e.Row.Children} {e.Row.HoursPerWeek:0.####}")).ToList()
            : realised.Select(r => (Key: $"{r.Row.Year} {r.Row.School}", Value: $"{r.Row.Year} {r.Row.School} {r.Row.Hours:0.##}")).ToList();
        var (added, replaced, unchanged) = Tally(before, now);
        foreach (var year in years)
        {
            await session.Connection.ExecuteAsync(estimate ? DeleteEstimates : DeleteRealisation, new { schemeId = scheme.Id, year }, session.Transaction).ConfigureAwait(false);
        }
        var at = clock.GetUtcNow();
        if (estimate)
        {
            using var insert = new RepeatedCommand(session, InsertEstimate);
            foreach (var (line, e) in estimates)
            {
                await insert.ExecuteAsync(
                    [("SchemeId", scheme.Id), ("Year", e.Year), ("Brin", e.School.Brin), ("Vestiging", e.School.Vestiging), ("Municipality", e.Residence.Value),
                     ("Children", e.Children), ("Hours", e.HoursPerWeek), ("File", file), ("Line", line), ("At", at)],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            using var insert = new RepeatedCommand(session, InsertRealisation);
            foreach (var (line, r) in realised)
            {
                await insert.ExecuteAsync(
                    [("SchemeId", scheme.Id), ("Year", r.Year), ("Brin", r.School.Brin), ("Vestiging", r.School.Vestiging), ("Hours", r.Hours), ("File", file), ("Line", line), ("At", at)],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        var figures = new ImportFigures(
            kind, file, await ImportLog.Sha256Async(path, cancellationToken).ConfigureAwait(false), now.Count, added, replaced, unchanged,
            await ImportLog.PreviousReadAsync(session.Connection, session.Transaction, kind, scheme.Id).ConfigureAwait(false));
        await ImportLog.RecordAsync(session.Connection, session.Transaction, figures, scheme.Id, startedBy, at).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return figures;
    }

    /// <summary>A row equal to a stored one is unchanged; one whose key (year, location, residence) was stored with other figures is replaced; else new.</summary>
    private static (int New, int Replaced, int Unchanged) Tally(List<(string Key, string Value)> before, List<(string Key, string Value)> now)
    {
        var values = before.GroupBy(b => b.Value).ToDictionary(g => g.Key, g => g.Count());
        var keys = before.Select(b => b.Key).ToHashSet();
        var (added, replaced, unchanged) = (0, 0, 0);
        foreach (var (key, value) in now)
        {
            if (values.TryGetValue(value, out var left) && left > 0)
            {
                values[value] = left - 1;
                unchanged++;
            }
            else if (keys.Contains(key))
            {
                replaced++;
            }
            else
            {
                added++;
            }
        }
        return (added, replaced, unchanged);
    }

    private static int Year(CsvRow row, List<string> reasons)
    {
        var text = row["jaar"];
        if (text.Length != 4 || !text.All(char.IsAsciiDigit))
        {
            reasons.Add($"jaar '{text}' is not a funding year");
            return 0;
        }
        var year = int.Parse(text, CultureInfo.InvariantCulture);
        if (year < Fields.EarliestDate.Year || year > Fields.LatestDate.Year)
        {
            reasons.Add($"jaar '{text}' is out of bounds: funding years lie between {Fields.EarliestDate.Year} and {Fields.LatestDate.Year}");
            return 0;
        }
        return year;
    }

    private static SchoolLocationId Location(CsvRow row, Scheme scheme, int year, IReadOnlyDictionary<SchoolLocationId, SchoolLocation> schools, List<string> reasons)
    {
        if (!SchoolLocationId.TryCreate(row["brin"], row["vestiging"], out var id))
        {
            reasons.Add($"brin/vestiging '{row["brin"]}' '{row["vestiging"]}' is not a school location (BRIN of 2 digits + 2 letters, vestiging of 2 digits)");
            return default;
        }
        if (!schools.ContainsKey(id))
        {
            reasons.Add($"school location {id} is not known; import scholen first");
        }
        else if (year != 0 && !scheme.TermsFor(year).Schools.Contains(id))
        {
            reasons.Add($"school location {id} is not one of the schools of {scheme.Id} in {year}");
        }
        return id;
    }

    private static MunicipalityCode Residence(CsvRow row, IReadOnlyDictionary<MunicipalityCode, Municipality> municipalities, List<string> reasons)
    {
        var text = row["woongemeente"];
        if (!MunicipalityCode.TryParse(text, out var code))
        {
            reasons.Add($"woongemeente '{text}' is not a municipality code (GM + 4 digits)");
        }
        else if (!municipalities.ContainsKey(code))
        {
            reasons.Add($"woongemeente {code} is not a known municipality; import gemeenten first");
        }
        return code;
    }

    private static int Children(CsvRow row, List<string> reasons)
    {
        var text = row["kinderen"];
        if (text.Length is 0 or > 6 || !text.All(char.IsAsciiDigit))
        {
            reasons.Add($"kinderen '{text}' is not a whole number of children");
            return 0;
        }
        var children = int.Parse(text, CultureInfo.InvariantCulture);
        if (children is < 1 or > MaxChildren)
        {
            reasons.Add($"kinderen '{text}' is out of bounds: 1 to {MaxChildren}");
        }
        return children;
    }

    /// <summary>Hours with a decimal comma or point, above 0 (or at least 0) and at most <paramref name="max"/>, with at most four decimals.</summary>
    private static decimal Hours(CsvRow row, string column, decimal max, List<string> reasons, bool allowZero = false)
    {
        var count = reasons.Count;
        var hours = RowParsers.Number(row, column, reasons);
        if (reasons.Count > count || hours is not { } value)
        {
            return 0m;
        }
        if ((allowZero ? value < 0 : value <= 0) || value > max)
        {
            reasons.Add($"{column} '{row[column]}' is out of bounds: {(allowZero ? "at least 0" : "above 0")} and at most {max.ToString("0", CultureInfo.InvariantCulture)}");
        }
        else if (decimal.Round(value, 4) != value)
        {
            reasons.Add($"{column} '{row[column]}' has more than four decimals");
        }
        return value;
    }

    private const string DeleteEstimates = "DELETE FROM estimates WHERE scheme_id = @schemeId AND year = @year";

    private const string DeleteRealisation = "DELETE FROM realisations WHERE scheme_id = @schemeId AND year = @year";

    private const string InsertEstimate = """
        INSERT INTO estimates (scheme_id, year, brin, vestiging, municipality_code, children, hours_per_week, file_name, line, imported_at)
        VALUES (@SchemeId, @Year, @Brin, @Vestiging, @Municipality, @Children, @Hours, @File, @Line, @At)
        """;

    private const string InsertRealisation = """
        INSERT INTO realisations (scheme_id, year, brin, vestiging, hours, file_name, line, imported_at)
        VALUES (@SchemeId, @Year, @Brin, @Vestiging, @Hours, @File, @Line, @At)
        """;
}
