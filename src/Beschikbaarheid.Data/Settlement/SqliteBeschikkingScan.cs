using System.Collections.Concurrent;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>A set of schools' beschikkingen read from SQLite, for settlement and the inventory alike.</summary>
internal static class SqliteBeschikkingScan
{
    /// <summary>
    /// One pass over the table in storage order, keeping the rows at the given schools. Looking each school up in an index,
    /// as the servers do, fetched the rows a page at a time from all over the file: a national region's 200,000 took
    /// 1.0–1.3 s where the pass takes about 0.1 s, and SQLite has no such index since (migration 0016). The rows are put in
    /// the order that join gave them (the schools as listed, then start date, then storage order), so what follows sees no
    /// difference.
    /// </summary>
    /// <remarks>
    /// On two cores: this thread steps SQLite and copies each kept row's texts (<see cref="RawRows"/>), another makes the
    /// strings and beschikkingen, batch after batch in the order read. A failure stops the reading; what the other thread
    /// was given before it is still made, so the error thrown is that of the first row that could not be read, as when one
    /// thread did both (of one row bad in two ways, its dates and hours are read first now).
    /// </remarks>
    public static Beschikking[] Read(SqliteConnection sqlite, IEnumerable<SchoolLocationId> schools, DateOnly from, DateOnly through)
    {
        var position = new Dictionary<SchoolLocationId, int>();
        foreach (var school in schools)
        {
            position.TryAdd(school, position.Count);
        }
        var rows = new BeschikkingRows();
        var positions = new List<int>();
        // A few batches on their way at most: the copies stay small, and a batch made is given back to be filled again.
        using var handOver = new BlockingCollection<RawRows>(boundedCapacity: 4);
        var spare = new ConcurrentQueue<RawRows>();
        // Cancelled only by the making thread when it fails: nothing it is given after that is made.
        using var failed = new CancellationTokenSource();
        var making = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var made in handOver.GetConsumingEnumerable(failed.Token))
                    {
                        made.MakeInto(rows);
                        spare.Enqueue(made);
                    }
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var batch = new RawRows();
        try
        {
            using var query = new SqliteRows(
                sqlite,
                """
                SELECT number, client, municipality_code, brin, vestiging, provider, category, law, hours_per_week, start_date, end_date
                FROM beschikkingen
                WHERE start_date <= @Through AND (end_date IS NULL OR end_date >= @From)
                ORDER BY rowid
                """,
                [("From", from), ("Through", through)]);
            while (query.Read())
            {
                var school = rows.School(query);
                if (position.TryGetValue(school, out var at))
                {
                    failed.Token.ThrowIfCancellationRequested();
                    batch.Add(query, school);
                    positions.Add(at);
                    if (batch.IsFull)
                    {
                        handOver.Add(batch, failed.Token);
                        batch = spare.TryDequeue(out var again) ? again : new RawRows();
                    }
                }
            }
            handOver.Add(batch, failed.Token);
            handOver.CompleteAdding();
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            // The making thread failed: its exception, of an earlier row, is thrown below.
        }
        catch
        {
            // The rows read before this one are made first: an error among them came first and is the one thrown.
            HandOverTheRest(handOver, batch, failed.Token);
            making.GetAwaiter().GetResult();
            throw;
        }
        making.GetAwaiter().GetResult();
        return InJoinOrder(rows.Found, positions, position.Count);
    }

    private static void HandOverTheRest(BlockingCollection<RawRows> handOver, RawRows batch, CancellationToken failed)
    {
        try
        {
            handOver.Add(batch, failed);
        }
        catch (OperationCanceledException)
        {
            // The making thread failed too: it takes nothing more.
        }
        handOver.CompleteAdding();
    }

    /// <summary>
    /// Up to <see cref="Capacity"/> kept rows as SQLite gave them: the six texts a beschikking keeps copied as bytes, the
    /// hours, dates and school read already. Full at <see cref="Capacity"/> rows or <see cref="Bytes"/> bytes of text, so
    /// that its arrays stay below the size the collector keeps apart for large objects (only a row of texts longer than any
    /// code or name makes its bytes grow past it).
    /// </summary>
    private sealed class RawRows
    {
        private const int Capacity = 1024;
        private const int Texts = 6;
        private const int Bytes = 60 * 1024;

        private readonly int[] _ends = new int[Capacity * Texts];
        private readonly Numbers[] _numbers = new Numbers[Capacity];
        private byte[] _bytes = new byte[Bytes + 4 * 1024];
        private int _used;
        private int _count;

        private readonly record struct Numbers(SchoolLocationId School, decimal Hours, ActivePeriod Active);

        public bool IsFull => _count == Capacity || _used >= Bytes;

        /// <summary>The current row of the columns <see cref="Read"/> selects.</summary>
        public void Add(SqliteRows row, SchoolLocationId school)
        {
            var ends = _count * Texts;
            foreach (var column in (ReadOnlySpan<int>)[0, 1, 2, 5, 6, 7])
            {
                var text = row.Utf8(column);
                if (_used + text.Length > _bytes.Length)
                {
                    Array.Resize(ref _bytes, Math.Max(2 * _bytes.Length, _used + text.Length));
                }
                text.CopyTo(_bytes.AsSpan(_used));
                _used += text.Length;
                _ends[ends++] = _used;
            }
            _numbers[_count++] = new Numbers(school, row.Decimal(8), new ActivePeriod(row.Date(9), row.IsNull(10) ? null : row.Date(10)));
        }

        /// <summary>Makes the rows into <paramref name="rows"/> in their order, and empties this batch for the next.</summary>
        public void MakeInto(BeschikkingRows rows)
        {
            var bytes = _bytes.AsSpan();
            var start = 0;
            for (var i = 0; i < _count; i++)
            {
                var ends = _ends.AsSpan(i * Texts, Texts);
                var (school, hours, active) = _numbers[i];
                rows.Add(
                    bytes[start..ends[0]], bytes[ends[0]..ends[1]], bytes[ends[1]..ends[2]], school,
                    bytes[ends[2]..ends[3]], bytes[ends[3]..ends[4]], bytes[ends[4]..ends[5]], hours, active);
                start = ends[5];
            }
            (_count, _used) = (0, 0);
        }
    }

    /// <summary>Rows in storage order, ordered stably by their school's position and then by start date.</summary>
    private static Beschikking[] InJoinOrder(List<Beschikking> found, List<int> positions, int schools)
    {
        // A counting sort by school keeps storage order within a school; a school's few hundred rows are then sorted by start
        // date, ties kept in storage order by the row's place in the key.
        var first = new int[schools + 1];
        foreach (var at in positions)
        {
            first[at + 1]++;
        }
        for (var i = 1; i <= schools; i++)
        {
            first[i] += first[i - 1];
        }
        var ordered = new Beschikking[found.Count];
        var next = first[..schools];
        for (var i = 0; i < found.Count; i++)
        {
            ordered[next[positions[i]]++] = found[i];
        }
        var keys = new long[ordered.Length];
        for (var school = 0; school < schools; school++)
        {
            var count = first[school + 1] - first[school];
            for (var i = 0; i < count; i++)
            {
                keys[first[school] + i] = ((long)ordered[first[school] + i].Active.Start.DayNumber << 32) | (uint)i;
            }
            Array.Sort(keys, ordered, first[school], count);
        }
        return ordered;
    }
}
