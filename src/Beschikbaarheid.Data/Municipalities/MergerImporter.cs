using System.Data.Common;
using System.Globalization;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Dapper;

namespace Beschikbaarheid.Data.Municipalities;

/// <summary>
/// Imports the CBS list of municipal boundary changes (<c>herindelingen</c>: <c>datum;oude_code;nieuwe_code</c>) strictly like
/// every other file: every bad row named with file, line and reason, one bad row and nothing is imported. A row replaces the
/// stored row of the same old code; other stored rows stay. Both codes must be in the municipality list (which may hold
/// former municipalities), the date must be 1 January (<see cref="Mergers.TakesEffectOn"/>), the successor must still exist
/// on that date, and the merger must not move a month already issued (<see cref="MovedMonths"/>). Recorded in <c>imports</c>
/// in the same transaction.
/// </summary>
public sealed class MergerImporter(IConnectionFactory connections, TimeProvider clock)
{
    public const string Kind = "herindelingen";

    public static readonly string[] Columns = ["datum", "oude_code", "nieuwe_code"];

    /// <param name="schemes">The scheme files, for who takes part, leads or hosts in a settled month.</param>
    public async Task<ImportFigures> ImportAsync(string path, IReadOnlyList<Scheme> schemes, string startedBy = "import", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        var file = Path.GetFileName(path);
        var csv = CsvFile.OpenOrRefuse(path, Columns);
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var known = new KnownCodes(
            (await connection.QueryAsync<string>("SELECT code FROM municipalities", transaction: transaction).ConfigureAwait(false)).Select(MunicipalityCode.Parse).ToHashSet(),
            new HashSet<SchoolLocationId>(), new HashSet<CountingDate>());
        var stored = (await MergerStore.LoadRowsAsync(connection, transaction).ConfigureAwait(false)).ToDictionary(m => m.Old);

        var errors = new List<RowError>();
        var rows = new List<(int Line, Merger Merger)>();
        var lineOf = new Dictionary<MunicipalityCode, int>();
        using (csv)
        {
            foreach (var row in csv.Rows(errors))
            {
                var reasons = new List<string>();
                var date = Date(row, reasons);
                var old = Code(row, "oude_code", known, reasons);
                var successor = Code(row, "nieuwe_code", known, reasons);
                if (old is { } o && !lineOf.TryAdd(o, row.Line))
                {
                    reasons.Add($"oude_code {o} appears twice in the file (also on line {lineOf[o]}); a municipality merges once");
                }
                if (reasons.Count > 0)
                {
                    errors.Add(new RowError(file, row.Line, string.Join("; ", reasons)));
                }
                else
                {
                    rows.Add((row.Line, new Merger(date!.Value, old!.Value, successor!.Value)));
                }
            }
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new RowError(file, 2, "the file has a header but no data rows"));
        }
        // The readable rows are checked as a set too, also beside bad ones, so that every bad row is named at once.
        errors.AddRange(Inconsistent(file, rows, stored));
        var changed = rows.Where(r => !stored.TryGetValue(r.Merger.Old, out var before) || before != r.Merger).ToList();
        if (changed.Count > 0)
        {
            var settled = await SettledAsync(connection, transaction, changed.Min(r => Earliest(r.Merger, stored.GetValueOrDefault(r.Merger.Old))).Year).ConfigureAwait(false);
            var hosts = (await connection.QueryAsync<(string Brin, string Vestiging, string Municipality)>(
                    "SELECT brin, vestiging, municipality_code FROM school_locations", transaction: transaction).ConfigureAwait(false))
                .ToDictionary(s => StoredCodes.School(s.Brin, s.Vestiging), s => MunicipalityCode.Parse(s.Municipality));
            var mergers = new Mergers(stored.Values);
            foreach (var (line, merger) in changed)
            {
                if (MovedMonths(merger, stored.GetValueOrDefault(merger.Old), schemes, mergers, settled, hosts) is { } reason)
                {
                    errors.Add(new RowError(file, line, reason));
                }
            }
        }
        if (errors.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw new InputRejectedException(file, errors.OrderBy(e => e.Line).ToList());
        }

        var at = clock.GetUtcNow();
        foreach (var (line, merger) in changed)
        {
            await connection.ExecuteAsync("DELETE FROM mergers WHERE old_code = @Old", new { Old = merger.Old.Value }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                """
                INSERT INTO mergers (old_code, new_code, merged_on, file_name, line, imported_at)
                VALUES (@Old, @New, @Date, @File, @Line, @At)
                """,
                new { Old = merger.Old.Value, New = merger.New.Value, merger.Date, File = file, Line = line, At = at }, transaction).ConfigureAwait(false);
        }
        var replaced = changed.Count(r => stored.ContainsKey(r.Merger.Old));
        var figures = new ImportFigures(
            Kind, file, await ImportLog.Sha256Async(path, cancellationToken).ConfigureAwait(false), rows.Count, changed.Count - replaced, replaced, rows.Count - changed.Count,
            await ImportLog.PreviousReadAsync(connection, transaction, Kind, null).ConfigureAwait(false));
        await ImportLog.RecordAsync(connection, transaction, figures, null, startedBy, at).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return figures;
    }

    /// <summary>The file's rows against the stored rows they leave (<see cref="Mergers.Problems"/>), each reported on the line that causes it.</summary>
    private static IEnumerable<RowError> Inconsistent(string file, List<(int Line, Merger Merger)> rows, Dictionary<MunicipalityCode, Merger> stored)
    {
        var lineOf = rows.ToDictionary(r => r.Merger, r => r.Line);
        var fileOld = rows.Select(r => r.Merger.Old).ToHashSet();
        var combined = stored.Values.Where(m => !fileOld.Contains(m.Old)).Concat(rows.Select(r => r.Merger)).ToList();
        foreach (var (merger, reason) in Mergers.Problems(combined))
        {
            // A stored row was consistent before: the file row that makes it a problem is the one of its successor.
            yield return lineOf.TryGetValue(merger, out var line)
                ? new RowError(file, line, reason)
                : new RowError(file, rows.Single(r => r.Merger.Old == merger.New).Line, $"the stored merger {merger}: {reason}");
        }
    }

    /// <summary>From when a row changes attribution: its date, or the stored row's when that was earlier (the row it replaces stops applying from then).</summary>
    private static DateOnly Earliest(Merger merger, Merger? before) =>
        before is not null && before.Date < merger.Date ? before.Date : merger.Date;

    /// <summary>
    /// Why a new or changed merger would move a month already issued; null when it moves none. It moves a month of a scheme when
    /// that month ends on or after the date from which the attribution changes (<see cref="Earliest"/>; mergers take effect on 1
    /// January, so: a settled month of that year or later), and in that month the old code (or, for a replaced row, its former
    /// successor) takes part in the scheme, leads it, cashes or funds it, hosts one of its schools, or has stored amounts as a
    /// residence or a debtor in that month's year. Such a month was billed to the old code and computing it again would bill its successor.
    /// </summary>
    private static string? MovedMonths(
        Merger merger, Merger? before, IReadOnlyList<Scheme> schemes, Mergers mergers, SettledMonthsFrom settled, IReadOnlyDictionary<SchoolLocationId, MunicipalityCode> hosts)
    {
        var from = Earliest(merger, before);
        var codes = new HashSet<MunicipalityCode> { merger.Old };
        if (before is not null)
        {
            codes.Add(before.New);
        }
        var byId = schemes.ToDictionary(s => s.Id, s => (File: s, Merged: Successions.Apply(s, mergers).Scheme), StringComparer.Ordinal);
        var moved = new List<(string Scheme, YearMonth Month)>();
        foreach (var (schemeId, months) in settled.Months)
        {
            foreach (var month in months.Where(m => m.LastDay >= from))
            {
                var involved = codes.Any(c => settled.Codes.Contains((schemeId, month.Year, c)))
                    || (byId.TryGetValue(schemeId, out var scheme) && new[] { scheme.File, scheme.Merged }.Any(s => Involved(s.TermsFor(month), codes, hosts)));
                if (involved)
                {
                    moved.Add((schemeId, month));
                }
            }
        }
        if (moved.Count == 0)
        {
            return null;
        }
        var last = moved.Max(m => m.Month);
        return string.Create(CultureInfo.InvariantCulture,
            $"datum {merger.Date:yyyy-MM-dd} would move months already issued: {string.Join(", ", moved.GroupBy(m => m.Scheme).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} settled {g.Min(m => m.Month)}{(g.Count() > 1 ? $" to {g.Max(m => m.Month)}" : "")}"))}"
            + $" with {merger.Old} taking part, hosting or billed there; a merger takes effect only after the months issued for it (here from {last.Year + 1}-01-01)");
    }

    private static bool Involved(SchemeTerms terms, HashSet<MunicipalityCode> codes, IReadOnlyDictionary<SchoolLocationId, MunicipalityCode> hosts) =>
        terms.Participants.Overlaps(codes)
        || (terms.Flow switch { LeadFlow l => l.Lead, CashierFlow c => c.Cashier, FunderFlow f => f.Funder, _ => (MunicipalityCode?)null }) is { } role && codes.Contains(role)
        || terms.Schools.Any(s => hosts.TryGetValue(s, out var host) && codes.Contains(host));

    /// <summary>Per scheme its settled months (advance runs) from a year on, and which codes its stored amounts name per scheme and year.</summary>
    private sealed record SettledMonthsFrom(IReadOnlyDictionary<string, List<YearMonth>> Months, IReadOnlySet<(string Scheme, int Year, MunicipalityCode Code)> Codes);

    /// <summary>Two set-based queries: the advance runs of the years from <paramref name="fromYear"/>, and the codes their lines and entries name.</summary>
    private static async Task<SettledMonthsFrom> SettledAsync(DbConnection connection, DbTransaction transaction, int fromYear)
    {
        var from = fromYear.ToString("0000", CultureInfo.InvariantCulture);
        var months = (await connection.QueryAsync<(string Scheme, string Period)>(
                "SELECT scheme_id, period FROM settlement_runs WHERE kind = @Kind AND period >= @From",
                new { Kind = SettlementKind.Voorschot.Dutch(), From = from }, transaction).ConfigureAwait(false))
            .GroupBy(r => r.Scheme, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => YearMonth.Parse(r.Period.Trim())).Order().ToList(), StringComparer.Ordinal);
        // A year end's period is its year (yyyy), a month's yyyy-MM: both from the year on compare as text.
        var codes = (await connection.QueryAsync<(string Scheme, string Code, string Period)>(
                """
                SELECT DISTINCT r.scheme_id, COALESCE(l.residence, i.debtor), l.periode
                FROM invoice_lines l
                JOIN invoices i ON i.number = l.invoice_number
                JOIN settlement_runs r ON r.id = i.run_id
                WHERE l.periode >= @From
                UNION
                SELECT DISTINCT r.scheme_id, i.debtor, l.periode
                FROM invoice_lines l
                JOIN invoices i ON i.number = l.invoice_number
                JOIN settlement_runs r ON r.id = i.run_id
                WHERE l.periode >= @From
                UNION
                SELECT DISTINCT scheme_id, municipality_code, periode
                FROM settlement_entries
                WHERE periode >= @From
                """,
                new { From = from }, transaction).ConfigureAwait(false))
            .Select(r => (r.Scheme, SettledPeriod.Parse(r.Period.Trim()).Year, MunicipalityCode.Parse(r.Code)))
            .ToHashSet();
        return new SettledMonthsFrom(months, codes);
    }

    /// <summary><c>datum</c>: a date as every file writes it (<see cref="RowParsers.DateOf"/>), on 1 January (<see cref="Mergers.DateProblem"/>).</summary>
    private static DateOnly? Date(CsvRow row, List<string> reasons)
    {
        var date = RowParsers.DateOf(row, "datum", reasons);
        if (date is { } d && Mergers.DateProblem(d) is { } problem)
        {
            reasons.Add(problem);
            return null;
        }
        return date;
    }

    /// <summary>A municipality code in the municipality list (<see cref="RowParsers.MunicipalityCodeOf"/>); null with its reason otherwise.</summary>
    private static MunicipalityCode? Code(CsvRow row, string column, KnownCodes known, List<string> reasons)
    {
        var before = reasons.Count;
        var code = RowParsers.MunicipalityCodeOf(row, column, known, reasons);
        return reasons.Count == before ? code : null;
    }
}
