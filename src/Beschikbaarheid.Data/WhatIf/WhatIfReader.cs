using System.Data;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.DrawingRights;
using Beschikbaarheid.Data.Settlement;

namespace Beschikbaarheid.Data.WhatIf;

/// <summary>What a comparison of keys reads: the year's stored drawing rights, pupil counts and beschikkingen.</summary>
public sealed record WhatIfData(IReadOnlyList<DrawingRight> DrawingRights, IReadOnlyList<PupilCount> Pupils, IReadOnlyList<Beschikking> Beschikkingen);

/// <summary>
/// Reads a scheme's inputs of a funding year for the what-if through settlement's own set-based readers, in one read
/// transaction that takes no scheme lock and is rolled back: a comparison never waits for, nor blocks, a settlement,
/// and stores nothing.
/// </summary>
public sealed class WhatIfReader(IConnectionFactory connections)
{
    public async Task<WhatIfData> LoadAsync(Scheme scheme, int year, bool drawingRights, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        // SQLite: a deferred transaction takes no write lock (a plain BeginTransaction would be BEGIN IMMEDIATE).
        var transaction = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await using var session = new SchemeTransaction(scheme.Id, connections.Provider, connection, transaction);
        var rights = drawingRights ? await DrawingRightsStore.LoadAsync(session, year, cancellationToken).ConfigureAwait(false) : [];
        var pupils = await SettlementInputReader.LoadPupilCountsAsync(session, scheme, year, [scheme.CountingDate.ForFundingYear(year)], cancellationToken).ConfigureAwait(false);
        var beschikkingen = await SettlementInputReader.LoadBeschikkingenAsync(session, scheme, year, cancellationToken).ConfigureAwait(false);
        return new WhatIfData(rights, pupils, beschikkingen);
    }
}
