using Beschikbaarheid.Reports.Settlement;

namespace Beschikbaarheid.Reports.Tests;

/// <summary>Issue 10, point 7: a run removes the temporary files an earlier, killed run left in its output folder, and nothing else.</summary>
public sealed class StaleTemporaryFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-reports-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Touch(string folder, string name, TimeSpan age)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "half a workbook");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public void ARun_RemovesItsKindOfTemporaryFile_LeftByAKilledRun_AndNothingElse()
    {
        var folder = Path.Combine(_folder, "nijmegen-st-maarten", "2026-03");
        var old = TimeSpan.FromHours(2);
        // Left by a killed run (another process id; untouched for two hours): removed.
        var stale = Touch(folder, "factuur-GM0268-2026-00001.xlsx.999999.0123456789abcdef0123456789abcdef.tmp", old);
        var staleJournal = Touch(folder, "boekingen.csv.424242.fedcba9876543210fedcba9876543210.tmp", old);
        var staleEInvoice = Touch(folder, "factuur-GM0268-2026-00001.xml.999999.0123456789abcdef0123456789abcdef.tmp", old);
        // Being written right now by another writer (another node sharing the folder): kept.
        var busy = Touch(folder, "verdeelstaat-nijmegen-st-maarten-2026-03.xlsx.999998.00000000000000000000000000000000.tmp", TimeSpan.FromSeconds(5));
        // Not the engine's pattern, or not its kind of output: kept however old.
        var others = new[]
        {
            Touch(folder, "notities.tmp", old),
            Touch(folder, "factuur.xlsx.tmp", old),
            Touch(folder, "rapport.pdf.999999.0123456789abcdef0123456789abcdef.tmp", old),
            Touch(folder, "factuur.xlsx.999999.0123456789ABCDEF0123456789ABCDEF.tmp", old),
            Touch(folder, "factuur.xlsx.999999.0123456789abcdef0123456789abcdef.tmp.bak", old),
        };
        // In another folder (another month) of the same output root: not this run's folder, kept.
        var elsewhere = Touch(Path.Combine(_folder, "nijmegen-st-maarten", "2026-02"), "boekingen.csv.999999.0123456789abcdef0123456789abcdef.tmp", old);

        SettlementReports.WriteAll(SampleSettlement.Create(), _folder, SampleSettlement.Zone);

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleJournal));
        Assert.False(File.Exists(staleEInvoice));
        Assert.True(File.Exists(busy));
        Assert.All(others, path => Assert.True(File.Exists(path), path));
        Assert.True(File.Exists(elsewhere));
        // The run's own files were published whole, and it left no temporary file of its own.
        Assert.True(File.Exists(Path.Combine(folder, "boekingen.csv")));
        Assert.Equal(
            ["factuur.xlsx.999999.0123456789ABCDEF0123456789ABCDEF.tmp", "factuur.xlsx.tmp", "notities.tmp", "rapport.pdf.999999.0123456789abcdef0123456789abcdef.tmp", Path.GetFileName(busy)],
            Directory.EnumerateFiles(folder, "*.tmp").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ATemporaryFileOfThisProcess_IsNeverRemoved_HoweverOld()
    {
        var mine = Touch(_folder, $"boekingen.csv.{Environment.ProcessId}.0123456789abcdef0123456789abcdef.tmp", TimeSpan.FromDays(1));
        Assert.Empty(StaleTemporaryFiles.Remove(_folder));
        Assert.True(File.Exists(mine));
    }

    [Fact]
    public void TheAge_Decides_AndAMissingFolderIsNothingToDo()
    {
        var path = Touch(_folder, "boekingen.csv.999999.0123456789abcdef0123456789abcdef.tmp", TimeSpan.FromMinutes(9));
        Assert.Empty(StaleTemporaryFiles.Remove(_folder));
        Assert.Equal([path], StaleTemporaryFiles.Remove(_folder, olderThan: TimeSpan.FromMinutes(5)));
        Assert.Empty(StaleTemporaryFiles.Remove(Path.Combine(_folder, "absent")));
    }

    [Fact]
    public void Publish_NamesItsTemporaryFileInThePatternThatIsCleanedUp()
    {
        var target = Path.Combine(_folder, "boekingen.csv");
        string? temporary = null;
        FileOutput.Publish(target, path =>
        {
            temporary = path;
            File.WriteAllText(path, "x");
        });
        Assert.Matches(@"boekingen\.csv\.[0-9]+\.[0-9a-f]{32}\.tmp$", temporary);
        Assert.False(File.Exists(temporary));
        Assert.Equal("x", File.ReadAllText(target));
    }
}
