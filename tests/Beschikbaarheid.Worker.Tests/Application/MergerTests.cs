using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Tests.Application;

/// <summary>
/// Issue 15's merger case, worked by hand through the real services and a real SQLite file. The small Nijmegen scheme (lead
/// GM0268; Beuningen GM0209 and Berg en Dal GM1945 take part); fictional mergers: Beuningen into "Maas en Waal" (GM9001, not a
/// participant) on 1 January 2026, Maas en Waal into Berg en Dal on 1 January 2027. € 13,750 a child a year = 1,375,000 cents;
/// 2025, 2026 and 2027 have 365 days, so a child for a month of 31 days costs 1,375,000 × 31 / 365 = 116,780.82 → 116,781 cents.
/// </summary>
public sealed class MergerTests : IDisposable
{
    private const string Header = "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum";
    private readonly Workspace _workspace = new();
    private readonly ServiceProvider _services;

    public MergerTests()
    {
        _workspace.WriteScheme();
        // B1: a Beuningen child from 1 January 2025, 4 hours a week; the files keep its old code after the mergers.
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2025-01-01;");
        _workspace.Write("gemeenten.csv", "gemeentecode;naam\nGM0268;Nijmegen\nGM0209;Beuningen\nGM1945;Berg en Dal\nGM0202;Arnhem\nGM9001;Maas en Waal");
        _services = _workspace.Services();
    }

    public void Dispose()
    {
        _services.Dispose();
        _workspace.Dispose();
    }

    private ImportService Imports => _services.GetRequiredService<ImportService>();

    /// <summary>A month settled on the first day after it.</summary>
    private async Task<IssuedSettlement> Settle(int year, int month) =>
        (await _services.GetRequiredService<SettlementService>().SettleAsync(Workspace.SchemeId, new YearMonth(year, month), "test", new YearMonth(year, month).LastDay.AddDays(1))).Settlement!;

    private Task LateData(string rows) =>
        Imports.ImportAsync(ImportKind.Beschikkingen, _workspace.Write($"late-{Guid.NewGuid():N}.csv", Header + "\n" + rows));

    [Fact]
    public async Task BeforeTheMergerTheOldCode_AfterItTheSuccessor_ALateCorrectionToTheSuccessorWithTheOldCode_AndAChain()
    {
        await Imports.ImportFolderAsync(_workspace.Folder);

        // December 2025, before the merger, issued on 1 January 2026 (the merger has not been imported yet): to Beuningen.
        var december = await Settle(2025, 12);
        var beuningen = Assert.Single(december.Invoices);
        Assert.Equal(("GM0268-2026-00001", "GM0209", 116_781L), (beuningen.Number, beuningen.Debtor.Value, beuningen.Total.Cents));

        // A merger that would move December 2025 (Berg en Dal takes part in a settled month of 2025) and one into an unknown
        // code are refused with their lines, and nothing of the file is imported.
        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => Imports.ImportMergersAsync(_workspace.Write("bad.csv",
            "datum;oude_code;nieuwe_code\n2026-01-01;GM0209;GM9001\n2025-01-01;GM1945;GM0202\n2026-01-01;GM0202;GM9999")));
        Assert.Equal([3, 4], refused.Errors.Select(e => e.Line).ToList());
        Assert.Contains("would move months already issued: nijmegen-st-maarten settled 2025-12", refused.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("GM9999 is not a known municipality", refused.Errors[1].Reason, StringComparison.Ordinal);

        var figures = await Imports.ImportMergersAsync(_workspace.Write("herindelingen.csv",
            "datum;oude_code;nieuwe_code\n2026-01-01;GM0209;GM9001\n01-01-2027;GM9001;GM1945"));
        Assert.Equal((2, 2, 0), (figures.Read, figures.New, figures.Replaced));

        // Late: B2, a second Beuningen child, for December 2025 only.
        await LateData("B2;cl-b;GM0209;30AB;00;Aanbieder;JZ;JW;4;2025-12-01;2025-12-31");
        var january = await Settle(2026, 1);
        // January 2026, after the merger: B1 counts for Maas en Waal, which takes part as Beuningen's successor: 116,781.
        // December 2025 again: 2 children × 116,780.82 = 233,561.64 → 233,562 against 116,781 billed: + 116,781, corrected on
        // the invoice to Maas en Waal (issued after the merger), the line keeping Beuningen as the residence it concerns and
        // referring to December's invoice. Total 116,781 + 116,781 = 233,562. Nothing is addressed to Beuningen any more.
        var maasEnWaal = Assert.Single(january.Invoices);
        Assert.Equal(("GM0268-2026-00002", "GM9001", 233_562L), (maasEnWaal.Number, maasEnWaal.Debtor.Value, maasEnWaal.Total.Cents));
        Assert.Equal(
            [(SettlementKind.Voorschot, "2026-01", (string?)null, 116_781L, (string?)null), (SettlementKind.Correctie, "2025-12", "GM0209", 116_781L, "GM0268-2026-00001")],
            maasEnWaal.Lines.Select(l => (l.Kind, l.Period.ToString()!, l.Residence?.Value, l.Amount.Cents, l.Reference)).ToList());

        // Late again, with the old code: B3, a child from Beuningen's area, for January 2026 only.
        await LateData("B3;cl-c;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;2026-01-31");
        var january2027 = await Settle(2027, 1);
        // January 2027, after the second merger: the chain makes B1 a Berg en Dal child, and Berg en Dal (a participant) grows:
        // 116,781. January 2026 again: 2 children, 233,562 against 116,781 billed to Maas en Waal: + 116,781, issued in 2027 to
        // the end of the chain, Berg en Dal, with Maas en Waal on the line. December 2025 is unchanged (233,562 billed). Total 233,562.
        var bergEnDal = Assert.Single(january2027.Invoices);
        Assert.Equal(("GM0268-2027-00001", "GM1945", 233_562L), (bergEnDal.Number, bergEnDal.Debtor.Value, bergEnDal.Total.Cents));
        Assert.Equal(
            [(SettlementKind.Voorschot, "2027-01", (string?)null, 116_781L, (string?)null), (SettlementKind.Correctie, "2026-01", "GM9001", 116_781L, "GM0268-2026-00002")],
            bergEnDal.Lines.Select(l => (l.Kind, l.Period.ToString()!, l.Residence?.Value, l.Amount.Cents, l.Reference)).ToList());

        // What is settled per residence: December 2025 Beuningen's 116,781 + 116,781, January 2026 Maas en Waal's 116,781 + 116,781.
        await using var session = await _services.GetRequiredService<SchemeLocks>().AcquireAsync(Workspace.SchemeId);
        Assert.Equal([("GM0209", 233_562L)], Totals(await SettledState.LoadMonthAsync(session, new YearMonth(2025, 12))));
        Assert.Equal([("GM9001", 233_562L)], Totals(await SettledState.LoadMonthAsync(session, new YearMonth(2026, 1))));

        static List<(string, long)> Totals(IReadOnlyList<Entry> entries) =>
            entries.GroupBy(e => e.Municipality.Value).Select(g => (g.Key, g.Sum(e => e.Amount.Cents))).ToList();
    }
}
