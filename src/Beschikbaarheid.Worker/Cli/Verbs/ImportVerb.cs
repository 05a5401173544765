using System.CommandLine;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class ImportVerb
{
    private const string Overhevelingen = "overhevelingen";
    private const string Inschattingen = Beschikbaarheid.Data.Estimates.EstimateImporter.EstimateKind;
    private const string Realisatie = Beschikbaarheid.Data.Estimates.EstimateImporter.RealisationKind;
    private const string Herindelingen = Beschikbaarheid.Data.Municipalities.MergerImporter.Kind;
    private static readonly string[] SchemeKinds = [Overhevelingen, Inschattingen, Realisatie];

    public static Command Create()
    {
        var common = new CommonOptions();
        var kind = new Argument<string>("kind") { Description = "Which file: gemeenten, scholen, leerlingen, beschikkingen, herindelingen (municipal mergers: datum;oude_code;nieuwe_code), or a scheme's overhevelingen, inschattingen or realisatie." };
        kind.AcceptOnlyFromAmong([.. Enum.GetNames<ImportKind>().Select(n => n.ToLowerInvariant()), Herindelingen, .. SchemeKinds]);
        var scheme = new Option<string?>("--scheme") { Description = "For overhevelingen: the scheme whose drawing rights the transfers move; for inschattingen and realisatie: the scheme with the estimate pool.", HelpName = "ID" };
        var file = new Argument<FileInfo>("FILE") { Description = "The CSV file (; or , separated, UTF-8 or Windows-1252)." };
        var command = new Command("import", "Import a region file. A file with any bad row imports nothing; every bad row is reported with its line.")
        {
            kind, file, scheme, common.Database, common.Provider, common.Schemes,
        };
        command.Validators.Add(result =>
        {
            // Read from the tokens: the kind may itself be invalid, which its own check reports.
            if (result.GetResult(kind)?.Tokens is [{ Value: var given }, ..] && SchemeKinds.Contains(given) && result.GetResult(scheme) is null)
            {
                result.AddError($"import {given} needs --scheme ID.");
            }
        });
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (parse.GetValue(kind) == Overhevelingen)
            {
                Print(await host.Services.GetRequiredService<ImportService>().ImportTransfersAsync(parse.GetValue(scheme)!, path, "cli import", ct).ConfigureAwait(false));
                return ExitCodes.Ok;
            }
            if (parse.GetValue(kind) == Herindelingen)
            {
                Print(await host.Services.GetRequiredService<ImportService>().ImportMergersAsync(path, "cli import", ct).ConfigureAwait(false));
                return ExitCodes.Ok;
            }
            if (parse.GetValue(kind) is Inschattingen or Realisatie)
            {
                Print(await host.Services.GetRequiredService<ImportService>().ImportEstimatesAsync(parse.GetValue(scheme)!, parse.GetValue(kind)!, path, "cli import", ct).ConfigureAwait(false));
                return ExitCodes.Ok;
            }
            var importKind = Enum.Parse<ImportKind>(parse.GetValue(kind)!, ignoreCase: true);
            var logger = host.Services.GetRequiredService<ILogger<ImportService>>();
            var result = await Terminal.WithProgressAsync($"Importing {Path.GetFileName(path)}", logger, progress =>
                host.Services.GetRequiredService<ImportService>().ImportAsync(
                    importKind, path, new RowProgress(progress), "cli import", ct)).ConfigureAwait(false);
            Print(result.Figures);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>The figures of an accepted file, and the warning when it is much shorter than the previous file of its kind.</summary>
    internal static void Print(ImportFigures figures)
    {
        Console.WriteLine($"Imported {figures.Summary}.");
        if (figures.Warning is { } warning)
        {
            Console.WriteLine($"Warning: {warning}");
        }
    }

    private sealed class RowProgress(IProgress<string> inner) : IProgress<int>
    {
        public void Report(int value) => inner.Report($"{value} rows checked");
    }
}
