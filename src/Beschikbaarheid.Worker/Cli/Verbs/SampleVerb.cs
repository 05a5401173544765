using System.CommandLine;
using Beschikbaarheid.Worker.Sample;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class SampleVerb
{
    public static Command Create()
    {
        var folder = new Option<DirectoryInfo>("--out") { Description = "Folder holding gemeenten.csv; scholen, leerlingen and beschikkingen are written beside it.", DefaultValueFactory = _ => new DirectoryInfo("config/sample") };
        var command = new Command("sample", "Regenerate the demo region's files from their fixed seed (the same files on every machine).") { folder };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(folder)!.FullName;
            if (!File.Exists(Path.Combine(target, "gemeenten.csv")))
            {
                Console.Error.WriteLine($"{target} has no gemeenten.csv; put the municipality list there first.");
                return ExitCodes.Failed;
            }
            RegionGenerator.WriteDemo(target);
            Console.WriteLine($"Wrote the demo region to {target}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
