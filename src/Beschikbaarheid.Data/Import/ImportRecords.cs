using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Beschikbaarheid.Data.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Data.Import;

/// <summary>
/// What one accepted file did (issue 10, point 5: truncation an operator can see): the rows read, how many of them
/// were new, replaced (stored under the same key with other values) or unchanged (stored with the same values),
/// the file's SHA-256, and the rows read of the previous import of the same kind (for overhevelingen: of the same
/// scheme), so a file that lost a third of its rows stands out.
/// </summary>
public sealed record ImportFigures(string Kind, string File, string Sha256, int Read, int New, int Replaced, int Unchanged, int? PreviousRead)
{
    /// <summary>
    /// Stored rows the file replaced under other keys, so they are gone: a pupil count's grades the file no longer gives, or
    /// a location's counts in the other form (per grade, or without). Printed and logged when there are any; not kept in
    /// <c>imports</c>.
    /// </summary>
    public int Removed { get; init; }

    /// <summary>True when the file has fewer than 2/3 of the rows of the previous import of its kind.</summary>
    public bool Shrunk => ImportShrinkage.IsSuspect(Read, PreviousRead);

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{File} ({Kind}): {Read:N0} row(s) read, {New:N0} new, {Replaced:N0} replaced, {Unchanged:N0} unchanged{(Removed > 0 ? $", {Removed:N0} removed" : "")}; SHA-256 {Sha256}");

    /// <summary>The warning to print and log, or null when the file is not suspiciously short.</summary>
    public string? Warning => Shrunk
        ? string.Create(CultureInfo.InvariantCulture,
            $"{File} has {Read:N0} rows, the previous {Kind} file had {PreviousRead:N0}: fewer than two thirds. Check that the file is complete.")
        : null;
}

/// <summary>The rule that marks a file as possibly truncated; one place, used at import and in the list.</summary>
public static class ImportShrinkage
{
    /// <summary>Fewer than 2/3 of the previous file's rows: <c>3 × read &lt; 2 × previous</c>, in integers.</summary>
    public static bool IsSuspect(int read, int? previousRead) => previousRead is { } previous && 3L * read < 2L * previous;
}

/// <summary>One recorded import, as <c>beschikbaarheid imports</c> lists it.</summary>
public sealed record ImportEntry(
    long Id, string Kind, string? SchemeId, string File, string Sha256, int Read, int? New, int? Replaced, int? Unchanged,
    DateTimeOffset ImportedAt, string? StartedBy, int? PreviousRead)
{
    public bool Shrunk => ImportShrinkage.IsSuspect(Read, PreviousRead);
}

/// <summary>Reads and writes the <c>imports</c> table; a row is written in the transaction that stores the file's rows.</summary>
public sealed class ImportLog(IConnectionFactory connections)
{
    /// <summary>
    /// Past imports, oldest first; each carries the rows read of the import of its kind (and scheme) before it.
    /// The table holds a few rows a month, so it is read whole and filtered here.
    /// </summary>
    public async Task<IReadOnlyList<ImportEntry>> ListAsync(string? kind = null, int? last = null, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Id, string Kind, string? SchemeId, string File, string Sha256, int Read, int? New, int? Replaced, int? Unchanged, DateTimeOffset ImportedAt, string? StartedBy)>(
            new CommandDefinition(
                """
                SELECT id, kind, scheme_id, file_name, sha256, row_count, rows_new, rows_replaced, rows_unchanged, imported_at, started_by
                FROM imports ORDER BY id
                """,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        var previous = new Dictionary<(string, string?), int>();
        var entries = new List<ImportEntry>();
        foreach (var r in rows)
        {
            var key = (r.Kind.Trim(), r.SchemeId);
            entries.Add(new ImportEntry(r.Id, key.Item1, r.SchemeId, r.File, r.Sha256.Trim(), r.Read, r.New, r.Replaced, r.Unchanged, r.ImportedAt, r.StartedBy,
                previous.TryGetValue(key, out var before) ? before : null));
            previous[key] = r.Read;
        }
        var selected = entries.Where(e => kind is null || string.Equals(e.Kind, kind, StringComparison.OrdinalIgnoreCase)).ToList();
        return last is { } n && selected.Count > n ? selected[^n..] : selected;
    }

    /// <summary>The rows read of the latest import of a kind (and scheme), read inside the importing transaction.</summary>
    internal static async Task<int?> PreviousReadAsync(DbConnection connection, DbTransaction transaction, string kind, string? schemeId) =>
        await connection.QueryFirstOrDefaultAsync<int?>(
            schemeId is null
                ? "SELECT row_count FROM imports WHERE id = (SELECT MAX(id) FROM imports WHERE kind = @kind AND scheme_id IS NULL)"
                : "SELECT row_count FROM imports WHERE id = (SELECT MAX(id) FROM imports WHERE kind = @kind AND scheme_id = @schemeId)",
            new { kind, schemeId }, transaction).ConfigureAwait(false);

    internal static async Task RecordAsync(
        DbConnection connection, DbTransaction transaction, ImportFigures figures, string? schemeId, string startedBy, DateTimeOffset at) =>
        await connection.ExecuteAsync(
            """
            INSERT INTO imports (kind, scheme_id, file_name, sha256, row_count, rows_new, rows_replaced, rows_unchanged, imported_at, started_by)
            VALUES (@Kind, @SchemeId, @File, @Sha256, @Read, @New, @Replaced, @Unchanged, @At, @StartedBy)
            """,
            new
            {
                figures.Kind, SchemeId = schemeId, figures.File, figures.Sha256, figures.Read, figures.New, figures.Replaced, figures.Unchanged,
                At = at, StartedBy = startedBy,
            },
            transaction).ConfigureAwait(false);

    /// <summary>The SHA-256 of a file's bytes, lower-case hex, streamed.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }
}

/// <summary>Tallies rows as new, replaced or unchanged against the stored rows' values, in memory: no query per row.</summary>
internal sealed class RowTally(Dictionary<string, UInt128> stored)
{
    private Dictionary<string, string>? _folded;

    public int New { get; private set; }

    public int Replaced { get; private set; }

    public int Unchanged { get; private set; }

    /// <summary>A stored key equal to <paramref name="key"/> but for letter case; null when there is none or the key is stored as it is.</summary>
    public string? OtherCaseOf(string key)
    {
        if (stored.ContainsKey(key))
        {
            return null;
        }
        if (_folded is null)
        {
            _folded = new Dictionary<string, string>(stored.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var storedKey in stored.Keys)
            {
                _folded.TryAdd(storedKey, storedKey);
            }
        }
        return _folded.GetValueOrDefault(key);
    }

    /// <summary>Counts a row; true when its key is already stored (so it is written with UPDATE).</summary>
    public bool Count(string key, IEnumerable<object?> values)
    {
        if (!stored.TryGetValue(key, out var before))
        {
            New++;
            return false;
        }
        if (before == StoredRows.Digest(values))
        {
            Unchanged++;
        }
        else
        {
            Replaced++;
        }
        return true;
    }
}

/// <summary>
/// The stored rows of a table as key → values, read in one query; values are written canonically so that a
/// value read back from any provider equals the value parsed from the file: dates as yyyy-MM-dd (SQLite keeps
/// text, the servers DATE), decimals without trailing zeros (the servers hand back the column's scale, SQLite a
/// double or an integer), integers in invariant digits, NULL as its own token.
/// </summary>
internal static class StoredRows
{
    /// <param name="sql">Selects the columns in the order of the table's parameter values.</param>
    /// <param name="each">Also given every stored row's values, for a table whose file replaces more than its own keys.</param>
    public static async Task<Dictionary<string, UInt128>> LoadAsync(
        DbConnection connection, DbTransaction transaction, string sql, Func<object?[], string> key, Action<object?[]>? each = null)
    {
        var stored = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        if (connection is SqliteConnection sqlite)
        {
            // Through the library itself, as the reader would give each value: a late file of one row reads a national
            // table's 200,000 stored rows, and the reader's checks and handle counting around every value were half of it.
            using var rows = new SqliteRows(sqlite, sql, []);
            var columns = rows.FieldCount;
            while (rows.Read())
            {
                var values = new object?[columns];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = rows.Value(i);
                }
                Keep(values);
            }
            return stored;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            Keep(values);
        }
        return stored;

        void Keep(object?[] values)
        {
            stored[key(values)] = Digest(values);
            each?.Invoke(values);
        }
    }

    public static string Canonical(IEnumerable<object?> values) => string.Join('\u001f', values.Select(Canonical));

    /// <summary>
    /// The canonical values as 128 bits of their SHA-256: a late file of one row compares against a national table's
    /// 200,000 stored rows, held as these 16 bytes each instead of their text.
    /// </summary>
    public static UInt128 Digest(IEnumerable<object?> values)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Canonical(values)), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    private static string Canonical(object? value) => value switch
    {
        null or DBNull => "\u0000",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => DateOnly.FromDateTime(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal or double or float => DbValues.Decimal(value).ToString("0.############################", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
