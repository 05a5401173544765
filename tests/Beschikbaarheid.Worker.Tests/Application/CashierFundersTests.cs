using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Import;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Tests.Application;

/// <summary>
/// A cashier scheme with two funders that are not municipalities, settled through the real services on a real SQLite
/// file: Groningen collects from Het Hogeland and the funders and pays the hosts; Assen (Drenthe) does not take part.
/// The figures are those of <c>Core.Tests/Settlement/CashierFundersTests</c>, worked by hand there:
/// <code>
/// Budget 1,200,000 cents. SB-80001 123,457 (amount), SWV-VO2001 2.5% = 30,000; the rest 1,046,543 by 55 : 35 : 10 pupils:
///   Groningen 575,599, Het Hogeland 366,290, Assen's gap 104,654 (VSV-middelen covers 100,000 of it).
/// January: Groningen ⌊575,599 / 12⌋ = 47,966, Het Hogeland ⌊366,290 / 12⌋ = 30,524 (17,442 / 13,082 by its pupils 20 : 15),
///   SB-80001 ⌊123,457 / 12⌋ = 10,288 (8,230 / 2,058 by its parts 98,766 : 24,691), SWV-VO2001 2,500 (2,000 / 500);
///   collected 91,278, covered 8,333, paid out 99,611 by 9 : 2.5 = 77,956 / 21,655.
/// </code>
/// </summary>
public sealed class CashierFundersTests : IDisposable
{
    private const string SchemeId = "groningen-saw";
    private static readonly MunicipalityCode Groningen = MunicipalityCode.Parse("GM0014");
    private static readonly MunicipalityCode HetHogeland = MunicipalityCode.Parse("GM1966");
    private readonly Workspace _workspace = new();
    private readonly ServiceProvider _services;

    public CashierFundersTests()
    {
        WriteScheme(swvPercent: "2.5");
        _workspace.Write("gemeenten.csv", "gemeentecode;naam;iban\nGM0014;Groningen;NL71BNGH0285000014\nGM1966;Het Hogeland;NL38BNGH0285001966\nGM0106;Assen;NL12BNGH0285000106");
        _workspace.Write("scholen.csv", "brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector\n25XX;00;Mbo Stad;80001;Mbo Noord;GM0014;MBO\n25XX;01;Mbo Hogeland;80001;Mbo Noord;GM1966;MBO");
        _workspace.Write("leerlingen.csv", "peildatum;brin;vestiging;woongemeente;aantal\n2025-10-01;25XX;00;GM0014;50\n2025-10-01;25XX;00;GM1966;20\n2025-10-01;25XX;00;GM0106;10\n2025-10-01;25XX;01;GM1966;15\n2025-10-01;25XX;01;GM0014;5");
        _services = _workspace.Services();
    }

    public void Dispose()
    {
        _services.Dispose();
        _workspace.Dispose();
    }

    /// <summary>€ 12,000 for 2026; hosts 25XX00 (Groningen) 9 FTE and 25XX01 (Het Hogeland) 2.5 FTE; the SWV's percentage as given.</summary>
    private void WriteScheme(string swvPercent) => _workspace.Write(Path.Combine("schemes", SchemeId + ".json"), $$"""
        { "id": "groningen-saw", "name": "School als Wijk", "startYear": 2019,
          "schools": ["25XX00", "25XX01"], "participants": ["GM0014", "GM1966"],
          "pool": { "type": "fixed-budget", "amounts": { "2026": 12000.00 }, "hosts": { "by": "fte", "fte": { "25XX00": 9.0, "25XX01": 2.5 } } },
          "key": { "type": "pupils", "maskedCountValue": 2 },
          "flow": { "type": "cashier", "cashier": "GM0014", "nonParticipants": "gap", "gapFunds": [ { "name": "VSV-middelen", "amount": 1000.00 } ] },
          "funders": [
            { "id": "SWV-VO2001", "name": "Samenwerkingsverband VO Groningen Stad", "kind": "swv", "iban": "NL12RABO0026010001",
              "address": "Postbus 2001, 9700 AA Groningen", "share": { "percent": {{swvPercent}} } },
            { "id": "SB-80001", "name": "Stichting Mbo Noord", "kind": "board", "iban": "NL73RABO0060001001",
              "address": "Noorderweg 1, 9700 AB Groningen", "share": { "amount": 1234.57 } } ],
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw: kostendeling tussen gemeenten" } }
        """);

    private async Task ImportAsync()
    {
        foreach (var kind in new[] { ImportKind.Gemeenten, ImportKind.Scholen, ImportKind.Leerlingen })
        {
            await _services.GetRequiredService<ImportService>().ImportAsync(kind, Path.Combine(_workspace.Folder, kind.ToString().ToLowerInvariant() + ".csv"));
        }
    }

    private async Task<IssuedSettlement> Settle(int month) =>
        (await _services.GetRequiredService<SettlementService>().SettleAsync(SchemeId, new YearMonth(2026, month), "test", new YearMonth(2026, month).LastDay.AddDays(1))).Settlement!;

    private static IEnumerable<(SettlementKind Kind, string School, long Cents, string? Reference)> Lines(IssuedSettlement settlement, string debtor) =>
        settlement.Invoices.Single(i => i.Debtor.Value == debtor).Lines.Select(l => (l.Kind, l.School.ToString(), l.Amount.Cents, l.Reference));

    [Fact]
    public async Task TheCashierInvoicesTheFunders_CollectsTheirShares_AndPaysThemOutToTheHosts()
    {
        await ImportAsync();

        var january = await Settle(1);

        // Het Hogeland first, then the funders by id; the cashier's own 47,966 is not invoiced.
        Assert.Equal(
            [("GM0014-2026-00001", "GM1966", 30_524L), ("GM0014-2026-00002", "SB-80001", 10_288L), ("GM0014-2026-00003", "SWV-VO2001", 2_500L)],
            january.Invoices.Select(i => (i.Number, i.Debtor.Value, i.Total.Cents)));
        Assert.Equal([(SettlementKind.Voorschot, "25XX00", 8_230L, (string?)null), (SettlementKind.Voorschot, "25XX01", 2_058L, null)], Lines(january, "SB-80001"));
        Assert.Equal([(SettlementKind.Voorschot, "25XX00", 17_442L, (string?)null), (SettlementKind.Voorschot, "25XX01", 13_082L, null)], Lines(january, "GM1966"));
        // The municipalities' allocation: their parts of what is left after the funders, 575,599 and 366,290.
        Assert.Equal([(Groningen, 575_599L), (HetHogeland, 366_290L)], january.Allocation.Select(a => (a.Municipality, a.AnnualProjection.Cents)));

        // Collected 47,966 + 30,524 from the municipalities and 10,288 + 2,500 = 12,788 from the funders: 91,278.
        var statement = january.Statement!;
        Assert.Equal((91_278L, 12_788L, 8_333L), (statement.CollectedTotal.Cents, statement.FundersTotal.Cents, statement.CoveredTotal.Cents));
        Assert.Equal([77_956L, 21_655L], statement.PaidOut.OrderBy(p => p.Key).Select(p => p.Value.Cents));
        Assert.Equal(0, statement.Balance.Cents);

        // The funder's documents: its invoice workbook and e-invoice, and journal rows with its id as debtor.
        var folder = Path.Combine(_workspace.Output, SchemeId, "2026-01");
        Assert.True(File.Exists(Path.Combine(folder, "factuur-GM0014-2026-00002.xlsx")));
        Assert.Contains("<cbc:Name>Stichting Mbo Noord</cbc:Name>", File.ReadAllText(Path.Combine(folder, "factuur-GM0014-2026-00002.xml")), StringComparison.Ordinal);
        Assert.Contains("GM0014-2026-00002;voorschot;groningen-saw;2026-01;GM0014;SB-80001;25XX;01;0;20.58", File.ReadAllLines(Path.Combine(folder, "boekingen.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "kasstaat-groningen-saw-2026-01.xlsx")));
    }

    [Fact]
    public async Task AFundersShareChangedAfterwards_IsCorrectedNextMonth_AndTheYearEndFindsNothingLeft()
    {
        await ImportAsync();
        await Settle(1);
        // A later version of the scheme file: the SWV pays 3% = 36,000 from the start of the year. The rest becomes
        // 1,200,000 − 123,457 − 36,000 = 1,040,543 by 55 : 35 : 10 = 572,298.65 / 364,190.05 / 104,054.30, the cent to
        // Groningen (.65): 572,299 / 364,190 / 104,054.
        WriteScheme(swvPercent: "3");

        var february = await Settle(2);

        // SWV: February 36,000 / 12 = 3,000 (2,400 / 600); January recomputed 3,000 against 2,500 billed: + 400 and + 100.
        Assert.Equal(
            [(SettlementKind.Voorschot, "25XX00", 2_400L, (string?)null), (SettlementKind.Voorschot, "25XX01", 600L, null),
             (SettlementKind.Correctie, "25XX00", 400L, "GM0014-2026-00003"), (SettlementKind.Correctie, "25XX01", 100L, "GM0014-2026-00003")],
            Lines(february, "SWV-VO2001"));
        // Het Hogeland: February ⌊2 × 364,190 / 12⌋ − ⌊364,190 / 12⌋ = 60,698 − 30,349 = 30,349 (20 : 15 = 17,342.29 / 13,006.71:
        // 17,342 / 13,007); January recomputed the same 30,349 against 17,442 / 13,082 billed: − 100 and − 75.
        Assert.Equal(
            [(SettlementKind.Voorschot, "25XX00", 17_342L, (string?)null), (SettlementKind.Voorschot, "25XX01", 13_007L, null),
             (SettlementKind.Correctie, "25XX00", -100L, "GM0014-2026-00001"), (SettlementKind.Correctie, "25XX01", -75L, "GM0014-2026-00001")],
            Lines(february, "GM1966"));
        // The board's amount did not change: February ⌊2 × 123,457 / 12⌋ − 10,288 = 20,576 − 10,288 = 10,288, no correction.
        Assert.Equal([(SettlementKind.Voorschot, "25XX00", 8_230L, (string?)null), (SettlementKind.Voorschot, "25XX01", 2_058L, null)], Lines(february, "SB-80001"));
        // Collected: Groningen's own 47,692 (⌊2 × 572,299 / 12⌋ − ⌊572,299 / 12⌋ = 95,383 − 47,691) and − 275 (47,691 − 47,966),
        // Het Hogeland 30,349 − 175, the funders 10,288 + 3,000 + 500 = 13,788: 91,379. Covered ⌊100,000 × 17,342 / 104,054⌋ −
        // ⌊100,000 × 8,671 / 104,054⌋ = 16,666 − 8,333 = 8,333. Paid through February (99,611 + 99,712 = 199,323) by 18 : 5 =
        // 155,991.91 / 43,331.09, the cent to .91: 155,992 / 43,331, less January's 77,956 / 21,655: 78,036 / 21,676.
        var statement = february.Statement!;
        Assert.Equal((91_379L, 13_788L, 8_333L), (statement.CollectedTotal.Cents, statement.FundersTotal.Cents, statement.CoveredTotal.Cents));
        Assert.Equal([78_036L, 21_676L], statement.PaidOut.OrderBy(p => p.Key).Select(p => p.Value.Cents));
        Assert.Equal(0, statement.Balance.Cents);

        for (var month = 3; month <= 12; month++)
        {
            await Settle(month);
        }
        var final = await _services.GetRequiredService<YearEndService>().FinalizeAsync(SchemeId, 2026, "test", new DateOnly(2027, 1, 15));

        // January was corrected in February and nothing changed after: the year end invoices no one. The year's entries are the
        // shares: SWV 12 × 3,000 = 36,000, the board 123,457, Het Hogeland 364,190, Groningen 572,299.
        Assert.Empty(final.Settlement.Invoices);
        await using (var session = await _services.GetRequiredService<SchemeLocks>().AcquireAsync(SchemeId))
        {
            var entries = (await SettledState.LoadYearAsync(session, 2026)).Entries;
            Assert.Equal(
                [("GM0014", 572_299L), ("GM1966", 364_190L), ("SB-80001", 123_457L), ("SWV-VO2001", 36_000L)],
                entries.GroupBy(e => e.Municipality).OrderBy(g => g.Key).Select(g => (g.Key.Value, g.Sum(e => e.Amount.Cents))));
        }
        // Assen's gap as the months stated it: January 8,721 under the old split, February to December 104,054 − 8,671 = 95,383:
        // 104,104, 50 more than the year's 104,054, which the year end states back (− 50); nothing is collected or paid.
        var yearEnd = final.Settlement.Statement!;
        Assert.Equal((-50L, 0L, 0L, 0L), (yearEnd.GapTotal.Cents, yearEnd.CollectedTotal.Cents, yearEnd.PaidOutTotal.Cents, yearEnd.Balance.Cents));
    }
}
