using System.CommandLine;
using System.Globalization;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Inventory;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class InventarisVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var year = ValueOptions.FundingYear("The calendar year of the inventory.");
        var scheme = new Option<string?>("--scheme") { Description = "Only the school locations of this scheme (its file <id>.json).", HelpName = "ID" };
        var gemeente = new Option<MunicipalityCode[]>("--gemeente")
        {
            Description = "Only children resident in these municipalities (GM + 4 digits; repeat the option or list several).",
            HelpName = "GM…",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result =>
            {
                var codes = new List<MunicipalityCode>();
                foreach (var token in result.Tokens)
                {
                    if (MunicipalityCode.TryParse(token.Value, out var code))
                    {
                        codes.Add(code);
                    }
                    else
                    {
                        result.AddError($"--gemeente '{token.Value}' is not a municipality code: expected GM and four digits, such as GM0268.");
                    }
                }
                return [.. codes];
            },
        };
        var command = new Command("inventaris",
            "Write the care-hours inventory of a year: per school location, provider and care category the distinct children and average "
            + "hours per week of Jeugdwet beschikkingen, with totals per location, provider and municipality of residence and a sheet per "
            + "municipality of residence; counts of 1–4 read <5. Written to <out>/inventaris/<selection>/inventaris-<year>.xlsx; stores nothing.")
        {
            year, scheme, gemeente, common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var service = ActivatorUtilities.CreateInstance<InventoryService>(host.Services, new InventoryReader(host.Services.GetRequiredService<IConnectionFactory>()));
            var outcome = await service.WriteAsync(parse.GetValue(year), parse.GetValue(scheme), parse.GetValue(gemeente) ?? [], ct).ConfigureAwait(false);
            var dutch = CultureInfo.GetCultureInfo("nl-NL");
            Console.WriteLine(
                $"Inventaris {parse.GetValue(year)}: {outcome.Lines.Count} regel(s), {outcome.Lines.Select(l => l.School).Distinct().Count()} locatie(s), "
                + $"{outcome.Lines.Sum(l => l.HoursPerWeek).ToString("N2", dutch)} uur per week; {outcome.File}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
