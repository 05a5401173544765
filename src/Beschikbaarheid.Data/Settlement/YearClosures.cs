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
public sealed class YearClosures(IConnectionFactory connections)
{
    public const string Finalized = "vastgesteld";
    public const string Reopened = "heropend";

    public async Task<IReadOnlyList<YearEvent>> EventsAsync(string schemeId, int? year = null, CancellationToken cancellationToken = default)
    {
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await EventsAsync(connection, null, schemeId, year).ConfigureAwait(false);
    }

    /// <summary>Whether the year's last event is its year end.</summary>
    public async Task<bool> IsClosedAsync(string schemeId, int year, CancellationToken cancellationToken = default) =>
        IsClosed(await EventsAsync(schemeId, year, cancellationToken).ConfigureAwait(false));

    /// <summary>Opens a closed year again; the reason is required and kept.</summary>
    public async Task ReopenAsync(string schemeId, int year, string reason, string startedBy, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A reopening needs a reason (--reason TEXT); nothing changed.", nameof(reason));
        }
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!IsClosed(await EventsAsync(connection, transaction, schemeId, year).ConfigureAwait(false)))
        {
            throw new YearClosedException($"Scheme {schemeId}: {year} is not closed (it has no year end since it was last opened); nothing changed.");
        }
        await InsertAsync(connection, transaction, schemeId, year, Reopened, null, reason.Trim(), startedBy, now).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many year ends the year has had; the next is one more.</summary>
    public async Task<int> FinalizationsAsync(string schemeId, int year, CancellationToken cancellationToken = default) =>
        (await EventsAsync(schemeId, year, cancellationToken).ConfigureAwait(false)).Count(e => e.Event == Finalized);

    /// <summary>Closes a year inside the transaction that stores its year end; refuses a year that is already closed.</summary>
    internal static async Task CloseAsync(DbConnection connection, DbTransaction transaction, string schemeId, int year, long runId, string startedBy, DateTimeOffset now)
    {
        if (IsClosed(await EventsAsync(connection, transaction, schemeId, year).ConfigureAwait(false)))
        {
            throw new YearClosedException($"Scheme {schemeId}: {year} is already closed; reopen it first (reopen --scheme {schemeId} --year {year} --reason TEXT).");
        }
        await InsertAsync(connection, transaction, schemeId, year, Finalized, runId, null, startedBy, now).ConfigureAwait(false);
    }

    private static bool IsClosed(IReadOnlyList<YearEvent> events) => events.Count > 0 && events[^1].Event == Finalized;

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
