using System.Data.Common;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Worker.Application;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Tests.Application;

/// <summary>Transient database faults injected at the connection factory, the one place every unit of work opens its connections.</summary>
public sealed class UnitOfWorkTests : IDisposable
{
    private readonly Workspace _workspace = new();
    private readonly FaultyConnections _connections;
    private readonly ServiceProvider _services;

    public UnitOfWorkTests()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        _connections = new FaultyConnections(new SqliteConnectionFactory(_workspace.Database));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Paths:Schemes"] = _workspace.Schemes,
            ["Paths:Output"] = _workspace.Output,
            ["Resilience:BaseDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConnectionFactory>(_connections);
        services.AddEngine(configuration);
        _services = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _workspace.Dispose();
    }

    private Task<SettleOutcome> SettleMarchAsync() =>
        _services.GetRequiredService<SettlementService>().SettleAsync(Workspace.SchemeId, new YearMonth(2026, 3), "test", new DateOnly(2026, 4, 1));

    [Fact]
    public async Task TransientFaults_RetryTheWholeUnitOfWork_WhichCompletesOnce()
    {
        await _services.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        // The first two connections of the settlement fail as SQLite does when another writer holds the lock.
        _connections.FailNext(2, () => new SqliteException("database is locked", 5, 5));
        var outcome = await SettleMarchAsync();
        Assert.Equal(SettleStatus.Issued, outcome.Status);
        Assert.Equal(0, _connections.FailuresLeft);
        var history = await _services.GetRequiredService<SettlementHistory>().LoadAsync(Workspace.SchemeId, 2026);
        Assert.Equal("GM0268-2026-00001", Assert.Single(Assert.Single(history).Invoices).Number);
    }

    [Fact(Timeout = 30_000)]
    public async Task AnUnreachableSqlServer_AsTheFactoryReportsIt_IsRetried()
    {
        await _services.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        // A real failure of the SQL Server factory: nothing listens on loopback port 1, so SqlClient is refused.
        var refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            new SqlServerConnectionFactory("Server=tcp:127.0.0.1,1;Database=b;User Id=sa;Password=x;Connect Timeout=1").OpenAsync());
        _connections.FailNext(2, () => refused);
        Assert.Equal(SettleStatus.Issued, (await SettleMarchAsync()).Status);
        Assert.Equal(0, _connections.FailuresLeft);
    }

    [Fact]
    public async Task ANonTransientFault_FailsAtOnce()
    {
        await _services.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        // SQLITE_ERROR (1): a fault in what is asked, not in when; trying again would only fail again.
        _connections.FailNext(5, () => new SqliteException("no such table: settlement_runs", 1, 1));
        var error = await Assert.ThrowsAsync<SqliteException>(SettleMarchAsync);
        Assert.Equal(1, error.SqliteErrorCode);
        Assert.Equal(4, _connections.FailuresLeft);
    }

    [Fact]
    public async Task WhatAUnitOfWorkLeftBehind_IsCollectedBeforeItsCallerGoesOn()
    {
        // An 8 MB table the unit used and let go: as large as a national import's key per row, on the large object heap,
        // which the collector visits only in a full collection.
        var left = await _services.GetRequiredService<UnitOfWork>().RunAsync(_ => Task.FromResult(UseAndLetGo()), CancellationToken.None);
        Assert.False(left.IsAlive, "the unit's garbage was still on the heap when its caller went on");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference UseAndLetGo()
    {
        var table = new long[1 << 20];
        table[^1] = 1;
        return new WeakReference(table);
    }

    /// <summary>The test seam: the real SQLite factory, but the next N opens throw the given fault.</summary>
    private sealed class FaultyConnections(IConnectionFactory inner) : IConnectionFactory
    {
        private int _failuresLeft;
        private Func<Exception> _fault = () => new InvalidOperationException();

        public int FailuresLeft => Volatile.Read(ref _failuresLeft);

        public DatabaseProvider Provider => inner.Provider;

        public string Describe() => inner.Describe();

        public void FailNext(int count, Func<Exception> fault)
        {
            _fault = fault;
            Volatile.Write(ref _failuresLeft, count);
        }

        public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
        {
            var left = Volatile.Read(ref _failuresLeft);
            while (left > 0)
            {
                if (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) == left)
                {
                    throw _fault();
                }
                left = Volatile.Read(ref _failuresLeft);
            }
            return inner.OpenAsync(cancellationToken);
        }
    }
}
