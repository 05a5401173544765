using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Application;

/// <summary>Brings the database to the program's schema before work starts, when configured to (the embedded default).</summary>
public sealed class DatabaseSetup(Migrator migrator, TimeProvider clock, IOptions<DatabaseOptions> options, ILogger<DatabaseSetup> logger)
{
    private bool _ready;

    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = await migrator.MigrateAsync(clock, cancellationToken).ConfigureAwait(false);
        foreach (var migration in applied)
        {
            logger.LogInformation("Applied migration {Migration}", migration.Name);
        }
        _ready = true;
        return applied.Count;
    }

    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_ready)
        {
            return;
        }
        if (options.Value.MigrateOnStart)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var pending = await migrator.PendingAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            throw new DatabaseUnavailableException($"The database has {pending.Count} pending migration(s); run 'beschikbaarheid db migrate' first.");
        }
        _ready = true;
    }
}
