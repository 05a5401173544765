using Beschikbaarheid.Data.DrawingRights;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Schemes;
using Microsoft.Extensions.Logging;

namespace Beschikbaarheid.Worker.Application;

/// <summary>Imports region files after making sure the database schema is current.</summary>
/// Every accepted file is logged with its figures (rows read, new, replaced, unchanged; SHA-256), and with a warning
/// when it has fewer than two thirds of the rows of the previous file of its kind.
public sealed class ImportService(
    CsvImporter importer, TransferImporter transfers, Beschikbaarheid.Data.Estimates.EstimateImporter estimates, Beschikbaarheid.Data.Municipalities.MergerImporter mergers,
    SchemeFileLoader schemes, DatabaseSetup database, UnitOfWork unitOfWork, ILogger<ImportService> logger)
{
    /// <summary>
    /// The CBS list of municipal mergers (<c>herindelingen</c>), checked against the scheme files (who takes part, leads or
    /// hosts in a settled month); a scheme folder that does not load refuses the import, since what it would move is unknown.
    /// </summary>
    public async Task<ImportFigures> ImportMergersAsync(string path, string startedBy = "import", CancellationToken cancellationToken = default)
    {
        RefuseMissing(path);
        var all = schemes.LoadAll();
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        // One transaction that replaces rows by their old code: a retry after a transient fault cannot double it.
        return Logged(await unitOfWork.RunAsync(token => mergers.ImportAsync(path, all, startedBy, token), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A scheme's board transfers, checked against its stored drawing rights.</summary>
    public async Task<ImportFigures> ImportTransfersAsync(string schemeId, string path, string startedBy = "import", CancellationToken cancellationToken = default)
    {
        var scheme = schemes.Load(schemeId);
        RefuseMissing(path);
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return Logged(await transfers.ImportAsync(scheme.Id, path, startedBy, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>An estimate pool's estimate (<c>inschattingen</c>) or realised hours (<c>realisatie</c>), replacing the scheme's rows of the years the file names.</summary>
    public async Task<ImportFigures> ImportEstimatesAsync(string schemeId, string kind, string path, string startedBy = "import", CancellationToken cancellationToken = default)
    {
        var scheme = schemes.Load(schemeId);
        RefuseMissing(path);
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return Logged(await unitOfWork.RunAsync(
            token => kind == Beschikbaarheid.Data.Estimates.EstimateImporter.RealisationKind
                ? estimates.ImportRealisationAsync(scheme, path, startedBy, token)
                : estimates.ImportEstimateAsync(scheme, path, startedBy, token),
            cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The scheme files of a region folder, after its four region files: per scheme with an estimate pool its estimate,
    /// <c>inschattingen-&lt;scheme&gt;.csv</c>, when the folder has one (the demo region's Tilburg-like scheme).
    /// </summary>
    public async Task<IReadOnlyList<ImportFigures>> ImportSchemeFilesAsync(string folder, string startedBy = "import", CancellationToken cancellationToken = default)
    {
        var results = new List<ImportFigures>();
        foreach (var scheme in schemes.LoadAll().Where(s => s.DeclaredTerms.Any(t => t.Terms.Pool is EstimatePool)).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, $"{Beschikbaarheid.Data.Estimates.EstimateImporter.EstimateKind}-{scheme.Id}.csv");
            if (File.Exists(path))
            {
                results.Add(await ImportEstimatesAsync(scheme.Id, Beschikbaarheid.Data.Estimates.EstimateImporter.EstimateKind, path, startedBy, cancellationToken).ConfigureAwait(false));
            }
        }
        return results;
    }

    public async Task<ImportResult> ImportAsync(
        ImportKind kind, string path, IProgress<int>? progress = null, string startedBy = "import", CancellationToken cancellationToken = default)
    {
        RefuseMissing(path);
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var countingDates = SchemeCountingDates();
        // A file imports in one transaction and again replaces rows by their keys, so a retry after a transient fault cannot double it.
        var result = await unitOfWork.RunAsync(
            token => importer.ImportAsync(kind, path, progress, countingDates, startedBy, token), cancellationToken).ConfigureAwait(false);
        Logged(result.Figures);
        return result;
    }

    /// <summary>A file that does not exist is refused before the database is created or touched.</summary>
    private static void RefuseMissing(string path)
    {
        if (!File.Exists(path))
        {
            throw InputRejectedException.NotFound(path);
        }
    }

    private ImportFigures Logged(ImportFigures figures)
    {
        if (figures.Removed > 0)
        {
            logger.LogInformation(
                "Imported {File} ({Kind}): {Read} row(s) read, {New} new, {Replaced} replaced, {Unchanged} unchanged, {Removed} removed; SHA-256 {Sha256}",
                figures.File, figures.Kind, figures.Read, figures.New, figures.Replaced, figures.Unchanged, figures.Removed, figures.Sha256);
        }
        else
        {
            logger.LogInformation(
                "Imported {File} ({Kind}): {Read} row(s) read, {New} new, {Replaced} replaced, {Unchanged} unchanged; SHA-256 {Sha256}",
                figures.File, figures.Kind, figures.Read, figures.New, figures.Replaced, figures.Unchanged, figures.Sha256);
        }
        if (figures.Warning is { } warning)
        {
            logger.LogWarning("{Warning}", warning);
        }
        return figures;
    }

    /// <summary>
    /// The counting dates the scheme files name. An unreadable scheme folder or file does not stop an import
    /// (it stops the settlement that needs it): pupil counts are then held to 1 October.
    /// </summary>
    private IReadOnlyList<CountingDate> SchemeCountingDates()
    {
        try
        {
            return schemes.LoadAll().Select(s => s.CountingDate).ToList();
        }
        catch (SchemeFileException)
        {
            return [];
        }
    }

    /// <summary>The four files of a region folder, in reference order: municipalities before the schools that lie in them, and so on.</summary>
    public async Task<IReadOnlyList<ImportResult>> ImportFolderAsync(
        string folder, Func<ImportKind, IProgress<int>?>? progress = null, string startedBy = "import", CancellationToken cancellationToken = default)
    {
        var results = new List<ImportResult>();
        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            var path = Path.Combine(folder, kind.ToString().ToLowerInvariant() + ".csv");
            results.Add(await ImportAsync(kind, path, progress?.Invoke(kind), startedBy, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }
}
