using System.Globalization;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Tests.Application;

/// <summary>
/// A year of the small Nijmegen scheme settled through the real services and a real SQLite file while
/// data arrives late, then closed, changed again, reopened and settled again. € 13,750 a child a year
/// (5.5 h × € 62.50 × 40 weeks) = 1,375,000 cents; 2026 has 365 days.
/// </summary>
public sealed class YearEndTests : IDisposable
{
    private const string Header = "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum";
    private readonly Workspace _workspace = new();
    private readonly ServiceProvider _services;

    public YearEndTests()
    {
        _workspace.WriteScheme();
        // B1: a Beuningen child from 1 January 2026, 4 hours a week.
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        _services = _workspace.Services();
    }

    public void Dispose()
    {
        _services.Dispose();
        _workspace.Dispose();
    }

    private Task<SettleOutcome> Settle(int year, int month) =>
        _services.GetRequiredService<SettlementService>().SettleAsync(Workspace.SchemeId, new YearMonth(year, month), "test", new YearMonth(year, month).LastDay.AddDays(1));

    private Task LateData(string rows) =>
        _services.GetRequiredService<ImportService>().ImportAsync(ImportKind.Beschikkingen, _workspace.Write($"late-{Guid.NewGuid():N}.csv", Header + "\n" + rows));

    private async Task<IReadOnlyList<Entry>> Entries()
    {
        await using var session = await _services.GetRequiredService<SchemeLocks>().AcquireAsync(Workspace.SchemeId);
        return (await SettledState.LoadYearAsync(session, 2026)).Entries;
    }

    [Fact]
    public async Task LateData_IsCorrectedOnTheNextRun_AndTheYearEndFindsNothingLeftWhenNothingChangedAfterDecember()
    {
        await _services.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        for (var month = 1; month <= 3; month++)
        {
            await Settle(2026, month);
        }
        // Late: B1 ended on 15 February; B2, a Berg en Dal child, started on 1 February.
        await LateData("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;2026-02-15\nB2;cl-b;GM1945;30AB;00;Aanbieder;JZ;JW;4;2026-02-01;");
        var april = (await Settle(2026, 4)).Settlement!;

        // Beuningen, no April advance: February 15 days 1,375,000 × 15 / 365 = 56,506.85 → 56,507 against 28 days 105,479.45 → 105,479
        // billed: − 48,972; March 0 against 31 days 116,780.82 → 116,781: − 116,781. Both refer to the invoice that billed the month.
        var beuningen = april.Invoices.Single(i => i.Debtor.Value == "GM0209");
        Assert.All(beuningen.Lines, l => Assert.Equal(SettlementKind.Correctie, l.Kind));
        Assert.Equal([(-48_972L, "2026-02", "GM0268-2026-00002"), (-116_781L, "2026-03", "GM0268-2026-00003")],
            beuningen.Lines.Select(l => (l.Amount.Cents, l.Period.ToString(), l.Reference)).ToList());
        Assert.True(beuningen.IsCreditNote);
        // Berg en Dal: April 30 days 113,013.70 → 113,014 in advance, February 105,479 and March 116,781 as corrections (no earlier invoice).
        var bergEnDal = april.Invoices.Single(i => i.Debtor.Value == "GM1945");
        Assert.Equal([(SettlementKind.Voorschot, 113_014L, (string?)null), (SettlementKind.Correctie, 105_479L, null), (SettlementKind.Correctie, 116_781L, null)],
            bergEnDal.Lines.Select(l => (l.Kind, l.Amount.Cents, l.Reference)).ToList());
        // Year to date: Beuningen's advances 116,781 + 105,479 + 116,781 and April's corrections − 48,972 − 116,781 = 173,288.
        Assert.Equal(173_288, april.YearToDate[Beschikbaarheid.Core.Registry.MunicipalityCode.Parse("GM0209")].Cents);
        // The earlier invoices are unchanged.
        Assert.Equal(116_781, (await _services.GetRequiredService<IssuedSettlements>().LoadAsync(1, new Beschikbaarheid.Core.Schemes.LeadFlow(Beschikbaarheid.Core.Registry.MunicipalityCode.Parse("GM0268")))).Invoices.Single().Total.Cents);

        for (var month = 5; month <= 12; month++)
        {
            await Settle(2026, month);
        }
        var final = await _services.GetRequiredService<YearEndService>().FinalizeAsync(Workspace.SchemeId, 2026, "test", new DateOnly(2027, 1, 15));

        // The year is the sum of its months, each recomputed with the final data and rounded as its monthly line:
        // Beuningen: January 31 days 116,781 + February 15 days 56,507 = 173,288 = 116,781 + 105,479 + 116,781 − 48,972 − 116,781 billed.
        // Berg en Dal: February 105,479 + six 31-day months (Mar, May, Jul, Aug, Oct, Dec) 6 × 116,781 = 700,686 + four 30-day months
        // (Apr, Jun, Sep, Nov) 4 × 113,014 = 452,056: 1,258,221, exactly what its advances and corrections billed.
        // The late data was corrected month by month, nothing changed after December's run: no year-end document, the year is closed.
        Assert.Empty(final.Settlement.Invoices);
        Assert.Equal(["vastgesteld"], (await _services.GetRequiredService<YearClosures>().EventsAsync(Workspace.SchemeId, 2026)).Select(e => e.Event));
        var entries = await Entries();
        Assert.Equal(173_288, entries.Where(e => e.Municipality.Value == "GM0209").Sum(e => e.Amount.Cents));
        Assert.Equal(1_258_221, entries.Where(e => e.Municipality.Value == "GM1945").Sum(e => e.Amount.Cents));
    }

    /// <summary>Removes every stored digest, as a database settled before digests existed (migration 0013) has none.</summary>
    private async Task ForgetDigests()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_workspace.Database}");
        await connection.OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM settled_digests; DELETE FROM settled_digest_months;");
    }

    private async Task<int> DigestedMonths()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_workspace.Database}");
        await connection.OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT COUNT(*) FROM settled_digest_months");
    }

    [Fact]
    public async Task MonthsSettledWithoutDigests_AreReadWhole_CorrectedAlike_AndGetTheirDigests()
    {
        await _services.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        for (var month = 1; month <= 3; month++)
        {
            await Settle(2026, month);
        }
        Assert.Equal(3, await DigestedMonths());
        await ForgetDigests();
        await LateData("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;2026-02-15\nB2;cl-b;GM1945;30AB;00;Aanbieder;JZ;JW;4;2026-02-01;");
        var april = (await Settle(2026, 4)).Settlement!;

        // The same corrections as with digests (LateData_IsCorrectedOnTheNextRun…): Beuningen February 56,507 − 105,479 = − 48,972 and
        // March − 116,781, each referring to the invoice that billed the month; Berg en Dal April 113,014 and February 105,479, March 116,781.
        Assert.Equal([(-48_972L, "2026-02", "GM0268-2026-00002"), (-116_781L, "2026-03", "GM0268-2026-00003")],
            april.Invoices.Single(i => i.Debtor.Value == "GM0209").Lines.Select(l => (l.Amount.Cents, l.Period.ToString(), l.Reference)).ToList());
        Assert.Equal([113_014L, 105_479L, 116_781L], april.Invoices.Single(i => i.Debtor.Value == "GM1945").Lines.Select(l => l.Amount.Cents).ToList());
        // January to March were read whole and got their digests; April's own digests came with its run.
        Assert.Equal(4, await DigestedMonths());
    }

    [Fact]
    public async Task AYearEnd_WithoutDigests_ComparesEveryLocation_AndFindsTheSameCreditNote()
    {
        await _services.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        for (var month = 1; month <= 12; month++)
        {
            await Settle(2026, month);
        }
        await ForgetDigests();
        await LateData("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;2026-10-15");
        var final = await _services.GetRequiredService<YearEndService>().FinalizeAsync(Workspace.SchemeId, 2026, "test", new DateOnly(2027, 1, 15));

        // As YearEnd_OfDataChangedAfterDecembersRun…: October 56,507 − 116,781 = − 60,274, November − 113,014, December − 116,781: − 290,069.
        var creditNote = Assert.Single(final.Settlement.Invoices);
        Assert.Equal(("GM0209", -290_069L), (creditNote.Debtor.Value, creditNote.Total.Cents));
        Assert.Equal(12, Assert.Single(creditNote.Lines).Reference!.Split(Entry.ReferenceSeparator).Length);
    }

    [Fact]
    public async Task YearEnd_OfDataChangedAfterDecembersRun_SettlesExactlyTheChangedMonths()
    {
        await _services.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        for (var month = 1; month <= 12; month++)
        {
            await Settle(2026, month);
        }
        // After December's run: B1 turns out to have ended on 15 October.
        await LateData("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;2026-10-15");
        var final = await _services.GetRequiredService<YearEndService>().FinalizeAsync(Workspace.SchemeId, 2026, "test", new DateOnly(2027, 1, 15));

        // Only October, November and December change: October 15 days 1,375,000 × 15 / 365 = 56,506.85 → 56,507 against 116,781 billed
        // (−60,274), November 0 against 113,014, December 0 against 116,781: −60,274 − 113,014 − 116,781 = −290,069, one credit note
        // referring to the twelve invoices that billed the year (GM0268-2026-00001 … 00011 and December's GM0268-2027-00001).
        var creditNote = Assert.Single(final.Settlement.Invoices);
        Assert.Equal(("GM0209", -290_069L, true), (creditNote.Debtor.Value, creditNote.Total.Cents, creditNote.IsCreditNote));
        var line = Assert.Single(creditNote.Lines);
        Assert.Equal(SettlementKind.Creditnota, line.Kind);
        Assert.Equal(12, line.Reference!.Split(Entry.ReferenceSeparator).Length);
        var journal = File.ReadAllLines(Path.Combine(_workspace.Output, Workspace.SchemeId, "2026-vaststelling", "boekingen.csv"));
        // 1 January – 15 October: 288 child-days (31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 15).
        Assert.Equal("GM0268-2027-00002;creditnota;nijmegen-st-maarten;2026;GM0268;GM0209;30AB;00;288;-2900.69", journal[1]);
    }

    [Fact]
    public async Task AClosedYear_ReportsLateData_WithoutInvoicing_UntilItIsReopenedWithAReason()
    {
        await _services.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        for (var month = 1; month <= 12; month++)
        {
            await Settle(2026, month);
        }
        var yearEnd = _services.GetRequiredService<YearEndService>();
        // Unchanged data: the months billed 1,375,002 cents (below), the year is that sum; the year end issues nothing and closes the year.
        Assert.Empty((await yearEnd.FinalizeAsync(Workspace.SchemeId, 2026, "test", new DateOnly(2027, 1, 15))).Settlement.Invoices);
        // Finalizing a closed year again issues nothing; it writes the files of its year end again. (Dated after the year, as a
        // year end must be: the year has to have ended by the invoice date even to write its files again.)
        var again = await yearEnd.FinalizeAsync(Workspace.SchemeId, 2026, "test", new DateOnly(2027, 1, 20));
        Assert.True(again.AlreadyClosed);
        Assert.Single(await _services.GetRequiredService<YearClosures>().EventsAsync(Workspace.SchemeId, 2026));

        // B1 turns out to have ended on 30 November.
        await LateData("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;2026-11-30");
        var before = (await Entries()).Sum(e => e.Amount.Cents);
        var january = await Settle(2027, 1);
        Assert.Equal(SettleStatus.NothingEligible, january.Status);
        // 1 December – 31 December 2026, 31 days, 116,780.82 → 116,781 too much: reported, not invoiced.
        Assert.Contains(january.Notes, n => n.Contains("GM0209 € -1167.81", StringComparison.Ordinal) && n.Contains("closed", StringComparison.Ordinal));
        Assert.Equal(before, (await Entries()).Sum(e => e.Amount.Cents));

        var noReason = await Assert.ThrowsAsync<SettlementRejectedException>(() => yearEnd.ReopenAsync(Workspace.SchemeId, 2026, " ", "test"));
        Assert.Contains("needs a reason", noReason.Message, StringComparison.Ordinal);
        await yearEnd.ReopenAsync(Workspace.SchemeId, 2026, "beschikking B1 eindigde op 30 november", "test");
        var second = await yearEnd.FinalizeAsync(Workspace.SchemeId, 2026, "test", new DateOnly(2027, 2, 1));

        // Billed for 2026: 31-day months Jan, Mar, May, Jul, Aug, Oct, Dec 7 × 116,781 = 817,467; Apr, Jun, Sep, Nov 4 × 113,014 = 452,056;
        // Feb 105,479: 1,375,002. Now the year is the same months without December: 1,375,002 − 116,781 = 1,258,221, so the second
        // year end is a credit note of exactly December's line, −116,781.
        Assert.Equal(2, second.Settlement.Run.Revision);
        Assert.Equal(-116_781, Assert.Single(second.Settlement.Invoices).Total.Cents);
        Assert.True(Directory.Exists(Path.Combine(_workspace.Output, Workspace.SchemeId, "2026-vaststelling-2")));
        var events = await _services.GetRequiredService<YearClosures>().EventsAsync(Workspace.SchemeId, 2026);
        Assert.Equal(["vastgesteld", "heropend", "vastgesteld"], events.Select(e => e.Event));
        Assert.Equal("beschikking B1 eindigde op 30 november", events[1].Reason);
        Assert.Equal(1_258_221, (await Entries()).Where(e => e.Municipality.Value == "GM0209").Sum(e => e.Amount.Cents));
    }

    [Fact]
    public async Task Finalize_WithUnsettledMonths_NamesThem_AndChangesNothing()
    {
        await _services.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        for (var month = 1; month <= 10; month++)
        {
            await Settle(2026, month);
        }
        var error = await Assert.ThrowsAsync<SettlementRejectedException>(() =>
            _services.GetRequiredService<YearEndService>().FinalizeAsync(Workspace.SchemeId, 2026, "test", new DateOnly(2027, 1, 15)));
        Assert.Contains("2026-11, 2026-12 are not settled", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _services.GetRequiredService<YearClosures>().EventsAsync(Workspace.SchemeId, 2026));
        Assert.Equal(10, (await _services.GetRequiredService<SettlementHistory>().LoadAsync(Workspace.SchemeId, 2026)).Count);
    }
}
