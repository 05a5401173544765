using System.Security.Cryptography;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>Issue 10, point 5 through the executable: import prints its figures and warns about a short file; <c>imports</c> lists and flags.</summary>
public sealed class ImportsTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private const string Header = "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum\n";

    private Task<(int ExitCode, string Out, string Error)> Import(string kind, string path) =>
        _workspace.RunAsync("import", kind, path, "--db", _workspace.Database);

    [Fact]
    public async Task Import_PrintsItsFigures_WarnsAboutAFileWithAThirdFewerRows_AndImportsListsAndFlagsIt()
    {
        _workspace.WriteRegion("""
            B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;
            B2;cl-b;GM1945;30AB;00;Aanbieder;JZ;JW;6;2026-03-31;
            B3;cl-c;GM0268;30AB;00;Aanbieder;JZ;JW;8;2026-03-01;2026-03-31
            """);
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            var (code, _, error) = await Import(kind, Path.Combine(_workspace.Folder, kind + ".csv"));
            Assert.True(code == 0, error);
        }

        // Next month's file: B1 changed (4 → 5 hours), B2 and B3 gone. 1 row of 3 is fewer than two thirds (3 × 1 < 2 × 3).
        var april = _workspace.Write("beschikkingen-april.csv", Header + "B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;5;2026-01-01;");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(april)));
        var (exit, output, log) = await Import("beschikkingen", april);
        Assert.True(exit == 0, log);
        Assert.Contains($"Imported beschikkingen-april.csv (beschikkingen): 1 row(s) read, 0 new, 1 replaced, 0 unchanged; SHA-256 {sha256}.", output, StringComparison.Ordinal);
        Assert.Contains("Warning: beschikkingen-april.csv has 1 rows, the previous beschikkingen file had 3: fewer than two thirds.", output, StringComparison.Ordinal);
        // Logged too (the console log goes to stderr).
        Assert.Contains("beschikkingen-april.csv has 1 rows, the previous beschikkingen file had 3", log, StringComparison.Ordinal);

        // A refused file is not listed.
        var refused = await Import("beschikkingen", _workspace.Write("fout.csv", Header + "B9;cl-z;GM9999;30AB;00;Aanbieder;JZ;JW;5;2026-01-01;"));
        Assert.Equal(1, refused.ExitCode);

        var all = await _workspace.RunAsync("imports", "--db", _workspace.Database);
        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Contains("5 import(s).", all.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("fout.csv", all.Out, StringComparison.Ordinal);
        var row = Assert.Single(all.Out.Split('\n'), l => l.Contains("beschikkingen-april.csv", StringComparison.Ordinal) && l.Contains('│'));
        var cells = row.Split('│').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        // Id, when, kind, file, read, new, replaced, unchanged, SHA-256 (first 12), started by, flag.
        Assert.Equal(["beschikkingen", "beschikkingen-april.csv", "1", "0", "1", "0", sha256[..12], "cli import", "!"], cells.Skip(2));
        Assert.Contains("! import 5: beschikkingen-april.csv has 1 rows, the previous beschikkingen file had 3 (fewer than two thirds).", all.Out, StringComparison.Ordinal);

        var last = await _workspace.RunAsync("imports", "--kind", "gemeenten", "--last", "1", "--db", _workspace.Database);
        Assert.True(last.ExitCode == 0, last.Error);
        Assert.Contains("1 import(s).", last.Out, StringComparison.Ordinal);
        Assert.Contains("gemeenten.csv", last.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("beschikkingen", last.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('!', last.Out);
    }

    [Fact]
    public async Task Imports_RefusesAnUnknownKindAndANonPositiveLast()
    {
        Assert.Equal(2, (await _workspace.RunAsync("imports", "--kind", "ouders", "--db", _workspace.Database)).ExitCode);
        Assert.Equal(2, (await _workspace.RunAsync("imports", "--last", "0", "--db", _workspace.Database)).ExitCode);
    }
}
