using System.CommandLine;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class StatusVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var command = new Command("status", "Health of this installation: database reachable, migrations current, next fire times, last runs, schemes behind (complete months not settled, a warning). Exit 1 when unhealthy (the container's health check).")
        {
            common.Database, common.Provider, common.Schemes,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var report = await host.Services.GetRequiredService<StatusService>().CheckAsync(ct).ConfigureAwait(false);
            foreach (var check in report.Checks)
            {
                Console.WriteLine($"{(check.Healthy ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
            }
            foreach (var run in report.LastRuns)
            {
                Console.WriteLine($"     last: {run}");
            }
            foreach (var concept in report.WaitingForApproval)
            {
                Console.WriteLine($"wait concept {concept}");
            }
            foreach (var warning in report.Warnings)
            {
                Console.WriteLine($"warn {warning}");
            }
            Console.WriteLine(report.Healthy ? "healthy" : "unhealthy");
            return report.Healthy ? ExitCodes.Ok : ExitCodes.Failed;
        }, cancellationToken));
        return command;
    }
}
