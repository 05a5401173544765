using System.Globalization;
using System.Xml.Linq;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.EInvoice;
using Beschikbaarheid.Reports.Settlement;

namespace Beschikbaarheid.Reports.Tests;

/// <summary>
/// The e-invoices read back as XML and checked against the EN 16931 rules they rely on, with numbers worked by hand
/// from <see cref="SampleSettlement"/>: invoice 00001 is 1,582.19 + 188.36 = 1,770.55 to Beuningen.
/// </summary>
public sealed class UblInvoiceTests : IDisposable
{
    private static readonly XNamespace Cac = UblInvoice.Cac;
    private static readonly XNamespace Cbc = UblInvoice.Cbc;
    private readonly string _folder = Directory.CreateTempSubdirectory("beschikbaarheid-ubl-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static XElement Invoice(IssuedSettlement settlement, int index = 0)
    {
        // Through text and back, as a receiver reads it.
        var text = UblInvoice.Build(settlement, settlement.Invoices[index]).ToString();
        return XDocument.Parse(text).Root!;
    }

    private static decimal Number(XElement element) => decimal.Parse(element.Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static string Value(XElement parent, params XName[] path) =>
        path.Aggregate(parent, (e, name) => e.Element(name) ?? throw new InvalidOperationException($"{name} missing under {e.Name}")).Value;

    [Fact]
    public void Invoice_NamesTheDutchCiusThePeppolProfileAndTheMonth()
    {
        var invoice = Invoice(SampleSettlement.Create());
        Assert.Equal(UblInvoice.InvoiceNs + "Invoice", invoice.Name);
        Assert.Equal("urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0", Value(invoice, Cbc + "CustomizationID"));
        Assert.Equal("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0", Value(invoice, Cbc + "ProfileID"));
        Assert.Equal("GM0268-2026-00001", Value(invoice, Cbc + "ID"));
        Assert.Equal("2026-04-01", Value(invoice, Cbc + "IssueDate"));
        Assert.Equal("2026-05-01", Value(invoice, Cbc + "DueDate"));
        Assert.Equal("380", Value(invoice, Cbc + "InvoiceTypeCode"));
        Assert.Equal("EUR", Value(invoice, Cbc + "DocumentCurrencyCode"));
        Assert.Equal("nijmegen-st-maarten", Value(invoice, Cbc + "BuyerReference"));
        Assert.Equal("2026-03-01", Value(invoice, Cac + "InvoicePeriod", Cbc + "StartDate"));
        Assert.Equal("2026-03-31", Value(invoice, Cac + "InvoicePeriod", Cbc + "EndDate"));
    }

    [Fact]
    public void Totals_AddUpToTheCent_FromLinesToAmountDue()
    {
        var invoice = Invoice(SampleSettlement.Create());
        var lines = invoice.Elements(Cac + "InvoiceLine").ToList();
        // BR-16: at least one line; here one per school location.
        Assert.Equal(2, lines.Count);
        Assert.Equal([1582.19m, 188.36m], lines.Select(l => Number(l.Element(Cbc + "LineExtensionAmount")!)));
        var totals = invoice.Element(Cac + "LegalMonetaryTotal")!;
        var taxTotal = invoice.Element(Cac + "TaxTotal")!;
        // BR-CO-10: Σ line net amounts = 1,582.19 + 188.36 = 1,770.55.
        Assert.Equal(1770.55m, Number(totals.Element(Cbc + "LineExtensionAmount")!));
        // BR-CO-13: without allowances or charges the amount without VAT is the line total.
        Assert.Equal(1770.55m, Number(totals.Element(Cbc + "TaxExclusiveAmount")!));
        // BR-CO-15: with VAT = without VAT + VAT 0.00.
        Assert.Equal(0m, Number(taxTotal.Element(Cbc + "TaxAmount")!));
        Assert.Equal(1770.55m, Number(totals.Element(Cbc + "TaxInclusiveAmount")!));
        // BR-CO-16: nothing prepaid, no rounding: due = with VAT; and equal to the workbook's and journal's total.
        Assert.Equal(1770.55m, Number(totals.Element(Cbc + "PayableAmount")!));
        Assert.Equal(SampleSettlement.Create().Invoices[0].Total.Euros, Number(totals.Element(Cbc + "PayableAmount")!));
        Assert.All(invoice.Descendants().Where(e => e.Attribute("currencyID") is not null), e =>
        {
            Assert.Equal("EUR", e.Attribute("currencyID")!.Value);
            Assert.Matches(@"^-?\d+\.\d\d$", e.Value);
        });
    }

    [Fact]
    public void Lines_CountTheBasis_AndPriceTheWholeBasisSoQuantityTimesPriceIsTheAmount()
    {
        var line = Invoice(SampleSettlement.Create()).Elements(Cac + "InvoiceLine").First();
        Assert.Equal("1", Value(line, Cbc + "ID"));
        var quantity = line.Element(Cbc + "InvoicedQuantity")!;
        // 42 child-days, a count: unit "one".
        Assert.Equal("C62", quantity.Attribute("unitCode")!.Value);
        Assert.Equal(42m, Number(quantity));
        // 1,582.19 for 42 child-days: 42 × 1,582.19 / 42 = 1,582.19 exactly, where 1,582.19 / 42 = 37.671… is no price in cents.
        Assert.Equal(1582.19m, Number(line.Element(Cac + "Price")!.Element(Cbc + "PriceAmount")!));
        Assert.Equal(42m, Number(line.Element(Cac + "Price")!.Element(Cbc + "BaseQuantity")!));
        var name = Value(line, Cac + "Item", Cbc + "Name");
        Assert.Contains("St. Maartenschool", name, StringComparison.Ordinal);
        Assert.Contains("voorschot maart 2026", name, StringComparison.Ordinal);
        Assert.Contains("42 kinddagen", Value(line, Cac + "Item", Cbc + "Description"), StringComparison.Ordinal);
        // The computation a reader can redo: 42 × 13,750.00 / 365 = 1,582.19 (5.5 h × € 62.50 × 40 weeks = € 13,750.00 a year).
        Assert.Contains("42 × € 13.750,00 ÷ 365", Value(line, Cac + "Item", Cbc + "Description"), StringComparison.Ordinal);
    }

    [Fact]
    public void BuyerReference_IsTheDebtorsReferenceFromTheScheme_WhereItGivesOne()
    {
        var settlement = SampleSettlement.Create();
        settlement = settlement with { Invoices = [settlement.Invoices[0] with { BuyerReference = "PO-2026-118" }, settlement.Invoices[1]] };
        Assert.Equal("PO-2026-118", Value(Invoice(settlement, 0), Cbc + "BuyerReference"));
        // Berg en Dal gave none: the scheme's id.
        Assert.Equal("nijmegen-st-maarten", Value(Invoice(settlement, 1), Cbc + "BuyerReference"));
    }

    [Fact]
    public void Seller_CarriesItsContact_WhereTheMunicipalityFileGivesOne()
    {
        var settlement = SampleSettlement.Create();
        var nijmegen = settlement.Municipalities[SampleSettlement.Nijmegen] with { ContactPerson = "Team Financiën", Email = "financien@nijmegen.example" };
        settlement = settlement with { Municipalities = new Dictionary<MunicipalityCode, Municipality>(settlement.Municipalities) { [SampleSettlement.Nijmegen] = nijmegen } };
        var party = Invoice(settlement).Element(Cac + "AccountingSupplierParty")!.Element(Cac + "Party")!;
        Assert.Equal("Team Financiën", Value(party, Cac + "Contact", Cbc + "Name"));
        Assert.Equal("financien@nijmegen.example", Value(party, Cac + "Contact", Cbc + "ElectronicMail"));
        // The buyer's contact is not the seller's to state.
        Assert.Null(Invoice(settlement).Element(Cac + "AccountingCustomerParty")!.Element(Cac + "Party")!.Element(Cac + "Contact"));
    }

    [Fact]
    public void ACorrectionLine_KeepsItsPricePositive_AndCarriesTheNegativeQuantity()
    {
        var settlement = SampleSettlement.Create();
        var withCorrection = settlement with
        {
            Invoices =
            [
                settlement.Invoices[0] with
                {
                    Lines = [.. settlement.Invoices[0].Lines, new InvoiceLine(3, SampleSettlement.StMaarten, 28m, new Money(-4_000), Kind: SettlementKind.Correctie,
                        Period: SettledPeriod.Of(new YearMonth(2026, 2)), Reference: "GM0268-2026-00000")],
                },
            ],
        };
        var invoice = Invoice(withCorrection);
        var line = invoice.Elements(Cac + "InvoiceLine").Last();
        // BR-27: the net price is never negative; −28 × 40.00 / 28 = −40.00.
        Assert.Equal(-40m, Number(line.Element(Cbc + "LineExtensionAmount")!));
        Assert.Equal(-28m, Number(line.Element(Cbc + "InvoicedQuantity")!));
        Assert.Equal(40m, Number(line.Element(Cac + "Price")!.Element(Cbc + "PriceAmount")!));
        Assert.Equal("2026-02-01", Value(line, Cac + "InvoicePeriod", Cbc + "StartDate"));
        Assert.Contains("correctie februari 2026", Value(line, Cac + "Item", Cbc + "Name"), StringComparison.Ordinal);
        // 1,770.55 − 40.00 = 1,730.55, still an invoice; it names the invoice it corrects.
        Assert.Equal(1730.55m, Number(invoice.Element(Cac + "LegalMonetaryTotal")!.Element(Cbc + "PayableAmount")!));
        Assert.Equal(["GM0268-2026-00000"], invoice.Elements(Cac + "BillingReference").Select(r => Value(r, Cac + "InvoiceDocumentReference", Cbc + "ID")));
    }

    [Fact]
    public void Vat_IsCategoryOutsideTheScope_WithTheSchemesStatement_AndNoAmountRateOrVatNumber()
    {
        var invoice = Invoice(SampleSettlement.Create());
        var subtotal = Assert.Single(invoice.Element(Cac + "TaxTotal")!.Elements(Cac + "TaxSubtotal"));
        // BR-O-08: taxable amount = Σ lines of category O; BR-O-09: VAT 0; BR-O-10: an exemption reason.
        Assert.Equal(1770.55m, Number(subtotal.Element(Cbc + "TaxableAmount")!));
        Assert.Equal(0m, Number(subtotal.Element(Cbc + "TaxAmount")!));
        var category = subtotal.Element(Cac + "TaxCategory")!;
        Assert.Equal("O", Value(category, Cbc + "ID"));
        Assert.Equal("Geen btw: kostendeling tussen gemeenten", Value(category, Cbc + "TaxExemptionReason"));
        Assert.Equal("VAT", Value(category, Cac + "TaxScheme", Cbc + "ID"));
        // BR-O-12 and BR-O-05: every line is O, without a rate.
        Assert.All(invoice.Elements(Cac + "InvoiceLine"), l =>
        {
            var lineCategory = l.Element(Cac + "Item")!.Element(Cac + "ClassifiedTaxCategory")!;
            Assert.Equal("O", Value(lineCategory, Cbc + "ID"));
            Assert.Null(lineCategory.Element(Cbc + "Percent"));
        });
        Assert.Empty(invoice.Descendants(Cbc + "Percent"));
        // BR-O-02: no VAT identifier of seller or buyer.
        Assert.Empty(invoice.Descendants(Cac + "PartyTaxScheme"));
    }

    [Fact]
    public void Payment_IsACreditTransferToTheSchemesIban_WithTheInvoiceNumberAsReference()
    {
        var means = Assert.Single(Invoice(SampleSettlement.Create()).Elements(Cac + "PaymentMeans"));
        Assert.Equal("30", Value(means, Cbc + "PaymentMeansCode"));
        Assert.Equal("GM0268-2026-00001", Value(means, Cbc + "PaymentID"));
        // BR-50/BR-61: a credit transfer names the account.
        Assert.Equal("NL12BANK0123456789", Value(means, Cac + "PayeeFinancialAccount", Cbc + "ID"));
    }

    [Fact]
    public void SellerAndBuyer_HaveNameAddressAndCountryNL_AndNoInventedOin()
    {
        var invoice = Invoice(SampleSettlement.Create());
        var seller = invoice.Element(Cac + "AccountingSupplierParty")!.Element(Cac + "Party")!;
        Assert.Equal("Gemeente Nijmegen", Value(seller, Cac + "PartyName", Cbc + "Name"));
        Assert.Equal("Gemeente Nijmegen", Value(seller, Cac + "PartyLegalEntity", Cbc + "RegistrationName"));
        Assert.Equal("Korte Nieuwstraat 6", Value(seller, Cac + "PostalAddress", Cbc + "StreetName"));
        Assert.Equal("Nijmegen", Value(seller, Cac + "PostalAddress", Cbc + "CityName"));
        Assert.Equal("6511 PP", Value(seller, Cac + "PostalAddress", Cbc + "PostalZone"));
        Assert.Equal("NL", Value(seller, Cac + "PostalAddress", Cac + "Country", Cbc + "IdentificationCode"));
        // BR-CO-26: the seller is identified, by its CBS code.
        Assert.Equal("GM0268", Value(seller, Cac + "PartyIdentification", Cbc + "ID"));
        var buyer = invoice.Element(Cac + "AccountingCustomerParty")!.Element(Cac + "Party")!;
        Assert.Equal("Gemeente Beuningen", Value(buyer, Cac + "PartyName", Cbc + "Name"));
        // Beuningen has no address in the sample: its name is the city, so the address (BR-10/BR-11) has a place.
        Assert.Equal("Beuningen", Value(buyer, Cac + "PostalAddress", Cbc + "CityName"));
        Assert.Null(buyer.Element(Cac + "PostalAddress")!.Element(Cbc + "StreetName"));
        Assert.Equal("NL", Value(buyer, Cac + "PostalAddress", Cac + "Country", Cbc + "IdentificationCode"));
        // Without an OIN in the municipality data, no endpoint is written.
        Assert.Empty(invoice.Descendants(Cbc + "EndpointID"));
        Assert.Empty(invoice.Descendants(Cbc + "CompanyID"));
    }

    [Fact]
    public void AnOinInTheMunicipalityFile_IsTheEndpointAndLegalIdentifier_Scheme0190()
    {
        var sample = SampleSettlement.Create();
        var oin = "00000001001589176000"; // 20 digits, as the gemeenten file's oin column holds it
        var municipalities = sample.Municipalities.ToDictionary(m => m.Key, m => m.Key == SampleSettlement.Nijmegen ? m.Value with { Oin = oin } : m.Value);
        var invoice = Invoice(sample with { Municipalities = municipalities });
        var seller = invoice.Element(Cac + "AccountingSupplierParty")!.Element(Cac + "Party")!;
        Assert.Equal(("0190", oin), (seller.Element(Cbc + "EndpointID")!.Attribute("schemeID")!.Value, seller.Element(Cbc + "EndpointID")!.Value));
        Assert.Equal(oin, Value(seller, Cac + "PartyLegalEntity", Cbc + "CompanyID"));
        // Beuningen has none: its party gets no endpoint.
        Assert.Null(invoice.Element(Cac + "AccountingCustomerParty")!.Element(Cac + "Party")!.Element(Cbc + "EndpointID"));
    }

    /// <summary>A year end of 2026 that pays Beuningen back 123.45 + 10.05 = 133.50, correcting invoices 00001 and 00005.</summary>
    internal static IssuedSettlement YearEndCredit()
    {
        var settlement = SampleSettlement.Create();
        var year = SettledPeriod.WholeYear(2026);
        return settlement with
        {
            Run = settlement.Run with { Period = new YearMonth(2026, 12), Kind = SettlementKind.Vaststelling },
            Invoices =
            [
                new IssuedInvoice("GM0268-2027-00003", SampleSettlement.Nijmegen, SampleSettlement.Beuningen, new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 31),
                    "NL12BANK0123456789", "Geen btw: kostendeling tussen gemeenten",
                [
                    new InvoiceLine(1, SampleSettlement.StMaarten, 420m, new Money(-12_345), Kind: SettlementKind.Creditnota, Period: year,
                        Reference: "GM0268-2026-00001, GM0268-2026-00005"),
                    new InvoiceLine(2, SampleSettlement.Meander, 50m, new Money(-1_005), Kind: SettlementKind.Creditnota, Period: year,
                        Reference: "GM0268-2026-00001"),
                ]),
            ],
        };
    }

    [Fact]
    public void CreditNote_HasPositiveAmounts_AndNamesTheInvoicesItCorrects()
    {
        var note = Invoice(YearEndCredit());
        Assert.Equal(UblInvoice.CreditNoteNs + "CreditNote", note.Name);
        Assert.Equal("381", Value(note, Cbc + "CreditNoteTypeCode"));
        Assert.Equal("GM0268-2027-00003", Value(note, Cbc + "ID"));
        Assert.Equal("2026-01-01", Value(note, Cac + "InvoicePeriod", Cbc + "StartDate"));
        Assert.Equal("2026-12-31", Value(note, Cac + "InvoicePeriod", Cbc + "EndDate"));
        Assert.Equal(
            ["GM0268-2026-00001", "GM0268-2026-00005"],
            note.Elements(Cac + "BillingReference").Select(r => Value(r, Cac + "InvoiceDocumentReference", Cbc + "ID")));
        var lines = note.Elements(Cac + "CreditNoteLine").ToList();
        Assert.Equal([123.45m, 10.05m], lines.Select(l => Number(l.Element(Cbc + "LineExtensionAmount")!)));
        Assert.Equal([420m, 50m], lines.Select(l => Number(l.Element(Cbc + "CreditedQuantity")!)));
        var totals = note.Element(Cac + "LegalMonetaryTotal")!;
        foreach (var name in new[] { "LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount" })
        {
            Assert.Equal(133.50m, Number(totals.Element(Cbc + name)!));
        }
        Assert.Equal(133.50m, Number(note.Element(Cac + "TaxTotal")!.Element(Cac + "TaxSubtotal")!.Element(Cbc + "TaxableAmount")!));
        // A credit note has no DueDate element in UBL 2.1, and no credit transfer to the issuer's own account:
        // the refund date and reference are its payment terms (BR-CO-25).
        Assert.Null(note.Element(Cbc + "DueDate"));
        Assert.Empty(note.Elements(Cac + "PaymentMeans"));
        var terms = Value(note, Cac + "PaymentTerms", Cbc + "Note");
        Assert.Contains("31-03-2027", terms, StringComparison.Ordinal);
        Assert.Contains("GM0268-2027-00003", terms, StringComparison.Ordinal);
    }

    [Fact]
    public void EInvoices_AreWrittenBesideTheirWorkbooks_AsUtf8WithoutByteOrderMark()
    {
        var files = SettlementReports.WriteAll(YearEndCredit(), _folder, SampleSettlement.Zone);
        var folder = Path.Combine(_folder, "nijmegen-st-maarten", "2026-vaststelling");
        Assert.Contains(Path.Combine(folder, "creditnota-GM0268-2027-00003.xlsx"), files);
        var xml = Path.Combine(folder, "creditnota-GM0268-2027-00003.xml");
        Assert.Contains(xml, files);
        var bytes = File.ReadAllBytes(xml);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("GM0268-2027-00003", XDocument.Load(xml).Root!.Element(Cbc + "ID")!.Value);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }
}
