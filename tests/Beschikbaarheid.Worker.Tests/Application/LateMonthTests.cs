using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Tests.Application;

/// <summary>
/// A month settled out of order after late data: the run stored last is then not the run of the latest month,
/// and the next run must still correct the months after it. € 13,750 a child a year = 1,375,000 cents; 2026 has 365 days.
/// </summary>
public sealed class LateMonthTests : IDisposable
{
    private readonly Workspace _workspace = new();
    private readonly ServiceProvider _services;

    public LateMonthTests()
    {
        _workspace.WriteScheme();
        // A Berg en Dal child all year, so every month has something to settle.
        _workspace.WriteRegion("B1;cl-a;GM1945;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        _services = _workspace.Services();
    }

    public void Dispose()
    {
        _services.Dispose();
        _workspace.Dispose();
    }

    private Task<SettleOutcome> Settle(int month) =>
        _services.GetRequiredService<SettlementService>().SettleAsync(Workspace.SchemeId, new YearMonth(2026, month), "test", new DateOnly(2026, 12, 1));

    [Fact]
    public async Task AMonthSettledLateWithNewData_DoesNotHideTheLaterMonthsFromTheNextRunsCorrections()
    {
        await _services.GetRequiredService<ImportService>().ImportFolderAsync(_workspace.Folder);
        await Settle(10);
        // A Beuningen child from 1 August arrives, then August is settled (with the child) after October.
        await _services.GetRequiredService<ImportService>().ImportAsync(ImportKind.Beschikkingen, _workspace.Write("late.csv",
            "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum\n"
            + "L1;cl-late;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-08-01;"));
        var august = await Settle(8);
        // August's own advance for Beuningen: 31 days, 1,375,000 × 31 / 365 = 116,780.82 → 116,781 cents.
        Assert.Equal(116_781, august.Settlement!.Invoices.Single(i => i.Debtor.Value == "GM0209").Total.Cents);

        var november = await Settle(11);
        // November corrects October, which was settled before the child was known: 31 days, again 116,781 cents,
        // referring to nothing Beuningen was billed for October (it had no October invoice).
        var beuningen = november.Settlement!.Invoices.Single(i => i.Debtor.Value == "GM0209");
        var correction = Assert.Single(beuningen.Lines, l => l.Kind == SettlementKind.Correctie);
        Assert.Equal(("2026-10", 116_781L), (correction.Period.ToString(), correction.Amount.Cents));
    }
}
