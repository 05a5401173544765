using System.CommandLine;
using System.Globalization;
using Beschikbaarheid.Core.WhatIf;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.WhatIf;
using Beschikbaarheid.Reports.WhatIf;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Beschikbaarheid.Worker.Cli.Verbs;

internal static class VergelijkVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var scheme = new Option<string>("--scheme") { Description = "The scheme id (its file <id>.json).", Required = true, HelpName = "ID" };
        var year = ValueOptions.FundingYear("The funding year whose pool is split.");
        var keys = new Option<string[]>("--key")
        {
            Description = "An alternative key: pupils, children or blend:pupils=W,children=W (weights above 0 adding up to 1); repeat for several.",
            HelpName = "KEY",
            Required = true,
            CustomParser = result =>
            {
                foreach (var token in result.Tokens)
                {
                    if (KeyText.Parse(token.Value, WhatIfService.DefaultMaskedCountValue, out var error) is null)
                    {
                        result.AddError(error!);
                    }
                }
                return [.. result.Tokens.Select(t => t.Value)];
            },
        };
        var phaseIn = new Option<int?>("--phase-in")
        {
            Description = $"Also the yearly path from the current key to each alternative over N years (1 to {KeyComparisonWorkbook.MaxPhaseInYears}), linear, each year split exactly.",
            HelpName = "N",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= KeyComparisonWorkbook.MaxPhaseInYears)
                {
                    return n;
                }
                result.AddError($"--phase-in '{text}' is not a number of years from 1 to {KeyComparisonWorkbook.MaxPhaseInYears}.");
                return null;
            },
        };
        var command = new Command("vergelijk",
            "Compare keys: split a scheme's pool of a year by its current key and by each alternative (to the cent, by the split rule), "
            + "with the difference per municipality and, with --phase-in, the path over N years. Writes <out>/<scheme>/vergelijk-<year>.xlsx; stores nothing. "
            + "Drawing-rights and fixed-budget pools.")
        {
            scheme, year, keys, phaseIn, common.Database, common.Provider, common.Schemes, common.Output,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var service = ActivatorUtilities.CreateInstance<WhatIfService>(host.Services, new WhatIfReader(host.Services.GetRequiredService<IConnectionFactory>()));
            var outcome = await service.CompareAsync(parse.GetValue(scheme)!, parse.GetValue(year), parse.GetValue(keys) ?? [], parse.GetValue(phaseIn), ct).ConfigureAwait(false);
            var result = outcome.Result;
            var dutch = CultureInfo.GetCultureInfo("nl-NL");
            string Euro(Core.Arithmetic.Money m) => "€ " + m.Euros.ToString("#,##0.00", dutch);
            var table = new Table().AddColumn("Gemeente").AddColumn(new TableColumn(Markup.Escape($"huidig ({result.Current.Label})")).RightAligned());
            foreach (var alternative in result.Alternatives)
            {
                table.AddColumn(new TableColumn(Markup.Escape(alternative.Label)).RightAligned());
            }
            foreach (var m in result.Municipalities)
            {
                table.AddRow([m.Value, Euro(result.Current.Of(m)), .. result.Alternatives.Select(a => Euro(a.Of(m)))]);
            }
            table.AddRow(["Totaal", Euro(result.Pool), .. result.Alternatives.Select(_ => Euro(result.Pool))]);
            AnsiConsole.Write(table);
            Console.WriteLine($"Vergelijking {parse.GetValue(scheme)} {parse.GetValue(year)}: pot {Euro(result.Pool)}, nothing stored; {outcome.File}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
