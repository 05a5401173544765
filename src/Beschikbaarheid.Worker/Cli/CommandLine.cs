using System.CommandLine;
using System.CommandLine.Help;
using Beschikbaarheid.Worker.Cli.Verbs;
using Spectre.Console;

namespace Beschikbaarheid.Worker.Cli;

/// <summary>The verbs of the <c>beschikbaarheid</c> executable.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Beschikbaarheid: availability funding of youth care in schools, settled between municipalities.");
        root.Subcommands.Add(DbVerb.Create());
        root.Subcommands.Add(ImportVerb.Create());
        root.Subcommands.Add(SettleVerb.Create());
        root.Subcommands.Add(ApproveVerb.Create());
        root.Subcommands.Add(FinalizeVerb.Create());
        root.Subcommands.Add(ReopenVerb.Create());
        root.Subcommands.Add(TrekkingsrechtVerb.Create());
        root.Subcommands.Add(HistoryVerb.Create());
        root.Subcommands.Add(InventarisVerb.Create());
        root.Subcommands.Add(VergelijkVerb.Create());
        root.Subcommands.Add(JaaroverzichtVerb.Create());
        root.Subcommands.Add(ImportsVerb.Create());
        root.Subcommands.Add(DemoVerb.Create());
        root.Subcommands.Add(RunVerb.Create());
        root.Subcommands.Add(StatusVerb.Create());
        root.Subcommands.Add(ValidateVerb.Create());
        root.Subcommands.Add(SchemesVerb.Create());
        root.Subcommands.Add(SampleVerb.Create());
        root.Subcommands.Add(BenchVerb.Create());
        return root;
    }

    /// <summary>Exit 0 on success, 1 on rejected input or failed work, 2 on wrong usage.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // Piped or captured output gets plain text: no colour codes, tables as wide as they need.
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(Console.Out),
            });
            AnsiConsole.Profile.Width = 160;
        }
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }
            await Console.Error.WriteLineAsync("Run 'beschikbaarheid --help' or 'beschikbaarheid <verb> --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
