using System.Globalization;

namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary>
/// A small cashier scheme settled through the executable: Groningen collects from Het Hogeland and pays the
/// host municipalities; Assen (Drenthe) does not take part, and VSV-middelen covers part of its gap.
/// </summary>
public sealed class CashierTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>€ 12,000 for 2026; hosts 25XX00 (Groningen) 9 FTE and 25XX01 (Het Hogeland) 2.5 FTE.</summary>
    private void WriteScheme(string fund = "1000.00", string participants = "\"GM0014\", \"GM1966\"") => _workspace.Write(Path.Combine("schemes", "groningen-saw.json"), $$"""
        { "id": "groningen-saw", "name": "School als Wijk", "startYear": 2019,
          "schools": ["25XX00", "25XX01"], "participants": [{{participants}}],
          "pool": { "type": "fixed-budget", "amounts": { "2026": 12000.00 }, "hosts": { "by": "fte", "fte": { "25XX00": 9.0, "25XX01": 2.5 } } },
          "key": { "type": "pupils", "maskedCountValue": 2 },
          "flow": { "type": "cashier", "cashier": "GM0014", "nonParticipants": "gap", "gapFunds": [ { "name": "VSV-middelen", "amount": {{fund}} } ] },
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw: kostendeling tussen gemeenten" } }
        """);

    /// <summary>Pupils on 1 October 2025: Groningen 50 + 5 = 55, Het Hogeland 20 + 15 = 35, Assen 10; 100 in all.</summary>
    /// <param name="hostIban">Whether Het Hogeland, the host paid by the cashier, has an IBAN in the gemeenten file.</param>
    private async Task ImportRegionAsync(bool hostIban = true)
    {
        _workspace.Write("gemeenten.csv", $"gemeentecode;naam;iban\nGM0014;Groningen;NL71BNGH0285000014\nGM1966;Het Hogeland;{(hostIban ? "NL38BNGH0285001966" : "")}\nGM0106;Assen;NL12BNGH0285000106");
        _workspace.Write("scholen.csv", "brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector\n25XX;00;Mbo Stad;80001;Mbo Noord;GM0014;MBO\n25XX;01;Mbo Hogeland;80001;Mbo Noord;GM1966;MBO");
        _workspace.Write("leerlingen.csv", "peildatum;brin;vestiging;woongemeente;aantal\n2025-10-01;25XX;00;GM0014;50\n2025-10-01;25XX;00;GM1966;20\n2025-10-01;25XX;00;GM0106;10\n2025-10-01;25XX;01;GM1966;15\n2025-10-01;25XX;01;GM0014;5");
        foreach (var kind in new[] { "gemeenten", "scholen", "leerlingen" })
        {
            var result = await _workspace.RunAsync("import", kind, Path.Combine(_workspace.Folder, kind + ".csv"), "--db", _workspace.Database, "--schemes", _workspace.Schemes);
            Assert.True(result.ExitCode == 0, result.Error);
        }
    }

    [Fact]
    public async Task Settle_WhenAPaidHostHasNoIban_ExitsOne_AndIssuesNothing()
    {
        WriteScheme();
        await ImportRegionAsync(hostIban: false);
        var settle = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "groningen-saw", "--period", "2026-01", "--invoice-date", "2026-02-02"));
        Assert.Equal(1, settle.ExitCode);
        Assert.Contains("Het Hogeland (GM1966)", settle.Error, StringComparison.Ordinal);
        Assert.Contains("no IBAN", settle.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Output, "groningen-saw", "2026-01")));
        // No run was stored: with the IBAN imported the month settles as new, and its first invoice is number 00001.
        await ImportRegionAsync();
        var again = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "groningen-saw", "--period", "2026-01", "--invoice-date", "2026-02-02"));
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.True(File.Exists(Path.Combine(_workspace.Output, "groningen-saw", "2026-01", "factuur-GM0014-2026-00001.xlsx")));
    }

    [Fact]
    public async Task Settle_InvoicesTheParticipants_PaysTheHosts_AndTheStatementBalances()
    {
        WriteScheme();
        await ImportRegionAsync();
        var settle = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "groningen-saw", "--period", "2026-01", "--invoice-date", "2026-02-02"));
        Assert.True(settle.ExitCode == 0, settle.Error);

        // Budget 1,200,000 cents by 55 : 35 : 10 = 660,000 / 420,000 / 120,000; January 1/12: 55,000, 35,000 and Assen's 10,000 gap.
        // Covered ⌊100,000 × 10,000 / 120,000⌋ = 8,333; paid out 55,000 + 35,000 + 8,333 = 98,333 by 9 : 2.5 =
        // 76,955.74 and 21,376.30, floors 98,331, the two cents left one each: 76,956 and 21,377.
        Assert.Contains("Kasstaat: gefactureerd € 900,00, tekort € 100,00, gedekt € 83,33, ongedekt € 16,67, uitbetaald € 983,33, saldo € 0,00.", settle.Out, StringComparison.Ordinal);
        var folder = Path.Combine(_workspace.Output, "groningen-saw", "2026-01");
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["betaalbestand-groningen-saw-2026-01.xml", "betaalopdracht-groningen-saw-2026-01-GM1966.xlsx", "boekingen.csv", "factuur-GM0014-2026-00001.xlsx", "factuur-GM0014-2026-00001.xml",
             "kasstaat-groningen-saw-2026-01.xlsx", "verdeelstaat-groningen-saw-2026-01.xlsx"],
            files);
        // Het Hogeland's 35,000 over its pupils at the two locations, 20 : 15 = 20,000 and 15,000; the cashier's own share is not invoiced.
        var journal = File.ReadAllLines(Path.Combine(folder, "boekingen.csv"));
        Assert.Equal(
        [
            "factuurnummer;soort;regeling;periode;uitgever;debiteur;brin;vestiging;grondslag;bedrag",
            "GM0014-2026-00001;voorschot;groningen-saw;2026-01;GM0014;GM1966;25XX;00;20;200.00",
            "GM0014-2026-00001;voorschot;groningen-saw;2026-01;GM0014;GM1966;25XX;01;15;150.00",
        ], journal);
    }

    [Fact]
    public async Task AFundCoveringMoreThanTheGap_IsRefused_AndNothingIsIssued()
    {
        WriteScheme(fund: "1500.00");
        await ImportRegionAsync();
        var settle = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "groningen-saw", "--period", "2026-01"));
        Assert.Equal(1, settle.ExitCode);
        // Assen's 120,000 cents = € 1,200 is the gap; € 1,500 of funds is more.
        Assert.Contains("the gap funds (VSV-middelen € 1500.00) cover more than the gap of 2026 (€ 1200.00)", settle.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Output, "groningen-saw")));
        var history = await _workspace.RunAsync("history", "--scheme", "groningen-saw", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.Contains("0 run(s)", history.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AParticipantNotInTheMunicipalityList_IsRefused()
    {
        WriteScheme(participants: "\"GM0014\", \"GM1966\", \"GM1969\"");
        await ImportRegionAsync();
        var settle = await _workspace.RunAsync(_workspace.With("settle", "--scheme", "groningen-saw", "--period", "2026-01"));
        Assert.Equal(1, settle.ExitCode);
        Assert.Contains("names participant GM1969, not in the database", settle.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinalizeWithUnsettledMonths_ExitsOne_AndReopenWithoutAReason_IsRefused()
    {
        WriteScheme();
        await ImportRegionAsync();
        Assert.Equal(0, (await _workspace.RunAsync(_workspace.With("settle", "--scheme", "groningen-saw", "--period", "2026-01"))).ExitCode);
        // Dated after 2026 has ended, so it is refused for its unsettled months (not for the year not having ended), whatever the real date.
        var finalize = await _workspace.RunAsync(_workspace.With("finalize", "--scheme", "groningen-saw", "--year", "2026", "--invoice-date", "2027-01-15"));
        Assert.Equal(1, finalize.ExitCode);
        Assert.Contains(string.Join(", ", Enumerable.Range(2, 11).Select(m => string.Create(CultureInfo.InvariantCulture, $"2026-{m:00}"))) + " are not settled", finalize.Error, StringComparison.Ordinal);
        // Without --reason: wrong usage (the option is required); with a blank one: refused, nothing changed.
        var reopen = await _workspace.RunAsync("reopen", "--scheme", "groningen-saw", "--year", "2026", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.Equal(2, reopen.ExitCode);
        Assert.Contains("Option '--reason' is required.", reopen.Error, StringComparison.Ordinal);
        var blank = await _workspace.RunAsync("reopen", "--scheme", "groningen-saw", "--year", "2026", "--reason", " ", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.Equal(1, blank.ExitCode);
        Assert.Contains("needs a reason", blank.Error, StringComparison.Ordinal);
        var history = await _workspace.RunAsync("history", "--scheme", "groningen-saw", "--year", "2026", "--db", _workspace.Database, "--schemes", _workspace.Schemes);
        Assert.Contains("1 run(s), 1 invoice(s)", history.Out, StringComparison.Ordinal);
    }
}
