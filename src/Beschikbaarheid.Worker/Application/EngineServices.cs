using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.DrawingRights;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Application;

/// <summary>A configuration value that cannot work: named key, clear reason.</summary>
public sealed class ConfigurationException(string message) : Exception(message);

/// <summary>Wires the engine's parts from configuration; shared by every verb, the worker and the tests.</summary>
public static class EngineServices
{
    public static IServiceCollection AddEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.Configure<PathOptions>(configuration.GetSection(PathOptions.Section));
        services.Configure<ScheduleOptions>(configuration.GetSection(ScheduleOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConnectionFactory>(sp => CreateConnectionFactory(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton(sp => new Migrator(sp.GetRequiredService<IConnectionFactory>()));
        services.AddSingleton<DatabaseSetup>();
        services.AddSingleton<CsvImporter>();
        services.AddSingleton(sp => new SchemeFileLoader(sp.GetRequiredService<IOptions<PathOptions>>().Value.Schemes));
        services.AddSingleton<SettlementInputReader>();
        services.AddSingleton(sp =>
        {
            var store = new SettlementStore(sp.GetRequiredService<IConnectionFactory>());
            // Test seam for the crash test: hold the transaction open after N invoices so a test can kill the process there.
            if (configuration.GetValue<int?>("Testing:PauseAfterInvoices") is { } pauseAfter)
            {
                store.AfterInvoiceWritten = written =>
                {
                    if (written == pauseAfter)
                    {
                        Console.Error.WriteLine($"paused after {written} invoice(s)");
                        Thread.Sleep(TimeSpan.FromMinutes(2));
                    }
                };
            }
            return store;
        });
        services.AddSingleton<SettlementHistory>();
        services.AddSingleton<RegistryReader>();
        services.AddSingleton<LocalCalendar>();
        services.AddSingleton<SchemeInputs>();
        services.AddSingleton<YearClosures>();
        services.AddSingleton<SettlementService>();
        services.AddSingleton<YearEndService>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<DrawingRightsStore>();
        services.AddSingleton<TransferReader>();
        services.AddSingleton<TransferImporter>();
        services.AddSingleton<DrawingRightsService>();
        return services;
    }

    private static SqliteConnectionFactory CreateConnectionFactory(DatabaseOptions options) =>
        options.Provider.ToUpperInvariant() switch
        {
            "SQLITE" when string.IsNullOrWhiteSpace(options.File) => throw new ConfigurationException("Database:File is empty: name the SQLite file (--db FILE)."),
            "SQLITE" => new SqliteConnectionFactory(options.File),
            _ => throw new ConfigurationException($"Database:Provider '{options.Provider}' is not supported; use 'sqlite'."),
        };
}
