using Beschikbaarheid.Core.Inventory;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Inventory;
using Beschikbaarheid.Data.Schemes;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Reports;
using Beschikbaarheid.Reports.Inventory;
using Beschikbaarheid.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beschikbaarheid.Worker.Application;

/// <summary>What an inventory run wrote: the workbook and its figures (counts only, never a child).</summary>
public sealed record InventoryOutcome(string File, IReadOnlyList<InventoryLine> Lines);

/// <summary>
/// The care-hours inventory of a year (issue 15, point 2): reads the year's Jeugdwet beschikkingen (all schools, or a
/// scheme's; all residents, or some municipalities'), computes the lines and writes the workbook. Reads only.
/// </summary>
/// <remarks>
/// The workbook goes to <c>&lt;out&gt;/inventaris/&lt;selection&gt;/inventaris-&lt;year&gt;.xlsx</c>, the selection being
/// <c>alle-scholen</c> or the scheme id, followed by the municipality codes when <c>--gemeente</c> narrows it
/// (<c>alle-scholen-GM0268</c>): a narrower inventory never overwrites the region's.
/// </remarks>
public sealed class InventoryService(
    SchemeFileLoader schemes,
    InventoryReader reader,
    RegistryReader registry,
    DatabaseSetup database,
    IOptions<PathOptions> paths,
    ILogger<InventoryService> logger)
{
    public async Task<InventoryOutcome> WriteAsync(int year, string? schemeId, IReadOnlyList<MunicipalityCode> residences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(residences);
        var scheme = schemeId is null ? null : schemes.Load(schemeId);
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var (municipalities, schools) = await registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var unknown = residences.Where(r => !municipalities.ContainsKey(r)).Distinct().Order().ToList();
        if (unknown.Count > 0)
        {
            throw new SettlementRejectedException(
                $"--gemeente {string.Join(", ", unknown)}: not in the municipality list; import gemeenten first, or check the code. Nothing written.");
        }
        var filter = residences.Count > 0 ? residences.Distinct().Order().ToList() : null;
        var beschikkingen = await reader.LoadAsync(
            year, scheme is null ? [.. schools.Keys] : [.. scheme.TermsFor(year).Schools], filter ?? [.. municipalities.Keys], cancellationToken).ConfigureAwait(false);
        var lines = CareInventory.Calculate(beschikkingen, year);

        var selection = (scheme is null ? "alle scholen" : $"scholen van regeling {scheme.Id} ({scheme.Name})")
            + ", " + (filter is null ? "alle woongemeenten" : "inwoners van " + string.Join(", ", filter.Select(r => $"{r.Value} {municipalities[r].Name}")));
        var folder = Path.Combine(paths.Value.Output, "inventaris", (scheme?.Id ?? "alle-scholen") + (filter is null ? "" : "-" + string.Join("-", filter.Select(r => r.Value))));
        var path = Path.Combine(folder, $"inventaris-{year}.xlsx");
        Directory.CreateDirectory(folder);
        foreach (var stale in StaleTemporaryFiles.Remove(folder))
        {
            logger.LogInformation("Removed {File}, left by an earlier run that was stopped while writing", stale);
        }
        FileOutput.Publish(path, temporary => InventoryWorkbook.Write(new InventoryReport(year, selection, lines, schools, municipalities), temporary));
        logger.LogInformation("Inventory {Year} ({Selection}): {Lines} line(s) written to {File}", year, selection, lines.Count, path);
        return new InventoryOutcome(path, lines);
    }
}
