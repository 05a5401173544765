using Beschikbaarheid.Reports.Settlement;

namespace Beschikbaarheid.Reports.Tests;

public sealed class JournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-reports-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Journal_WritesOneRowPerInvoiceLine_WithDecimalPointAmounts()
    {
        var path = Path.Combine(_folder, "boekingen.csv");
        Journal.Write(SampleSettlement.Create(), path);
        var expected = """
            factuurnummer;soort;regeling;periode;uitgever;debiteur;brin;vestiging;grondslag;bedrag
            GM0268-2026-00001;voorschot;nijmegen-st-maarten;2026-03;GM0268;GM0209;30AB;00;42;1582.19
            GM0268-2026-00001;voorschot;nijmegen-st-maarten;2026-03;GM0268;GM0209;31CD;00;5;188.36
            GM0268-2026-00002;voorschot;nijmegen-st-maarten;2026-03;GM0268;GM1945;30AB;00;1;37.67

            """.ReplaceLineEndings("\n");
        Assert.Equal(expected, File.ReadAllText(path));
        Assert.False(File.ReadAllBytes(path).AsSpan().StartsWith("\uFEFF"u8), "no byte-order mark");
    }

    [Fact]
    public void Reports_AreWrittenIntoSchemeAndPeriodFolder()
    {
        var files = SettlementReports.WriteAll(SampleSettlement.Create(), _folder, SampleSettlement.Zone);
        var folder = Path.Combine(_folder, "nijmegen-st-maarten", "2026-03");
        Assert.Equal(
            ["boekingen.csv", "factuur-GM0268-2026-00001.xlsx", "factuur-GM0268-2026-00001.xml", "factuur-GM0268-2026-00002.xlsx", "factuur-GM0268-2026-00002.xml",
             "verdeelstaat-nijmegen-st-maarten-2026-03.xlsx"],
            files.Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal));
    }
}
