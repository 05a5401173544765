using System.CommandLine;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Cli.Verbs;

/// <summary>
/// Checks scheme files before they are used: unknown keys, missing or malformed values and unsupported
/// combinations (the table of <c>SupportedSchemes</c>), and the municipalities and schools they name against the
/// registry. Every problem of every file is printed at once, on stderr, as <c>FILE: key '…': reason</c>.
/// </summary>
internal static class ValidateVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var scheme = new Option<string?>("--scheme") { Description = "Only this scheme (its file <id>.json); default every file of the scheme folder.", HelpName = "ID" };
        var command = new Command("validate", "Check every scheme file (or one): unknown keys, missing or bad values, unsupported pool × key × flow, and that the municipalities and schools it names are in the registry. Prints every problem with file and key; exit 1 on any.")
        {
            scheme, common.Database, common.Provider, common.Schemes,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var report = await host.Services.GetRequiredService<SchemeValidation>().ValidateAsync(parse.GetValue(scheme), ct).ConfigureAwait(false);
            foreach (var check in report.Schemes)
            {
                if (check.Ok)
                {
                    Console.WriteLine(report.RegistryProblem is null
                        ? $"OK {check.SchemeId} ({check.File})"
                        : $"file OK {check.SchemeId} ({check.File}), registry not checked");
                    continue;
                }
                foreach (var problem in check.Problems)
                {
                    await Console.Error.WriteLineAsync($"{check.File}: {problem}").ConfigureAwait(false);
                }
            }
            if (report.RegistryProblem is { } registryProblem)
            {
                await Console.Error.WriteLineAsync(registryProblem).ConfigureAwait(false);
            }
            var bad = report.Schemes.Count(s => !s.Ok);
            Console.WriteLine($"{report.Schemes.Count} scheme file(s) checked, {bad} with problems ({report.Schemes.Sum(s => s.Problems.Count)} in all)"
                + (report.RegistryProblem is null ? "." : "; the registry was not checked."));
            return report.Ok ? ExitCodes.Ok : ExitCodes.Failed;
        }, cancellationToken));
        return command;
    }
}
