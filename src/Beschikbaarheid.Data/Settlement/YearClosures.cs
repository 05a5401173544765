using System.Data.Common;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>One event in a year's closing: its year end (<c>vastgesteld</c>) or a reopening (<c>heropend</c>) with its reason.</summary>
public sealed record YearEvent(string SchemeId, int Year, string Event, long? RunId, string? Reason, string StartedBy, DateTimeOffset CreatedAt);

/// <summary>A year is closed by its year end and open again only after a reopening with a reason.</summary>
public sealed class YearClosedException(string message) : Exception(message);

/// <summary>
/// Which funding years of a scheme are closed. The events are only ever added, so they are also the audit
/// trail of every year end and every reopening with its reason.
/// </summary>
public sealed class YearClosures(IConnectionFactory connections, SchemeLocks locks)
{
    public const string Finalized = "vastgesteld";
    public const string Reopened = "heropend";

    public async Task<IReadOnlyList<YearEvent>> EventsAsync(string schemeId, int? year = null, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await EventsAsync(connection, null, schemeId, year).ConfigureAwait(false);
    }

    /// <summary>The events of a scheme (of one year, or all), read in the unit of work's transaction.</summary>
    public static Task<IReadOnlyList<YearEvent>> EventsAsync(SchemeTransaction session, int? year)
    {
        ArgumentNullException.ThrowIfNull(session);
        return EventsAsync(session.Connection, session.Transaction, session.SchemeId, year);
    }

    /// <summary>Opens a closed year again under the scheme's lock; the reason is required and kept.</summary>
    public async Task ReopenAsync(string schemeId, int year, string reason, string startedBy, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A reopening needs a reason (--reason TEXT); nothing changed.", nameof(reason));
        }
        await using var session = await locks.AcquireAsync(schemeId, cancellationToken).ConfigureAwait(false);
        if (!IsClosed(await EventsAsync(session, year).ConfigureAwait(false)))
        {
            throw new YearClosedException($"Scheme {schemeId}: {year} is not closed (it has no year end since it was last opened); nothing changed.");
        }
        await InsertAsync(session.Connection, session.Transaction, schemeId, year, Reopened, null, reason.Trim(), startedBy, now).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes a year inside the transaction that stores its year end; refuses a year that is already closed.</summary>
    internal static async Task CloseAsync(SchemeTransaction session, int year, long runId, string startedBy, DateTimeOffset now)
    {
        if (IsClosed(await EventsAsync(session, year).ConfigureAwait(false)))
        {
            throw new YearClosedException($"Scheme {session.SchemeId}: {year} is already closed; reopen it first (reopen --scheme {session.SchemeId} --year {year} --reason TEXT).");
        }
        await InsertAsync(session.Connection, session.Transaction, session.SchemeId, year, Finalized, runId, null, startedBy, now).ConfigureAwait(false);
    }

    internal static bool IsClosed(IReadOnlyList<YearEvent> events) => events.Count > 0 && Closes(events[^1].Event);

    /// <summary>Whether a year whose latest event is <paramref name="latestEvent"/> is closed: only a year end closes it.</summary>
    internal static bool Closes(string latestEvent) => latestEvent.Trim() == Finalized;

    private static async Task<IReadOnlyList<YearEvent>> EventsAsync(DbConnection connection, DbTransaction? transaction, string schemeId, int? year) =>
        (await connection.QueryAsync<(long Id, string SchemeId, int Year, string Event, long? RunId, string? Reason, string StartedBy, DateTimeOffset CreatedAt)>(
            """
            SELECT id, scheme_id, year, event, run_id, reason, started_by, created_at
            FROM year_events WHERE scheme_id = @schemeId AND (@year IS NULL OR year = @year)
            ORDER BY year, id
            """,
            new { schemeId, year }, transaction).ConfigureAwait(false))
        .Select(e => new YearEvent(e.SchemeId, e.Year, e.Event, e.RunId, e.Reason, e.StartedBy, e.CreatedAt))
        .ToList();

    private static Task InsertAsync(
        DbConnection connection, DbTransaction transaction, string schemeId, int year, string @event, long? runId, string? reason, string startedBy, DateTimeOffset now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO year_events (scheme_id, year, event, run_id, reason, started_by, created_at)
            VALUES (@schemeId, @year, @event, @runId, @reason, @startedBy, @now)
            """,
            new { schemeId, year, @event, runId, reason, startedBy, now }, transaction);
}
