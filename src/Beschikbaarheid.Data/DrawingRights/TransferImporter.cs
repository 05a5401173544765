using System.Globalization;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Settlement;
using Dapper;

namespace Beschikbaarheid.Data.DrawingRights;

/// <summary>
/// Imports a scheme's board transfers (<c>overhevelingen</c>:
/// <c>jaar;bestuursnummer;categorie;van_brin;van_vestiging;naar_brin;naar_vestiging;fte</c>). The file is the
/// complete list for the years it names: it replaces the transfers recorded for those years. Every row is
/// checked against the stored drawing rights of its year (step 9 of DOMAIN "Trekkingsrecht"); one bad row
/// and nothing is imported. An accepted file is recorded in <c>imports</c> (with the scheme) in the same transaction.
/// </summary>
public sealed class TransferImporter(SchemeLocks locks, RegistryReader registry, TimeProvider clock)
{
    public static readonly string[] Columns = ["jaar", "bestuursnummer", "categorie", "van_brin", "van_vestiging", "naar_brin", "naar_vestiging", "fte"];

    /// <returns>The rows read, new, replaced and unchanged, and the file's SHA-256, as recorded in <c>imports</c>.</returns>
    public async Task<ImportFigures> ImportAsync(string schemeId, string path, string startedBy = "import", CancellationToken cancellationToken = default)
    {
        var file = Path.GetFileName(path);
        var csv = CsvFile.OpenOrRefuse(path, Columns);
        var (_, schools) = await registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var errors = new List<RowError>();
        var rows = new List<(int Line, Transfer Transfer)>();
        using (csv)
        {
            foreach (var row in csv.Rows(errors))
            {
                var reasons = new List<string>();
                if (Parse(row, schools, reasons) is { } transfer)
                {
                    rows.Add((row.Line, transfer));
                }
                if (reasons.Count > 0)
                {
                    errors.Add(new RowError(file, row.Line, string.Join("; ", reasons)));
                }
            }
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new RowError(file, 2, "the file has a header but no data rows"));
        }

        // The drawing rights the transfers are checked against are read under the scheme's lock, in the
        // transaction that records the transfers: a recomputation cannot slip in between.
        await using var session = await locks.AcquireAsync(schemeId, cancellationToken).ConfigureAwait(false);
        foreach (var year in rows.Select(r => r.Transfer.Year).Distinct().Order())
        {
            var ofYear = rows.Where(r => r.Transfer.Year == year).ToList();
            var computed = await DrawingRightsStore.LoadAsync(session, year, cancellationToken).ConfigureAwait(false);
            if (computed.Count == 0)
            {
                errors.AddRange(ofYear.Select(r => new RowError(file, r.Line, $"no drawing rights of {schemeId} for {year} to transfer from; compute them first")));
                continue;
            }
            var reasons = BoardTransfers.Validate(ofYear.Select(r => r.Transfer).ToList(), computed, schools);
            errors.AddRange(ofYear.Zip(reasons).Where(p => p.Second is not null).Select(p => new RowError(file, p.First.Line, p.Second!)));
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException(file, errors.OrderBy(e => e.Line).ToList());
        }

        var (added, replaced, unchanged) = await TransferTally.CountAsync(session, schemeId, rows.Select(r => r.Transfer).ToList()).ConfigureAwait(false);
        foreach (var year in rows.Select(r => r.Transfer.Year).Distinct())
        {
            await session.Connection.ExecuteAsync("DELETE FROM board_transfers WHERE scheme_id = @schemeId AND year = @year", new { schemeId, year }, session.Transaction).ConfigureAwait(false);
        }
        using (var insert = new RepeatedCommand(session, Insert))
        {
            var now = clock.GetUtcNow();
            foreach (var (line, t) in rows)
            {
                await insert.ExecuteAsync(
                    [
                        ("SchemeId", schemeId), ("Year", t.Year), ("Board", t.BoardNumber), ("Category", t.Category), ("FromBrin", t.From.Brin),
                        ("FromVestiging", t.From.Vestiging), ("ToBrin", t.To.Brin), ("ToVestiging", t.To.Vestiging), ("Fte", t.Fte), ("File", file),
                        ("Line", line), ("At", now),
                    ],
                    cancellationToken).ConfigureAwait(false);
            }
        }
        var figures = new ImportFigures(
            "overhevelingen", file, await ImportLog.Sha256Async(path, cancellationToken).ConfigureAwait(false), rows.Count, added, replaced, unchanged,
            await ImportLog.PreviousReadAsync(session.Connection, session.Transaction, "overhevelingen", schemeId).ConfigureAwait(false));
        await ImportLog.RecordAsync(session.Connection, session.Transaction, figures, schemeId, startedBy, clock.GetUtcNow()).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return figures;
    }

    /// <summary>The most FTE one transfer may move: far above any school board, far below any overflow.</summary>
    private const decimal MaxFte = 1000m;

    private static Transfer? Parse(CsvRow row, IReadOnlyDictionary<SchoolLocationId, SchoolLocation> schools, List<string> reasons)
    {
        var yearText = row["jaar"];
        var year = 0;
        if (yearText.Length != 4 || !yearText.All(char.IsAsciiDigit))
        {
            reasons.Add($"jaar '{yearText}' is not a funding year");
        }
        else if ((year = int.Parse(yearText, CultureInfo.InvariantCulture)) < Fields.EarliestDate.Year || year > Fields.LatestDate.Year)
        {
            reasons.Add($"jaar '{yearText}' is out of bounds: funding years lie between {Fields.EarliestDate.Year} and {Fields.LatestDate.Year}");
        }
        var board = RowParsers.BoardNumber(row, "bestuursnummer", reasons);
        var category = RowParsers.CareCategory(row, "categorie", reasons);
        var from = Location(row, "van_brin", "van_vestiging", schools, reasons);
        var to = Location(row, "naar_brin", "naar_vestiging", schools, reasons);
        var fte = RowParsers.Number(row, "fte", reasons);
        if (fte is <= 0 or > MaxFte)
        {
            reasons.Add($"fte '{row["fte"]}' is out of bounds: above 0 and at most {MaxFte:0}");
        }
        return reasons.Count > 0 ? null : new Transfer(year, board, category, from!.Value, to!.Value, fte!.Value);
    }

    private static SchoolLocationId? Location(CsvRow row, string brinColumn, string vestigingColumn, IReadOnlyDictionary<SchoolLocationId, SchoolLocation> schools, List<string> reasons)
    {
        if (!SchoolLocationId.TryCreate(row[brinColumn], row[vestigingColumn], out var id))
        {
            reasons.Add($"{brinColumn}/{vestigingColumn} '{row[brinColumn]}' '{row[vestigingColumn]}' is not a school location");
            return null;
        }
        if (!schools.ContainsKey(id))
        {
            reasons.Add($"school location {id} is not known");
            return null;
        }
        return id;
    }

    private const string Insert = """
        INSERT INTO board_transfers (scheme_id, year, board_number, category, from_brin, from_vestiging, to_brin, to_vestiging, fte, file_name, line, imported_at)
        VALUES (@SchemeId, @Year, @Board, @Category, @FromBrin, @FromVestiging, @ToBrin, @ToVestiging, @Fte, @File, @Line, @At)
        """;

}
