using System.Globalization;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// The demo settles the WIsH-like scheme (config/schemes/denbosch-wish.json): 's-Hertogenbosch alone carries € 80,000.00 a
/// year over the four ICK IJmond locations by their pupils, nothing is invoiced; <c>jaaroverzicht</c> then reports it.
/// </summary>
public sealed class WishDemoTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Demo_RecordsTheFundersMonth_WithoutInvoices_AndTheYearOverviewAddsTheContributionsInKind()
    {
        var root = Workspace.RepositoryRoot;
        var schemes = Path.Combine(root, "config", "schemes");
        var (code, output, error) = await _workspace.RunAsync(
            "demo", "--sample", Path.Combine(root, "config", "sample"), "--schemes", schemes, "--db", _workspace.Database, "--out", _workspace.Output);
        Assert.True(code == 0, output + error);
        var folder = Directory.GetDirectories(Path.Combine(_workspace.Output, "denbosch-wish"), "20??-??").Single();
        var year = int.Parse(Path.GetFileName(folder)[..4], CultureInfo.InvariantCulture);
        var k = int.Parse(Path.GetFileName(folder)[5..], CultureInfo.InvariantCulture);
        static long Month(long annual, int k) => annual * k / 12 - annual * (k - 1) / 12;

        // Pupils on every Peildatum: 70IJ00 63, 70IJ01 62, 71IJ00 90, 72IJ00 97 = 312. 8,000,000 cents × 63 / 312 = 1,615,384.62,
        // × 62 / 312 = 1,589,743.59, × 90 / 312 = 2,307,692.31, × 97 / 312 = 2,487,179.49; floors add up to 7,999,998, the two
        // cents to the largest remainders (.62, .59): 1,615,385, 1,589,744, 2,307,692 and 2,487,179.
        Assert.DoesNotContain(Directory.GetFiles(folder), f => Path.GetFileName(f).StartsWith("factuur", StringComparison.Ordinal));
        var journal = File.ReadAllLines(Path.Combine(folder, "boekingen.csv")).Skip(1).Select(l => l.Split(';')).ToList();
        Assert.All(journal, l => Assert.Equal(("", "GM0796", "GM0796"), (l[0], l[4], l[5])));
        Assert.Equal(
            [("70IJ", "00", Month(1_615_385, k)), ("70IJ", "01", Month(1_589_744, k)), ("71IJ", "00", Month(2_307_692, k)), ("72IJ", "00", Month(2_487_179, k))],
            journal.Select(l => (l[6], l[7], (long)(decimal.Parse(l[9], CultureInfo.InvariantCulture) * 100))));

        var overview = await _workspace.RunAsync(
            "jaaroverzicht", "--scheme", "denbosch-wish", "--year", year.ToString(CultureInfo.InvariantCulture), "--db", _workspace.Database, "--schemes", schemes, "--out", _workspace.Output);
        Assert.True(overview.ExitCode == 0, overview.Error);
        // In kind: board 90001 120 h (140 h from 2027) × € 55.00 = € 6.600,00 (€ 7.700,00); board 90002 200 h × € 52.50 = € 10.500,00.
        var inKind = year == 2026 ? "17.100,00" : "18.200,00";
        Assert.Contains($"in natura € {inKind} (2 bestuur/besturen), 312 leerling(en)", overview.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_workspace.Output, "denbosch-wish", $"jaaroverzicht-{year}.xlsx")));
    }
}
