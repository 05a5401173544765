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
        services.Configure<ResilienceOptions>(configuration.GetSection(ResilienceOptions.Section));
        services.AddSingleton<UnitOfWork>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConnectionFactory>(sp => CreateConnectionFactory(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, configuration.GetConnectionString(ConnectionStringName)));
        services.AddSingleton(sp => new Migrator(sp.GetRequiredService<IConnectionFactory>()));
        services.AddSingleton<DatabaseSetup>();
        services.AddSingleton<CsvImporter>();
        services.AddSingleton(sp => new SchemeFileLoader(sp.GetRequiredService<IOptions<PathOptions>>().Value.Schemes));
        services.AddSingleton<SchemeLocks>();
        // No probe is registered here: only a test host adds one to inject a fault inside the issuing transaction.
        services.AddSingleton(sp => new SettlementWriter(sp.GetService<IIssueProbe>()));
        services.AddSingleton<IssuedSettlements>();
        services.AddSingleton<SettlementHistory>();
        services.AddSingleton<SettlementConcepts>();
        services.AddSingleton<ImportLog>();
        services.AddSingleton<SettledMonths>();
        services.AddSingleton<RegistryReader>();
        services.AddSingleton<LocalCalendar>();
        services.AddSingleton<YearClosures>();
        services.AddSingleton<SettlementService>();
        services.AddSingleton<YearEndService>();
        services.AddSingleton<StatusService>();
        services.AddSingleton<SchemeValidation>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<TransferReader>();
        services.AddSingleton<TransferImporter>();
        services.AddSingleton<Beschikbaarheid.Data.Estimates.EstimateImporter>();
        services.AddSingleton<Beschikbaarheid.Data.Municipalities.MergerImporter>();
        services.AddSingleton<DrawingRightsService>();
        return services;
    }

    /// <summary>The connection string of the server providers (SQL Server, PostgreSQL): <c>ConnectionStrings:Beschikbaarheid</c> (<c>ConnectionStrings__Beschikbaarheid</c>).</summary>
    public const string ConnectionStringName = "Beschikbaarheid";

    /// <summary>
    /// The provider switch: <c>Database:Provider</c> is sqlite (the embedded file), sqlserver or postgresql (by
    /// connection string).
    /// </summary>
    public static IConnectionFactory CreateConnectionFactory(DatabaseOptions options, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider.Trim().ToUpperInvariant())
        {
            case "SQLITE" when string.IsNullOrWhiteSpace(options.File):
                throw new ConfigurationException("Database:File is empty: name the SQLite file (--db FILE).");
            case "SQLITE":
                return new SqliteConnectionFactory(options.File);
            case "SQLSERVER":
                return ByConnectionString("sqlserver", connectionString, cs => new SqlServerConnectionFactory(cs));
            case "POSTGRESQL":
                return ByConnectionString("postgresql", connectionString, cs => new PostgreSqlConnectionFactory(cs));
            default:
                throw new ConfigurationException($"Database:Provider '{options.Provider}' is not supported; use 'sqlite', 'sqlserver' or 'postgresql'.");
        }
    }

    private static IConnectionFactory ByConnectionString(string provider, string? connectionString, Func<string, IConnectionFactory> create)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfigurationException(
                $"Database:Provider is {provider} but ConnectionStrings:{ConnectionStringName} is not set (environment: ConnectionStrings__{ConnectionStringName}).");
        }
        try
        {
            return create(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException($"ConnectionStrings:{ConnectionStringName}: {ex.Message}");
        }
    }
}
