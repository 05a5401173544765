using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.WhatIf;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Data.WhatIf;
using Beschikbaarheid.Reports;
using Beschikbaarheid.Reports.WhatIf;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Application;

/// <summary>What a comparison computed and where its workbook is.</summary>
public sealed record WhatIfOutcome(string File, KeyComparisonResult Result);

/// <summary>
/// The what-if of keys (issue 15, point 3) for one scheme and year: the pool of the year split by the current key and
/// by each alternative, and the phase-in paths; written to <c>&lt;out&gt;/&lt;scheme&gt;/vergelijk-&lt;year&gt;.xlsx</c>. It
/// reads in a transaction without the scheme's lock, which it rolls back: nothing is stored.
/// </summary>
/// <remarks>
/// Pools supported: drawing-rights (the stored drawing rights' budgets of the year, each location split by its own
/// figures) and fixed-budget (the year's budget, split as a whole). A per-child pool is refused: its amount is not
/// given beforehand but follows the very children the children key counts, so another key would split a different pool.
/// </remarks>
public sealed class WhatIfService(
    SchemeFileLoader schemes,
    WhatIfReader reader,
    RegistryReader registry,
    DatabaseSetup database,
    IOptions<PathOptions> paths,
    ILogger<WhatIfService> logger)
{
    /// <summary>The value of a DUO count masked as &lt;5 when neither the scheme's key nor its pool names one.</summary>
    public const decimal DefaultMaskedCountValue = 2.5m;

    public async Task<WhatIfOutcome> CompareAsync(string schemeId, int year, IReadOnlyList<string> keys, int? phaseIn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var scheme = schemes.Load(schemeId);
        if (year < scheme.StartYear)
        {
            throw new SettlementRejectedException($"Scheme {scheme.Id} starts in {scheme.StartYear}; there is no pool in {year} to compare keys over.");
        }
        var terms = scheme.TermsFor(year);
        if (terms.Pool is not (DrawingRightsPool or FixedBudgetPool))
        {
            throw new SettlementRejectedException(
                $"Scheme {scheme.Id} has a {SupportedSchemes.TypeOf(terms.Pool)} pool in {year}; vergelijk compares keys over a drawing-rights or fixed-budget pool only "
                + "(a per-child pool's amount follows the children the children key counts, so another key would split another pool). Nothing written.");
        }
        if (terms.Key is not (PupilsKey or ChildrenKey or BlendKey))
        {
            throw new SettlementRejectedException($"Scheme {scheme.Id} has no key to compare with in {year}. Nothing written.");
        }
        var masked = MaskedCountValue(terms);
        var alternatives = keys.Select(k => KeyText.Parse(k, masked, out var error) ?? throw new SettlementRejectedException(error!)).ToList();

        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var data = await reader.LoadAsync(scheme, year, terms.Pool is DrawingRightsPool, cancellationToken).ConfigureAwait(false);
        WhatIfPool pool;
        string description;
        switch (terms.Pool)
        {
            case DrawingRightsPool:
                if (data.DrawingRights.Count == 0)
                {
                    throw new SettlementRejectedException(
                        $"Scheme {scheme.Id} has no drawing rights for {year}; compute them first (trekkingsrecht --scheme {scheme.Id} --year {year}). Nothing written.");
                }
                pool = new LocationBudgets(DrawingRightsCalculator.BudgetPerLocation(data.DrawingRights));
                description = $"trekkingsrechten {year}, per locatie verdeeld";
                break;
            case FixedBudgetPool fixedBudget:
                pool = new WholeBudget(
                    fixedBudget.BudgetFor(year) ?? throw new SettlementRejectedException($"Scheme {scheme.Id} has no budget for {year}. Nothing written."),
                    terms.Schools);
                description = $"vast budget {year}, als geheel verdeeld";
                break;
            default:
                throw new InvalidOperationException("unreachable");
        }
        var inputs = new WhatIfInputs(year, pool, data.Pupils, data.Beschikkingen, masked, terms.Pool is DrawingRightsPool ? terms.Participants : null);
        var result = KeyComparison.Compare(terms.Key, alternatives, inputs, phaseIn ?? 0);
        result = result with { Current = result.Current with { Label = KeyText.Label(terms.Key) } };

        var (municipalities, _) = await registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var folder = Path.Combine(paths.Value.Output, scheme.Id);
        var path = Path.Combine(folder, $"vergelijk-{year}.xlsx");
        Directory.CreateDirectory(folder);
        FileOutput.Publish(path, temporary => KeyComparisonWorkbook.Write(
            new KeyComparisonReport(scheme.Id, scheme.Name, year, description, result, terms.Participants, municipalities), temporary));
        logger.LogInformation("Comparison of keys {Scheme} {Year}: {Count} alternative(s) written to {File}", scheme.Id, year, alternatives.Count, path);
        return new WhatIfOutcome(path, result);
    }

    /// <summary>The scheme's value for a masked count: its pupils key's, a blend's pupils part's, its drawing-rights pool's, else 2.5.</summary>
    private static decimal MaskedCountValue(SchemeTerms terms) => terms.Key switch
    {
        PupilsKey key => key.MaskedCountValue,
        BlendKey blend when blend.Parts.Select(p => p.Key).OfType<PupilsKey>().FirstOrDefault() is { } key => key.MaskedCountValue,
        _ => terms.Pool is DrawingRightsPool rights ? rights.MaskedCountValue : DefaultMaskedCountValue,
    };
}
