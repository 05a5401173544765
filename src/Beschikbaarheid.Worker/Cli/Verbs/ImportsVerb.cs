using System.CommandLine;
using System.Globalization;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Beschikbaarheid.Worker.Cli.Verbs;

/// <summary>
/// Lists past imports with their figures, so a truncated file stands out: a file with fewer than two thirds of
/// the rows of the previous file of its kind (for overhevelingen: of the same scheme) is flagged with "!".
/// </summary>
internal static class ImportsVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var kind = new Option<string?>("--kind") { Description = "Only this kind: gemeenten, scholen, leerlingen, beschikkingen, overhevelingen, inschattingen or realisatie.", HelpName = "KIND" };
        kind.AcceptOnlyFromAmong([.. Enum.GetNames<ImportKind>().Select(n => n.ToLowerInvariant()), "overhevelingen", "inschattingen", "realisatie"]);
        var last = ValueOptions.Count("--last", "Only the last N imports (after --kind).");
        var command = new Command("imports", "List past imports: when, kind, file, rows read/new/replaced/unchanged and SHA-256; a file with fewer than 2/3 of the rows of the previous file of its kind is flagged '!'.")
        {
            kind, last, common.Database, common.Provider,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            await host.Services.GetRequiredService<DatabaseSetup>().EnsureReadyAsync(ct).ConfigureAwait(false);
            var entries = await host.Services.GetRequiredService<ImportLog>().ListAsync(parse.GetValue(kind), parse.GetValue(last), ct).ConfigureAwait(false);
            var table = new Table().AddColumns("Id", "Geïmporteerd (UTC)", "Soort", "Bestand", "Gelezen", "Nieuw", "Vervangen", "Ongewijzigd", "SHA-256", "Door", "");
            foreach (var e in entries)
            {
                table.AddRow(
                    e.Id.ToString(CultureInfo.InvariantCulture),
                    e.ImportedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    Markup.Escape(e.SchemeId is null ? e.Kind : $"{e.Kind} ({e.SchemeId})"),
                    Markup.Escape(e.File),
                    Count(e.Read), Count(e.New), Count(e.Replaced), Count(e.Unchanged),
                    e.Sha256.Length >= 12 ? e.Sha256[..12] : e.Sha256,
                    Markup.Escape(e.StartedBy ?? ""),
                    e.Shrunk ? "!" : "");
            }
            AnsiConsole.Write(table);
            foreach (var e in entries.Where(e => e.Shrunk))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"! import {e.Id}: {e.File} has {e.Read:N0} rows, the previous {e.Kind} file had {e.PreviousRead:N0} (fewer than two thirds)."));
            }
            Console.WriteLine($"{entries.Count} import(s).");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>Imports recorded before the figures were counted show "-".</summary>
    private static string Count(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
}
