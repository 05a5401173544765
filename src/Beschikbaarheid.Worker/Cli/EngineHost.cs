using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Beschikbaarheid.Worker.Cli;

/// <summary>
/// Builds the host every verb runs in: appsettings.json beside the executable (the embedded defaults),
/// then environment variables (<c>Database__File</c>, or with the prefix <c>BESCHIKBAARHEID_</c>), then
/// command-line options. Logs go to stderr so stdout carries only results.
/// </summary>
internal static class EngineHost
{
    public static HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddEnvironmentVariables("BESCHIKBAARHEID_")
            .AddInMemoryCollection(overrides);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // Logging:Format json gives one JSON object per line with the scopes (scheme, period) and values
        // (run id, counts) as fields, for a container's log collector; the default is one readable line.
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                // Every message names its scheme and month itself; the scopes (fields in the JSON log) would repeat them on every line.
                o.IncludeScopes = false;
            });
        }
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddEngine(builder.Configuration);
        return builder;
    }
}
