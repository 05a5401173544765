using System.IO.Compression;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// Dry runs (issue 12, point 2): <c>settle --dry-run</c> and <c>finalize --dry-run</c> compute what a real run would issue, print
/// the same summary and write CONCEPT documents without numbers to <c>&lt;yyyy-MM&gt;-concept</c>; they store nothing and use no
/// number, so a dry run followed by a real run uses the numbers the real run would have used without the dry run.
/// </summary>
public sealed class DryRunTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>Every table a run, a year end or a concept writes, and the invoice sequences' sum: what "nothing stored" is checked on.</summary>
    internal static readonly string[] SettlementTables =
    [
        "settlement_runs", "invoices", "invoice_lines", "settlement_entries", "settlement_allocations", "settlement_locations",
        "settlement_individual", "cashier_lines", "year_events", "settlement_concepts", "invoice_sequences",
    ];

    internal static async Task<IReadOnlyList<long>> StoredAsync(IConnectionFactory connections)
    {
        await using var connection = await connections.OpenAsync();
        var counts = new List<long>();
        foreach (var table in SettlementTables)
        {
            counts.Add(await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
        }
        counts.Add(await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(last_number), 0) FROM invoice_sequences"));
        return counts;
    }

    /// <summary>The text of a workbook: every XML part (cells, page header) as one string.</summary>
    internal static string TextOf(string workbook)
    {
        using var zip = ZipFile.OpenRead(workbook);
        return string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }

    [Fact]
    public async Task DryRunThenRealRun_OnSqlite_UsesTheNumbersOfARealRunAlone_AndTheDryRunStoresNothing() =>
        await DryRunThenRealRunAsync(_workspace, null, ["--db", _workspace.Database], [], new SqliteConnectionFactory(_workspace.Database));

    /// <summary>
    /// One Beuningen child from 1 January 2026 (4 hours a week at the St. Maartenschool of lead Nijmegen). February is settled for
    /// real: GM0268-2026-00001. A dry run of March prints the real summary with CONCEPT 1 for the invoice number, writes only CONCEPT
    /// workbooks to 2026-03-concept, and stores nothing. The real March run then takes GM0268-2026-00002, the number a real run alone
    /// takes after February's 00001, for the amount the dry run showed.
    /// Hand-worked: a child's year is 5.5 h × € 62,50 × 40 weeks = € 13.750,00; March is 31 of 365 days: 13 750 × 31 / 365 =
    /// 1 167,808… → € 1.167,81.
    /// </summary>
    internal static async Task DryRunThenRealRunAsync(
        Workspace workspace, IReadOnlyDictionary<string, string>? environment, string[] database, string[] provider, IConnectionFactory connections)
    {
        workspace.WriteScheme();
        workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            var imported = await workspace.RunAsync(environment, ["import", kind, Path.Combine(workspace.Folder, kind + ".csv"), .. database, .. provider]);
            Assert.True(imported.ExitCode == 0, imported.Error);
        }
        string[] Settle(string month, string date, params string[] more) =>
            [.. workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", month, "--invoice-date", date), .. more, .. provider];
        var february = await workspace.RunAsync(environment, Settle("2026-02", "2026-03-02"));
        Assert.True(february.ExitCode == 0, february.Error);
        Assert.Contains("GM0268-2026-00001", february.Out, StringComparison.Ordinal);
        var before = await StoredAsync(connections);

        var dry = await workspace.RunAsync(environment, Settle("2026-03", "2026-04-01", "--dry-run"));
        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Contains("DRY RUN nijmegen-st-maarten 2026-03: a run now would issue 1 invoice(s) of € 1.167,81. Nothing stored, no invoice number used", dry.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ € 1\.167,81 +│ CONCEPT 1 ", dry.Out);
        Assert.DoesNotContain("GM0268-2026-0000", dry.Out, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(connections));

        var concept = Path.Combine(workspace.Output, Workspace.SchemeId, "2026-03-concept");
        // Workbooks only: no e-invoice, SEPA file or journal that could be sent or booked.
        Assert.Equal(["factuur-concept-1.xlsx", "verdeelstaat-nijmegen-st-maarten-2026-03.xlsx"], Directory.GetFiles(concept).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var workbook in Directory.GetFiles(concept))
        {
            var text = TextOf(workbook);
            Assert.Contains("CONCEPT – geen factuur, niet boeken", text, StringComparison.Ordinal);
            Assert.DoesNotContain("GM0268-2026-0000", text, StringComparison.Ordinal);
        }
        var invoice = TextOf(Path.Combine(concept, "factuur-concept-1.xlsx"));
        Assert.Contains(">CONCEPT Factuur<", invoice, StringComparison.Ordinal);
        Assert.Contains(">CONCEPT 1<", invoice, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(workspace.Output, Workspace.SchemeId, "2026-03")));

        var real = await workspace.RunAsync(environment, Settle("2026-03", "2026-04-01"));
        Assert.True(real.ExitCode == 0, real.Error);
        Assert.Matches(@"│ € 1\.167,81 +│ GM0268-2026-00002 ", real.Out);
        await using var connection = await connections.OpenAsync();
        Assert.Equal(
            [("GM0268-2026-00001", 105479L), ("GM0268-2026-00002", 116781L)],
            (await connection.QueryAsync<(string, long)>("SELECT number, total_cents FROM invoices ORDER BY number")).ToList());
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("SELECT last_number FROM invoice_sequences"));
    }

    /// <summary>
    /// The twelve months of 2026 settled (GM0268-2027-00001 … 00012, all dated 2 January 2027); then B1 turns out to have ended on
    /// 15 October. A dry run of the year end writes a CONCEPT credit note to 2026-vaststelling-concept and stores nothing: the year
    /// stays open and the real year end takes 00013. Hand-worked (the year is the sum of its months): October 15 days
    /// 1,375,000 × 15 / 365 = 56,506.85 → 56,507 against 116,781 billed, November 0 against 113,014, December 0 against 116,781:
    /// −60,274 − 113,014 − 116,781 = −290,069 cents, a credit note of € 2.900,69.
    /// </summary>
    [Fact]
    public async Task FinalizeDryRun_WritesAConceptCreditNote_StoresNothing_AndTheRealYearEndTakesTheNextNumber()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            Assert.Equal(0, (await _workspace.RunAsync("import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), "--db", _workspace.Database)).ExitCode);
        }
        for (var month = 1; month <= 12; month++)
        {
            var settled = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", $"2026-{month:00}", "--invoice-date", "2027-01-02"));
            Assert.True(settled.ExitCode == 0, settled.Error);
        }
        var late = _workspace.Write("late.csv",
            "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum\nB1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;2026-10-15");
        Assert.Equal(0, (await _workspace.RunAsync("import", "beschikkingen", late, "--db", _workspace.Database)).ExitCode);
        var connections = new SqliteConnectionFactory(_workspace.Database);
        var before = await StoredAsync(connections);

        var dry = await _workspace.RunAsync(_workspace.With("finalize", "--scheme", Workspace.SchemeId, "--year", "2026", "--invoice-date", "2027-01-15", "--dry-run"));
        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Contains("DRY RUN nijmegen-st-maarten 2026: a year end now would issue 0 final invoice(s) and 1 credit note(s).", dry.Out, StringComparison.Ordinal);
        Assert.Matches(@"€ -2\.900,69 +│ creditnota CONCEPT 1", dry.Out);
        Assert.Equal(before, await StoredAsync(connections));
        var concept = Path.Combine(_workspace.Output, Workspace.SchemeId, "2026-vaststelling-concept");
        Assert.Equal(["creditnota-concept-1.xlsx", "verdeelstaat-nijmegen-st-maarten-2026-vaststelling.xlsx"], Directory.GetFiles(concept).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains(">CONCEPT Creditnota<", TextOf(Path.Combine(concept, "creditnota-concept-1.xlsx")), StringComparison.Ordinal);

        var real = await _workspace.RunAsync(_workspace.With("finalize", "--scheme", Workspace.SchemeId, "--year", "2026", "--invoice-date", "2027-01-15"));
        Assert.True(real.ExitCode == 0, real.Error);
        Assert.Contains("creditnota GM0268-2027-00013", real.Out, StringComparison.Ordinal);
    }
}
