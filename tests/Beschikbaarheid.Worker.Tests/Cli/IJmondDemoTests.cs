using System.Globalization;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// The demo settles the IJmond care classes (config/schemes/ijmond-zorgklassen.json) from their fixed FTE × € 72,500, the
/// pupils key and the monthly schedule; the journal's amounts per debtor are checked against the annual shares worked by
/// hand in <c>Beschikbaarheid.Core.Tests.Settlement.IJmondCareClassesTests</c> (Beverwijk 8,712,308 and Heemskerk 5,840,745
/// cents a year, the same in 2026–2028: the demo region's counts are the same on every Peildatum).
/// </summary>
public sealed class IJmondDemoTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Demo_InvoicesTheIJmondSharesOfTheMonth_ByTheMonthlySchedule()
    {
        var root = Workspace.RepositoryRoot;
        var (code, output, error) = await _workspace.RunAsync(
            "demo", "--sample", Path.Combine(root, "config", "sample"), "--schemes", Path.Combine(root, "config", "schemes"), "--db", _workspace.Database, "--out", _workspace.Output);
        Assert.True(code == 0, output + error);
        var folder = Directory.GetDirectories(Path.Combine(_workspace.Output, "ijmond-zorgklassen"), "20??-??").Single();
        var k = int.Parse(Path.GetFileName(folder)[5..], CultureInfo.InvariantCulture);
        // Month k of an annual share X: ⌊X·k/12⌋ − ⌊X·(k−1)/12⌋ (e.g. November: Beverwijk 7,986,282 − 7,260,256 = 726,026).
        static long Month(long annual, int k) => annual * k / 12 - annual * (k - 1) / 12;

        var journal = File.ReadAllLines(Path.Combine(folder, "boekingen.csv")).Skip(1).Select(l => l.Split(';')).ToList();
        var perDebtor = journal.GroupBy(l => l[5]).ToDictionary(g => g.Key, g => g.Sum(l => decimal.Parse(l[9], CultureInfo.InvariantCulture)));
        Assert.Equal(["GM0375", "GM0396"], perDebtor.Keys.Order());
        Assert.Equal(Month(8_712_308, k) / 100m, perDebtor["GM0375"]);
        Assert.Equal(Month(5_840_745, k) / 100m, perDebtor["GM0396"]);
        // Beverwijk has pupils at all four locations, Heemskerk too: a line per location; Uitgeest, not taking part, no invoice.
        Assert.Equal(8, journal.Count);
        Assert.All(journal, l => Assert.Equal("GM0453", l[4]));
    }
}
