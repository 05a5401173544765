using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.Hosting;

namespace Beschikbaarheid.Worker.Cli;

/// <summary>Runs a verb's work inside a host and turns every failure into a message on stderr and exit code 1.</summary>
internal static class VerbRunner
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> overrides, Func<IHost, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            using var host = EngineHost.CreateBuilder(overrides).Build();
            return await work(host, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync(Describe(ex)).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        InputRejectedException or SchemeFileException or DatabaseUnavailableException or ConfigurationException or SettlementRejectedException
            or NotSupportedException or SettlementInputException => ex.Message,
        OperationCanceledException => "Cancelled; nothing half-done was kept.",
        _ => $"Failed: {ex.GetType().Name}: {ex.Message}",
    };
}
