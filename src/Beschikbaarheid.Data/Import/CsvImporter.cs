using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Import;

/// <summary>
/// Imports one CSV file in one transaction: rows are checked and written as they stream in, and the
/// transaction commits only when not a single row was bad, so a rejected file leaves nothing behind.
/// A row whose key is already stored replaces that row; new keys are added. Each accepted file is recorded in
/// <c>imports</c> in the same transaction, with its rows read, new, replaced and unchanged and its SHA-256.
/// </summary>
public sealed class CsvImporter(IConnectionFactory connections, TimeProvider clock)
{
    private const int ProgressEvery = 5_000;

    /// <summary>Rows checked and handed to the writer at once.</summary>
    private const int WriteBatch = 1_000;

    /// <param name="progress">Receives the number of rows read and checked so far, every few thousand rows, from the thread that reads them.</param>
    /// <param name="countingDates">Dates besides 1 October that schemes name as their Peildatum.</param>
    /// <param name="startedBy">Who started the import, as recorded in <c>imports</c>.</param>
    public async Task<ImportResult> ImportAsync(
        ImportKind kind, string path, IProgress<int>? progress = null, IEnumerable<CountingDate>? countingDates = null, string startedBy = "import",
        CancellationToken cancellationToken = default)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw InputRejectedException.NotFound(path);
        }
        var table = ImportTables.For(kind, new HashSet<string>());
        var (csv, headerError) = CsvFile.Open(path, header => (table = ImportTables.For(kind, header)).Columns);
        if (headerError is not null)
        {
            throw new InputRejectedException(file, [headerError]);
        }

        using (csv)
        {
            DapperSetup.EnsureRegistered();
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            var known = kind == ImportKind.Gemeenten ? null : await LoadKnownAsync(connection, countingDates ?? []).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Read in the transaction that writes: a file imported at the same moment by another process cannot slip in between.
            var superseding = table.Superseding;
            var storedInScope = new Dictionary<string, List<object?[]>>(StringComparer.Ordinal);
            var tally = new RowTally(await StoredRows.LoadAsync(connection, transaction, table.StoredSql, table.StoredKey, superseding is null ? null : values =>
            {
                foreach (var scope in superseding.ScopesOfStored(values))
                {
                    (storedInScope.TryGetValue(scope, out var rows) ? rows : storedInScope[scope] = []).Add(values);
                }
            }).ConfigureAwait(false));
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            using var insert = new RepeatedCommand(connection, transaction, connections.Provider, table.InsertSql);
            using var update = new RepeatedCommand(connection, transaction, connections.Provider, table.UpdateSql);

            var errors = new List<RowError>();
            // Keys that differ only in letter case are one id typed twice (and SQL Server compares them as one).
            var lineOfKey = new Dictionary<string, (int Line, string Key)>(StringComparer.OrdinalIgnoreCase);
            var rows = 0;
            // Reading and checking the file runs on another core while this one writes what it has checked: a national file
            // spent a third of its time parsing, with the database waiting. Only the reader touches the checks' state, only
            // this thread the connection; the bounded channel holds a few batches, so memory stays flat.
            var batches = Channel.CreateBounded<List<(RepeatedCommand Command, IReadOnlyList<(string Name, object? Value)> Values)>>(4);
            using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reading = Task.Run(async () =>
            {
                try
                {
                    var batch = new List<(RepeatedCommand, IReadOnlyList<(string, object?)>)>(WriteBatch);
                    foreach (var row in csv!.Rows(errors))
                    {
                        var reasons = new List<string>();
                        var record = table.Parse(row, known, reasons);
                        if (record is not null && table.Key(record) is var key && !lineOfKey.TryAdd(key, (row.Line, key)))
                        {
                            var other = lineOfKey[key];
                            reasons.Add(other.Key == key
                                ? $"{key} appears twice in the file (also on line {other.Line})"
                                : $"{key} is {other.Key} of line {other.Line} in other letter case: one id, written twice");
                        }
                        else if (record is not null && tally.OtherCaseOf(table.Key(record)) is { } stored)
                        {
                            reasons.Add($"{table.Key(record)} differs only in letter case from the stored {stored}: one id, write it as stored");
                        }
                        if (reasons.Count > 0)
                        {
                            errors.Add(new RowError(file, row.Line, string.Join("; ", reasons)));
                            continue;
                        }
                        if (errors.Count == 0)
                        {
                            // Once a row is bad the file will be rolled back: keep checking, stop writing.
                            var values = table.Values(record!);
                            batch.Add((tally.Count(table.Key(record!), values.Select(v => v.Value)) ? update : insert, values));
                            if (superseding is not null)
                            {
                                claimed.UnionWith(superseding.Claims(record!));
                            }
                            if (batch.Count == WriteBatch)
                            {
                                await batches.Writer.WriteAsync(batch, stopReading.Token).ConfigureAwait(false);
                                batch = new(WriteBatch);
                            }
                        }
                        if (++rows % ProgressEvery == 0)
                        {
                            progress?.Report(rows);
                        }
                    }
                    if (errors.Count == 0 && batch.Count > 0)
                    {
                        await batches.Writer.WriteAsync(batch, stopReading.Token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    batches.Writer.Complete();
                }
            }, cancellationToken);
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    foreach (var (command, values) in batch)
                    {
                        await command.ExecuteAsync(values, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch
            {
                // The reader must not wait forever on a channel nobody empties any more.
                await stopReading.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                // Its exceptions (a file that cannot be read) are the import's; after a failed write it ends cancelled.
                await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            await reading.ConfigureAwait(false);
            if (rows == 0 && errors.Count == 0)
            {
                errors.Add(new RowError(file, 2, "the file has a header but no data rows"));
            }
            if (errors.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                throw new InputRejectedException(file, errors);
            }

            var removed = superseding is null
                ? 0
                : await RemoveSupersededAsync(connection, transaction, table, superseding, storedInScope, claimed, lineOfKey, cancellationToken).ConfigureAwait(false);
            var kindName = kind.ToString().ToLowerInvariant();
            var figures = new ImportFigures(
                kindName, file, await ImportLog.Sha256Async(path, cancellationToken).ConfigureAwait(false), rows, tally.New, tally.Replaced, tally.Unchanged,
                await ImportLog.PreviousReadAsync(connection, transaction, kindName, null).ConfigureAwait(false))
            {
                Removed = removed,
            };
            await ImportLog.RecordAsync(connection, transaction, figures, null, startedBy, clock.GetUtcNow()).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(rows);
            return new ImportResult(kind, file, rows, figures);
        }
    }

    /// <summary>Deletes the stored rows in a scope the file claims whose key the file does not have; returns how many.</summary>
    private async Task<int> RemoveSupersededAsync(
        DbConnection connection, DbTransaction transaction, ImportTable table, Superseding superseding, Dictionary<string, List<object?[]>> storedInScope,
        HashSet<string> claimed, Dictionary<string, (int Line, string Key)> fileKeys, CancellationToken cancellationToken)
    {
        using var delete = new RepeatedCommand(connection, transaction, connections.Provider, superseding.DeleteSql);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in claimed)
        {
            foreach (var values in storedInScope.GetValueOrDefault(scope) ?? [])
            {
                var key = table.StoredKey(values);
                if (!fileKeys.ContainsKey(key) && removed.Add(key))
                {
                    await delete.ExecuteAsync(superseding.KeyOfStored(values), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        return removed.Count;
    }

    private static async Task<KnownCodes> LoadKnownAsync(DbConnection connection, IEnumerable<CountingDate> countingDates)
    {
        var municipalities = (await connection.QueryAsync<string>("SELECT code FROM municipalities").ConfigureAwait(false))
            .Select(MunicipalityCode.Parse).ToHashSet();
        var schools = (await connection.QueryAsync<(string Brin, string Vestiging)>("SELECT brin, vestiging FROM school_locations").ConfigureAwait(false))
            .Select(s => StoredCodes.School(s.Brin, s.Vestiging))
            .ToHashSet();
        return new KnownCodes(municipalities, schools, countingDates.Append(CountingDate.FirstOfOctober).ToHashSet());
    }
}
