using System.CommandLine;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class DbVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var migrate = new Command("migrate", "Apply the numbered migrations the database does not have yet; safe to run again.") { common.Database, common.Provider };
        migrate.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var applied = await host.Services.GetRequiredService<DatabaseSetup>().MigrateAsync(ct).ConfigureAwait(false);
            Console.WriteLine(applied == 0 ? "The database is up to date; nothing applied." : $"Applied {applied} migration(s).");
            return ExitCodes.Ok;
        }, cancellationToken));
        return new Command("db", "Database maintenance.") { migrate };
    }
}
