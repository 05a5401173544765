using System.CommandLine;
using System.Globalization;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Worker.Application;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Beschikbaarheid.Worker.Cli.Verbs;

/// <summary>
/// Lists the schemes of the scheme folder: pool, key and flow, what the <c>years</c> section changes, the last
/// settled month and the complete months not settled within the catch-up window (as <c>status</c> computes them).
/// </summary>
internal static class SchemesVerb
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var command = new Command("schemes", "List each scheme with pool, key, flow, its changes by year, last settled month and the complete months not yet settled (within Schedule:CatchUpMonths).")
        {
            common.Database, common.Provider, common.Schemes,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(common.Overrides(parse), async (host, ct) =>
        {
            var services = host.Services;
            await services.GetRequiredService<DatabaseSetup>().EnsureReadyAsync(ct).ConfigureAwait(false);
            var files = services.GetRequiredService<SchemeFileLoader>().Check();
            var settled = await services.GetRequiredService<SettledMonths>().LoadAsync(ct).ConfigureAwait(false);
            var progress = SchemeProgress.Of(
                files.Select(f => f.Scheme).OfType<Scheme>(), settled,
                services.GetRequiredService<LocalCalendar>().LatestCompleteMonth,
                services.GetRequiredService<IOptions<ScheduleOptions>>().Value.CheckedCatchUpMonths());
            var table = new Table().AddColumns("Scheme", "Pool", "Key", "Flow", "Years", "Last settled", "Not settled");
            foreach (var p in progress)
            {
                var terms = p.Scheme.TermsFor(p.Scheme.StartYear);
                table.AddRow(
                    Markup.Escape(p.Scheme.Id), Markup.Escape(Pool(terms.Pool)), Markup.Escape(Key(terms.Key)), Markup.Escape(Flow(terms.Flow)),
                    Markup.Escape(p.Scheme.YearChanges.Count == 0 ? "-" : string.Join("\n", p.Scheme.YearChanges.OrderBy(c => c.Key).Select(c => $"{c.Key}: {string.Join(", ", c.Value)}"))),
                    p.LastSettled?.ToString() ?? "-",
                    Months(p.Unsettled));
            }
            AnsiConsole.Write(table);
            foreach (var file in files.Where(f => f.Error is not null))
            {
                await Console.Error.WriteLineAsync($"{file.File}: refused, not listed ({file.Error!.Problems.Count} problem(s); run 'beschikbaarheid validate')").ConfigureAwait(false);
            }
            Console.WriteLine($"{progress.Count} scheme(s), {progress.Count(p => p.Unsettled.Count > 0)} with complete months not settled.");
            return files.All(f => f.Error is null) ? ExitCodes.Ok : ExitCodes.Failed;
        }, cancellationToken));
        return command;
    }

    private static string Pool(Pool pool) => pool switch
    {
        PerChildPool p => string.Create(CultureInfo.InvariantCulture, $"per-child ({p.NormHoursPerWeek} h × € {p.HourlyRate} × {p.SchoolWeeks} wk)"),
        DrawingRightsPool p => $"drawing-rights ({string.Join(", ", p.Categories.Keys.Order(StringComparer.Ordinal))})",
        FixedBudgetPool p => $"fixed-budget ({p.Amounts.Keys.Min()}–{p.Amounts.Keys.Max()})",
        EstimatePool p => string.Create(CultureInfo.InvariantCulture, $"estimate (€ {p.HourlyRate} × {p.SchoolWeeks} wk)"),
        _ => SupportedSchemes.TypeOf(pool) ?? pool.GetType().Name,
    };

    private static string Key(Key key) => key is BlendKey blend
        ? $"blend ({string.Join(", ", blend.Parts.Select(part => string.Create(CultureInfo.InvariantCulture, $"{SupportedSchemes.TypeOf(part.Key)} {part.Weight}")))})"
        : SupportedSchemes.TypeOf(key) ?? key.GetType().Name;

    private static string Flow(Flow flow) => flow switch
    {
        LeadFlow lead => $"lead {lead.Lead}",
        CashierFlow cashier => $"cashier {cashier.Cashier}",
        FunderFlow funder => $"funder {funder.Funder}",
        _ => SupportedSchemes.TypeOf(flow) ?? flow.GetType().Name,
    };

    /// <summary>A few months by name; more as the first … the last with their number.</summary>
    private static string Months(IReadOnlyList<YearMonth> months) => months.Count switch
    {
        0 => "-",
        <= 3 => string.Join(", ", months),
        _ => $"{months[0]} … {months[^1]} ({months.Count})",
    };
}
