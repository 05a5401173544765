using System.Xml.Linq;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Cashier;
using Beschikbaarheid.Reports.Settlement;

namespace Beschikbaarheid.Reports.Tests;

public sealed class SepaCreditTransferTests : IDisposable
{
    private static readonly XNamespace Ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
    private static readonly SchoolLocationId Dukenburg = Id("32EF00");
    private static readonly SchoolLocationId Weurt = Id("33GH00");
    private static readonly SchoolLocationId Groesbeek = Id("34IJ00");
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-sepa-").FullName;

    private static SchoolLocationId Id(string text) => SchoolLocationId.TryParse(text, out var id) ? id : throw new FormatException(text);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// Nijmegen (cashier) pays St. Maarten € 769.56 and De Meander € 100.00 on its own territory (no transfer),
    /// Beuningen's Dukenburg € 500.00 + Weurt € 123.45 = € 623.45, and Berg en Dal's Groesbeek € 10.01.
    /// Paid out in all 769.56 + 100.00 + 623.45 + 10.01 = € 1,503.02; to other municipalities 1,503.02 − 869.56 = € 633.46.
    /// </summary>
    private static IssuedSettlement Settlement()
    {
        var sample = SampleSettlement.Create();
        var schools = new Dictionary<SchoolLocationId, SchoolLocation>(sample.Schools)
        {
            [Dukenburg] = new(Dukenburg, "Dukenburg", "41235", "Stichting", SampleSettlement.Beuningen, Sector.SO),
            [Weurt] = new(Weurt, "Weurt", "41236", "Stichting", SampleSettlement.Beuningen, Sector.SO),
            [Groesbeek] = new(Groesbeek, "Groesbeek", "41237", "Stichting", SampleSettlement.BergEnDal, Sector.SO),
        };
        var municipalities = new Dictionary<MunicipalityCode, Municipality>(sample.Municipalities)
        {
            [SampleSettlement.Beuningen] = new(SampleSettlement.Beuningen, "Beuningen") { Iban = Iban.Parse("NL14BNGH0285001234") },
            [SampleSettlement.BergEnDal] = new(SampleSettlement.BergEnDal, "Berg en Dal") { Iban = Iban.Parse("NL15BNGH0285005678") },
        };
        return sample with
        {
            Schools = schools,
            Municipalities = municipalities,
            Statement = new CashierStatement(
                SampleSettlement.Nijmegen, [(SampleSettlement.Nijmegen, SettlementKind.Voorschot, new Money(150_302))],
                new Dictionary<MunicipalityCode, Money>(), [], Spread: false,
                new Dictionary<SchoolLocationId, Money>
                {
                    [SampleSettlement.StMaarten] = new(76_956), [SampleSettlement.Meander] = new(10_000),
                    [Dukenburg] = new(50_000), [Weurt] = new(12_345), [Groesbeek] = new(1_001),
                }),
        };
    }

    [Fact]
    public void PaymentFile_HasOneTransferPerOtherHost_WithExactTotals()
    {
        var files = SettlementReports.WriteAll(Settlement(), _folder, SampleSettlement.Zone, paymentDay: 20);
        var path = files.Single(f => Path.GetFileName(f) == "betaalbestand-nijmegen-st-maarten-2026-03.xml");
        var document = XDocument.Load(path);
        Assert.Equal(Ns + "Document", document.Root!.Name);
        var header = document.Descendants(Ns + "GrpHdr").Single();
        Assert.Equal("2", header.Element(Ns + "NbOfTxs")!.Value);
        Assert.Equal("633.46", header.Element(Ns + "CtrlSum")!.Value);
        Assert.Equal("Gemeente Nijmegen", header.Element(Ns + "InitgPty")!.Element(Ns + "Nm")!.Value);
        var info = document.Descendants(Ns + "PmtInf").Single();
        Assert.Equal("TRF", info.Element(Ns + "PmtMtd")!.Value);
        Assert.Equal("2", info.Element(Ns + "NbOfTxs")!.Value);
        Assert.Equal("633.46", info.Element(Ns + "CtrlSum")!.Value);
        // Period March 2026, paymentDay 20: executed 20 April 2026.
        Assert.Equal("2026-04-20", info.Element(Ns + "ReqdExctnDt")!.Element(Ns + "Dt")!.Value);
        Assert.Equal("NL12BANK0123456789", info.Element(Ns + "DbtrAcct")!.Descendants(Ns + "IBAN").Single().Value);
        Assert.Equal("SEPA", info.Descendants(Ns + "SvcLvl").Single().Element(Ns + "Cd")!.Value);
        Assert.Equal("NOTPROVIDED", info.Element(Ns + "DbtrAgt")!.Descendants(Ns + "Id").Single().Value);
        Assert.Equal("SLEV", info.Element(Ns + "ChrgBr")!.Value);
        var transfers = info.Elements(Ns + "CdtTrfTxInf")
            .Select(t => (EndToEnd: t.Descendants(Ns + "EndToEndId").Single().Value, Amount: t.Descendants(Ns + "InstdAmt").Single(),
                Name: t.Element(Ns + "Cdtr")!.Element(Ns + "Nm")!.Value, Iban: t.Descendants(Ns + "IBAN").Single().Value))
            .ToList();
        Assert.Equal(
            [("nijmegen-st-maarten-2026-03-GM0209", "623.45", "Gemeente Beuningen", "NL14BNGH0285001234"), ("nijmegen-st-maarten-2026-03-GM1945", "10.01", "Gemeente Berg en Dal", "NL15BNGH0285005678")],
            transfers.Select(t => (t.EndToEnd, t.Amount.Value, t.Name, t.Iban)).ToList());
        Assert.All(transfers, t => Assert.Equal("EUR", t.Amount.Attribute("Ccy")!.Value));
        Assert.Equal(63_346, transfers.Sum(t => (long)(decimal.Parse(t.Amount.Value, System.Globalization.CultureInfo.InvariantCulture) * 100)));
        Assert.All(info.Elements(Ns + "CdtTrfTxInf"), t => Assert.Contains("maart 2026", t.Descendants(Ns + "Ustrd").Single().Value, StringComparison.Ordinal));
    }

    [Fact]
    public void NoPaymentFile_WhenOnlyTheCashierIsPaid()
    {
        var files = SettlementReports.WriteAll(CashierStatementWorkbookTests.WithStatement(), _folder, SampleSettlement.Zone);
        Assert.DoesNotContain(files, f => Path.GetFileName(f).StartsWith("betaalbestand-", StringComparison.Ordinal));
    }

    [Fact]
    public void PaymentOrder_NamesPayeeIbanAmountDatesReferenceAndSignatures()
    {
        var files = SettlementReports.WriteAll(Settlement(), _folder, SampleSettlement.Zone);
        var path = files.Single(f => Path.GetFileName(f) == "betaalopdracht-nijmegen-st-maarten-2026-03-GM0209.xlsx");
        using var workbook = new WorkbookReader(path);
        Assert.Empty(workbook.ValidationErrors());
        var rows = workbook.Cells("Betaalopdracht").GroupBy(c => new string(c.CellReference!.Value!.SkipWhile(char.IsLetter).ToArray()))
            .Select(g => g.Select(WorkbookReader.Text).ToList()).ToList();
        string? ValueOf(string label) => rows.First(r => r[0] == label).ElementAtOrDefault(1);
        Assert.Equal("Gemeente Beuningen (GM0209), gastgemeente", ValueOf("Begunstigde"));
        Assert.Equal("NL14BNGH0285001234", ValueOf("IBAN begunstigde"));
        Assert.Equal("623.45", ValueOf("Bedrag")); // 500.00 + 123.45
        Assert.Equal("15-04-2026", ValueOf("Uitvoeringsdatum")); // default day 15 of the month after March 2026
        Assert.Equal("01-04-2026", ValueOf("Documentdatum")); // the run was made on 1 April 2026
        Assert.Equal("nijmegen-st-maarten-2026-03-GM0209", ValueOf("Betalingskenmerk"));
        Assert.Contains(rows, r => r[0] == "Opgesteld door");
        Assert.Contains(rows, r => r[0] == "Goedgekeurd door");
        Assert.Equal(2, rows.Count(r => r[0] == "Datum"));
    }
}
