using System.Globalization;
using System.Xml.Linq;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// The demo settles the Gouda-like multi-funder scheme (config/schemes/gouda-ontschot.json): the lead, Utrecht, invoices
/// the samenwerkingsverband and the two school boards under their own ids, by the monthly schedule of the annual shares
/// worked by hand in <c>Beschikbaarheid.Core.Tests.Settlement.FundersTests</c>: SB-60001 1,200,000 and SB-60002 800,000
/// cents a year; SWV-PO2601 22.5% of the pool of 14,500,000 = 3,262,500 in 2026, and from 2027 (the file's <c>years</c>)
/// 25% = 3,625,000.
/// </summary>
public sealed class GoudaDemoTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Demo_InvoicesTheFunders_UnderTheirOwnIds_ByTheMonthlyScheduleOfTheirShares()
    {
        var root = Workspace.RepositoryRoot;
        var (code, output, error) = await _workspace.RunAsync(
            "demo", "--sample", Path.Combine(root, "config", "sample"), "--schemes", Path.Combine(root, "config", "schemes"), "--db", _workspace.Database, "--out", _workspace.Output);
        Assert.True(code == 0, output + error);
        var folder = Directory.GetDirectories(Path.Combine(_workspace.Output, "gouda-ontschot"), "20??-??").Single();
        var year = int.Parse(Path.GetFileName(folder)[..4], CultureInfo.InvariantCulture);
        var k = int.Parse(Path.GetFileName(folder)[5..], CultureInfo.InvariantCulture);
        // Month k of an annual share X: ⌊X·k/12⌋ − ⌊X·(k−1)/12⌋ (e.g. November 2026, SB-60002: 733,333 − 666,666 = 66,667).
        static decimal Month(long annual, int k) => (annual * k / 12 - annual * (k - 1) / 12) / 100m;

        var journal = File.ReadAllLines(Path.Combine(folder, "boekingen.csv")).Skip(1).Select(l => l.Split(';')).ToList();
        var perDebtor = journal.GroupBy(l => l[5]).ToDictionary(g => g.Key, g => g.Sum(l => decimal.Parse(l[9], CultureInfo.InvariantCulture)));
        Assert.Equal(Month(1_200_000, k), perDebtor["SB-60001"]);
        Assert.Equal(Month(800_000, k), perDebtor["SB-60002"]);
        Assert.Equal(Month(year == 2026 ? 3_262_500 : 3_625_000, k), perDebtor["SWV-PO2601"]);
        Assert.All(journal, l => Assert.Equal("GM0344", l[4]));
        Assert.DoesNotContain("GM0344", perDebtor.Keys);

        // The funder's e-invoice names it as buyer by its id, name and address; it has no OIN, so no endpoint.
        var number = journal.First(l => l[5] == "SWV-PO2601")[0];
        var buyer = XDocument.Load(Path.Combine(folder, $"factuur-{number}.xml")).Descendants()
            .Single(e => e.Name.LocalName == "AccountingCustomerParty");
        Assert.Equal("SWV-PO2601", buyer.Descendants().Single(e => e.Name.LocalName == "PartyIdentification").Value);
        Assert.Equal("Samenwerkingsverband PO (demo)", buyer.Descendants().Single(e => e.Name.LocalName == "RegistrationName").Value);
        Assert.Equal("Postbus 2601, 3500 GA Utrecht", buyer.Descendants().Single(e => e.Name.LocalName == "StreetName").Value);
        Assert.DoesNotContain(buyer.Descendants(), e => e.Name.LocalName == "EndpointID");
    }
}
