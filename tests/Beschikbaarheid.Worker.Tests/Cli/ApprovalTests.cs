using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// Four-eyes approval (issue 12, point 3), through the executable: with <c>"approval": true</c>, <c>settle</c> stores a concept with
/// the fingerprint of its plan and its preparer and writes CONCEPT documents, issuing nothing; <c>approve --by</c> of another person
/// computes the month again under the lock and issues it only when it bills what the concept showed. Amounts hand-worked: a child's
/// year is 5.5 h × € 62,50 × 40 weeks = € 13.750,00; March is 31 of 365 days: 13 750 × 31 / 365 = 1 167,808… → € 1.167,81.
/// </summary>
public sealed class ApprovalTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private SqliteConnectionFactory Connections => new(_workspace.Database);

    /// <summary>The workspace's scheme with approval on, and one Beuningen child from 1 January 2026, imported.</summary>
    private async Task RegionWithApprovalAsync()
    {
        _workspace.WriteScheme();
        var scheme = Path.Combine(_workspace.Schemes, Workspace.SchemeId + ".json");
        File.WriteAllText(scheme, File.ReadAllText(scheme).Replace("\"startYear\": 2019,", "\"startYear\": 2019, \"approval\": true,", StringComparison.Ordinal));
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen", "beschikkingen" })
        {
            var imported = await _workspace.RunAsync("import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), "--db", _workspace.Database);
            Assert.True(imported.ExitCode == 0, imported.Error);
        }
    }

    private Task<(int ExitCode, string Out, string Error)> PrepareAsync(string by) =>
        _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03", "--invoice-date", "2026-04-01", "--by", by));

    private Task<(int ExitCode, string Out, string Error)> ApproveAsync(string by) =>
        _workspace.RunAsync(_workspace.With("approve", "--scheme", Workspace.SchemeId, "--period", "2026-03", "--invoice-date", "2026-04-02", "--by", by));

    private async Task<(long Runs, long Invoices, long Numbers)> IssuedAsync()
    {
        await using var connection = await Connections.OpenAsync();
        return (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM settlement_runs"), await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invoices"),
            await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(last_number), 0) FROM invoice_sequences"));
    }

    [Fact]
    public async Task Settle_WithApproval_PreparesAConcept_ThatStatusLists_AndApprovalByAnotherIssues_NumberedFromOne_WithBothNamesInHistory()
    {
        await RegionWithApprovalAsync();
        var prepared = await PrepareAsync("Alice");
        Assert.True(prepared.ExitCode == 0, prepared.Error);
        Assert.Contains("nijmegen-st-maarten 2026-03: concept of 1 invoice(s) of € 1.167,81 prepared by Alice; nothing issued.", prepared.Out, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), await IssuedAsync());
        var concept = Path.Combine(_workspace.Output, Workspace.SchemeId, "2026-03-concept", "factuur-concept-1.xlsx");
        Assert.Contains("CONCEPT – geen factuur, niet boeken", DryRunTests.TextOf(concept), StringComparison.Ordinal);

        var status = await _workspace.RunAsync("status", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.Contains(
            "wait concept nijmegen-st-maarten 2026-03 (voorschot): 1 invoice(s), € 1.167,81, prepared by Alice on ", status.Out, StringComparison.Ordinal);
        Assert.Contains("approve --scheme nijmegen-st-maarten --period 2026-03 --by NAME", status.Out, StringComparison.Ordinal);

        var approved = await ApproveAsync("Bob");
        Assert.True(approved.ExitCode == 0, approved.Error);
        Assert.Contains("nijmegen-st-maarten 2026-03: run 1 issued 1 invoice(s). Prepared by Alice, approved by Bob.", approved.Out, StringComparison.Ordinal);
        // The concept used no number: the approved invoice is the first of the series.
        Assert.Matches(@"│ € 1\.167,81 +│ GM0268-2026-00001 ", approved.Out);
        Assert.Equal((1L, 1L, 1L), await IssuedAsync());
        Assert.True(File.Exists(Path.Combine(_workspace.Output, Workspace.SchemeId, "2026-03", "factuur-GM0268-2026-00001.xml")));

        var history = await _workspace.RunAsync("history", "--scheme", Workspace.SchemeId, "--db", _workspace.Database);
        Assert.True(history.ExitCode == 0, history.Error);
        var flat = string.Join(" ", history.Out.Split('\n').Select(l => l.Replace("│", " ", StringComparison.Ordinal).Trim()));
        Assert.Contains("opgesteld door Alice", flat, StringComparison.Ordinal);
        Assert.Contains("Bob", flat, StringComparison.Ordinal);
        Assert.Contains("goedgekeurd", flat, StringComparison.Ordinal);

        var after = await _workspace.RunAsync("status", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.DoesNotContain("wait concept", after.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Alice")]
    [InlineData("  alice ")]
    public async Task Approve_ByThePreparer_IsRefused_WithExitOne_AndIssuesNothing(string approver)
    {
        await RegionWithApprovalAsync();
        Assert.Equal(0, (await PrepareAsync("Alice")).ExitCode);
        var refused = await ApproveAsync(approver);
        Assert.True(refused.ExitCode == 1, refused.Out + refused.Error);
        Assert.Contains("was prepared by Alice, who cannot approve it too (four eyes)", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), await IssuedAsync());
    }

    /// <summary>
    /// After the concept, a second Beuningen child from 1 March is imported: March would now bill 2 × € 1.167,81 = € 2.335,62, not the
    /// concept's € 1.167,81. The approval is refused and asks for a new concept; settling again replaces it (prepared by Carol), and
    /// Bob's approval of that one issues € 2.335,62 as GM0268-2026-00001.
    /// </summary>
    [Fact]
    public async Task Approve_AfterTheInputsChanged_IsRefused_AndANewConceptReplacesTheOld()
    {
        await RegionWithApprovalAsync();
        Assert.Equal(0, (await PrepareAsync("Alice")).ExitCode);
        var unchanged = await PrepareAsync("Dave");
        Assert.Contains("already prepared by Alice and unchanged; nothing issued.", unchanged.Out, StringComparison.Ordinal);

        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;\nB2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-03-01;");
        var imported = await _workspace.RunAsync("import", "beschikkingen", Path.Combine(_workspace.Folder, "beschikkingen.csv"), "--db", _workspace.Database);
        Assert.True(imported.ExitCode == 0, imported.Error);

        var refused = await ApproveAsync("Bob");
        Assert.True(refused.ExitCode == 1, refused.Out + refused.Error);
        Assert.Contains("2026-03 would now bill something else than the concept prepared by Alice", refused.Error, StringComparison.Ordinal);
        Assert.Contains("prepare a new concept (settle --scheme nijmegen-st-maarten --period 2026-03)", refused.Error, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), await IssuedAsync());

        var again = await PrepareAsync("Carol");
        Assert.Contains("concept of 1 invoice(s) of € 2.335,62 prepared by Carol", again.Out, StringComparison.Ordinal);
        var approved = await ApproveAsync("Bob");
        Assert.True(approved.ExitCode == 0, approved.Error);
        Assert.Contains("Prepared by Carol, approved by Bob.", approved.Out, StringComparison.Ordinal);
        await using var connection = await Connections.OpenAsync();
        Assert.Equal([("GM0268-2026-00001", 233562L)], (await connection.QueryAsync<(string, long)>("SELECT number, total_cents FROM invoices")).ToList());
        // The audit trail keeps both concepts: Alice's replaced, Carol's approved by Bob with the run.
        Assert.Equal(
            [("Alice", "vervangen", (string?)null), ("Carol", "goedgekeurd", "Bob")],
            (await connection.QueryAsync<(string, string, string?)>("SELECT prepared_by, status, approved_by FROM settlement_concepts ORDER BY id")).ToList());
    }

    [Fact]
    public async Task Approve_OfASchemeWithoutApproval_OrWithoutAConcept_IsRefused()
    {
        await RegionWithApprovalAsync();
        var none = await ApproveAsync("Bob");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("2026-03 has no concept waiting for approval; prepare one first", none.Error, StringComparison.Ordinal);

        _workspace.WriteScheme();
        var without = await ApproveAsync("Bob");
        Assert.Equal(1, without.ExitCode);
        Assert.Contains("has no approval (\"approval\": true in its file)", without.Error, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), await IssuedAsync());
    }
}
