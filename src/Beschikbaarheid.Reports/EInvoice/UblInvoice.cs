using System.Globalization;
using System.Xml.Linq;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Formatting;
using Beschikbaarheid.Reports.Settlement;
using Beschikbaarheid.Reports.Xml;

namespace Beschikbaarheid.Reports.EInvoice;

/// <summary>
/// One issued invoice as an e-invoice: UBL 2.1 <c>Invoice</c> (type 380) or, for a negative total,
/// <c>CreditNote</c> (type 381), following EN 16931 with the Dutch CIUS (SI-UBL 2.0) and the Peppol billing profile.
/// </summary>
/// <remarks>
/// <para>VAT: cost sharing between municipalities is outside the scope of VAT, so every line and the one
/// VAT breakdown have category <c>O</c> with the scheme's VAT statement as exemption reason, no rate and no
/// VAT amount (BR-O-01…14); no VAT identifier of seller or buyer is written (BR-O-02).</para>
/// <para>Quantity and price: the invoiced quantity is the line's basis (child-days or pupils) with unit code
/// <c>C62</c> ("one"): a child-day is a count of children × days, not a length of time, so <c>DAY</c> would say
/// something false. A line's amount is rounded to the cent from the computation, so amount ÷ basis is
/// mostly not a whole number of cents; the price is therefore given for the whole basis: price = |amount|
/// with price base quantity (BT-149) = |basis|, and quantity × price ÷ base quantity is the amount exactly
/// (Peppol R120). The item net price may not be negative (BR-27): a negative line carries a negative quantity.
/// A line without a basis is quantity ±1 at its amount.</para>
/// <para>Credit note: amounts are the negated invoice amounts, so positive; it names the invoices it corrects
/// (<c>BillingReference</c>). It carries no payment means: the only account known is the issuer's own, and a
/// credit transfer to it (code 30, which needs a payee account, BR-61) would tell the debtor to pay; the
/// refund date and reference are payment terms instead (BR-CO-25). SI-UBL asks payment means only for
/// payments from customer to supplier (NL-R-007).</para>
/// </remarks>
public static class UblInvoice
{
    public const string CustomizationId = "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0";
    public const string ProfileId = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    public static readonly XNamespace InvoiceNs = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public static readonly XNamespace CreditNoteNs = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    public static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    public static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    /// <summary>UN/ECE recommendation 20 "one": child-days and pupils are counts.</summary>
    public const string UnitCode = "C62";

    /// <summary>Streams the e-invoice into its file: a national month writes 339 of them, 70,000 lines, without a tree in memory.</summary>
    public static void Write(IssuedSettlement settlement, IssuedInvoice invoice, string path)
    {
        // The writer buffers; the file writes through.
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        using var writer = new Utf8XmlWriter(file, indent: true);
        Write(settlement, invoice, writer);
    }

    /// <summary>The e-invoice as a receiver reads it: its text parsed back.</summary>
    public static XDocument Build(IssuedSettlement settlement, IssuedInvoice invoice)
    {
        using var text = new MemoryStream();
        using (var writer = new Utf8XmlWriter(text, indent: true))
        {
            Write(settlement, invoice, writer);
        }
        text.Position = 0;
        return XDocument.Load(text);
    }

    private static void Write(IssuedSettlement settlement, IssuedInvoice invoice, Utf8XmlWriter w)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(invoice);
        var run = settlement.Run;
        var credit = invoice.IsCreditNote;
        // A credit note states what is paid back as positive amounts.
        var sign = credit ? -1 : 1;
        var total = new Money(sign * Money.Sum(invoice.Lines.Select(l => l.Amount)).Cents);
        var (start, end) = run.Kind == SettlementKind.Voorschot
            ? (run.Period.FirstDay, run.Period.LastDay)
            : (new DateOnly(run.Period.Year, 1, 1), new DateOnly(run.Period.Year, 12, 31));
        var seller = Dutch.Municipality(settlement.Municipalities, invoice.Issuer);
        var computation = new InvoiceComputation(settlement, invoice);

        w.StartDocument();
        w.StartElement(null, credit ? "CreditNote" : "Invoice");
        w.Attribute("xmlns:cac", Cac.NamespaceName);
        w.Attribute("xmlns:cbc", Cbc.NamespaceName);
        w.Attribute("xmlns", (credit ? CreditNoteNs : InvoiceNs).NamespaceName);
        Basic(w, "CustomizationID", CustomizationId);
        Basic(w, "ProfileID", ProfileId);
        Basic(w, "ID", invoice.Number);
        Basic(w, "IssueDate", Date(invoice.InvoiceDate));
        if (!credit)
        {
            Basic(w, "DueDate", Date(invoice.DueDate));
        }
        Basic(w, credit ? "CreditNoteTypeCode" : "InvoiceTypeCode", credit ? "381" : "380");
        Basic(w, "Note", $"{Dutch.Kind(run.Kind)} {Dutch.Period(run)}, {run.SchemeName} ({run.SchemeId}){(run.Agreement is { } agreement ? $", op grond van {agreement}" : "")}; afrekening {run.Id}.");
        Basic(w, "DocumentCurrencyCode", "EUR");
        // The debtor's own reference where the scheme gives one (invoice.debtorReferences), else the scheme.
        Basic(w, "BuyerReference", invoice.BuyerReference ?? run.SchemeId);
        Period(w, start, end);
        foreach (var reference in References(invoice))
        {
            Start(w, "BillingReference");
            Start(w, "InvoiceDocumentReference");
            Basic(w, "ID", reference);
            w.EndElement();
            w.EndElement();
        }
        Start(w, "AccountingSupplierParty");
        Party(w, settlement, invoice.Issuer, withContact: true);
        w.EndElement();
        Start(w, "AccountingCustomerParty");
        Party(w, settlement, invoice.Debtor, withContact: false);
        w.EndElement();
        if (!credit)
        {
            Start(w, "PaymentMeans");
            Basic(w, "PaymentMeansCode", "30");
            Basic(w, "PaymentID", invoice.Number);
            // No account name: SI-UBL advises against it (BR-NL-30); the payee is named in the payment terms.
            Start(w, "PayeeFinancialAccount");
            Basic(w, "ID", invoice.Iban.Replace(" ", "", StringComparison.Ordinal));
            w.EndElement();
            w.EndElement();
        }
        Start(w, "PaymentTerms");
        Basic(w, "Note", credit
            ? $"Te verrekenen met een volgende factuur van {seller} in deze regeling, anders betaalt {seller} dit bedrag vóór {invoice.DueDate:dd-MM-yyyy} terug met kenmerk {invoice.Number}."
            : $"Betalen vóór {invoice.DueDate:dd-MM-yyyy} op {invoice.Iban} ten name van {seller}, met kenmerk {invoice.Number}.");
        w.EndElement();
        Start(w, "TaxTotal");
        Amount(w, "TaxAmount", Money.Zero);
        Start(w, "TaxSubtotal");
        Amount(w, "TaxableAmount", total);
        Amount(w, "TaxAmount", Money.Zero);
        Start(w, "TaxCategory");
        Basic(w, "ID", "O");
        Basic(w, "TaxExemptionReason", invoice.VatStatement);
        VatScheme(w);
        w.EndElement();
        w.EndElement();
        w.EndElement();
        Start(w, "LegalMonetaryTotal");
        Amount(w, "LineExtensionAmount", total);
        Amount(w, "TaxExclusiveAmount", total);
        Amount(w, "TaxInclusiveAmount", total);
        Amount(w, "PayableAmount", total);
        w.EndElement();
        foreach (var line in invoice.Lines)
        {
            Line(w, settlement, computation, line, new Money(sign * line.Amount.Cents), credit);
        }
        w.EndElement();
    }

    /// <summary>The invoices the lines of a correction or year end refer to, each once, in order.</summary>
    public static IReadOnlyList<string> References(IssuedInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.Lines
            .Where(l => l.Reference is not null)
            .SelectMany(l => l.Reference!.Split(Entry.ReferenceSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static void Line(Utf8XmlWriter w, IssuedSettlement settlement, InvoiceComputation computation, InvoiceLine line, Money amount, bool credit)
    {
        var run = settlement.Run;
        var period = line.Period ?? SettledPeriod.Of(run.Period);
        var (start, end) = period.Month is { } month
            ? (new DateOnly(period.Year, month, 1), new DateOnly(period.Year, month, DateTime.DaysInMonth(period.Year, month)))
            : (new DateOnly(period.Year, 1, 1), new DateOnly(period.Year, 12, 31));
        var price = new Money(Math.Abs(amount.Cents));
        var negative = amount < Money.Zero;
        var baseQuantity = Math.Abs(line.Basis);
        var quantity = baseQuantity == 0 ? (negative ? -1m : 1m) : negative ? -baseQuantity : baseQuantity;
        var school = Dutch.School(settlement.Schools, line.School);
        var name = $"{(school.Length > 0 ? school + " " : "")}({line.School}): {Dutch.Kind(line.Kind).ToLowerInvariant()} {Dutch.Period(period)}";
        var description = string.Join("; ", new[]
        {
            $"grondslag {Figures.Plain(line.Basis, Dutch.Culture)} {Dutch.Basis(run.BasisUnit)}",
            line.Kind == SettlementKind.Voorschot ? computation.LineText(line) : null,
            line.Estimated ? "geschat: leerlingental <5 (DUO)" : null,
            line.Reference is null ? null : $"verrekend met {line.Reference}",
        }.Where(t => t is not null));
        Start(w, credit ? "CreditNoteLine" : "InvoiceLine");
        Basic(w, "ID", line.LineNumber.ToString(CultureInfo.InvariantCulture));
        WithUnit(w, credit ? "CreditedQuantity" : "InvoicedQuantity", quantity);
        Amount(w, "LineExtensionAmount", amount);
        Period(w, start, end);
        Start(w, "Item");
        Basic(w, "Description", description);
        Basic(w, "Name", name);
        Start(w, "SellersItemIdentification");
        Basic(w, "ID", line.School.ToString());
        w.EndElement();
        Start(w, "ClassifiedTaxCategory");
        Basic(w, "ID", "O");
        VatScheme(w);
        w.EndElement();
        w.EndElement();
        Start(w, "Price");
        w.StartElement("cbc", "PriceAmount");
        w.Attribute("currencyID", "EUR");
        w.Text(price.ToString());
        w.EndElement();
        if (baseQuantity != 0)
        {
            WithUnit(w, "BaseQuantity", baseQuantity);
        }
        w.EndElement();
        w.EndElement();
    }

    /// <summary>Name, postal address (country NL) and legal name; the OIN as endpoint and legal identifier where known.</summary>
    /// <param name="withContact">The seller's contact (BG-6): whom to ask about the invoice.</param>
    private static void Party(Utf8XmlWriter w, IssuedSettlement settlement, PartyCode code, bool withContact)
    {
        if (code.Municipality is { } municipality)
        {
            Party(w, settlement, municipality, withContact);
        }
        else
        {
            FunderParty(w, settlement, code);
        }
    }

    /// <summary>
    /// A buyer that is a funder, not a municipality: it has no OIN, so no endpoint and no legal identifier (both optional
    /// in EN 16931); its id identifies it (BT-46, no scheme), with its name (BT-44) and its address line (BT-50) in NL.
    /// </summary>
    private static void FunderParty(Utf8XmlWriter w, IssuedSettlement settlement, PartyCode code)
    {
        var funder = Settlement.FunderDebtor.Of(settlement, code);
        var name = Settlement.FunderDebtor.Name(settlement, code);
        Start(w, "Party");
        IdAndName(w, code.Value, name);
        Start(w, "PostalAddress");
        if (funder is not null)
        {
            Basic(w, "StreetName", funder.Address);
        }
        Country(w);
        w.EndElement();
        Start(w, "PartyLegalEntity");
        Basic(w, "RegistrationName", name);
        w.EndElement();
        w.EndElement();
    }

    private static void Party(Utf8XmlWriter w, IssuedSettlement settlement, MunicipalityCode code, bool withContact)
    {
        settlement.Municipalities.TryGetValue(code, out var municipality);
        var name = Dutch.Municipality(settlement.Municipalities, code);
        var oin = Oin(municipality);
        Start(w, "Party");
        if (oin is not null)
        {
            Oin(w, "EndpointID", oin);
        }
        // The CBS municipality code identifies the party (BT-29/BT-46, no scheme) so that an invoice
        // without OIN still names its seller by an identifier (BR-CO-26).
        IdAndName(w, code.Value, name);
        Start(w, "PostalAddress");
        if (municipality?.Address is { } street)
        {
            Basic(w, "StreetName", street);
        }
        Basic(w, "CityName", municipality?.City ?? municipality?.Name ?? code.Value);
        if (municipality?.PostalCode is { } postalCode)
        {
            Basic(w, "PostalZone", postalCode);
        }
        Country(w);
        w.EndElement();
        Start(w, "PartyLegalEntity");
        Basic(w, "RegistrationName", name);
        if (oin is not null)
        {
            Oin(w, "CompanyID", oin);
        }
        w.EndElement();
        if (withContact && (municipality?.ContactPerson ?? municipality?.Email) is not null)
        {
            Start(w, "Contact");
            if (municipality!.ContactPerson is { } person)
            {
                Basic(w, "Name", person);
            }
            if (municipality.Email is { } email)
            {
                Basic(w, "ElectronicMail", email);
            }
            w.EndElement();
        }
        w.EndElement();
    }

    /// <summary>
    /// The municipality's OIN (Organisatie-identificatienummer, 20 digits) from the gemeenten file: its electronic
    /// address and legal identifier (scheme 0190). Without one, no endpoint and no legal identifier are written;
    /// never an invented one.
    /// </summary>
    private static string? Oin(Municipality? municipality) => municipality?.Oin;

    /// <summary>A party's identifier (BT-29/BT-46, no scheme) and name (BT-27/BT-44).</summary>
    private static void IdAndName(Utf8XmlWriter w, string id, string name)
    {
        Start(w, "PartyIdentification");
        Basic(w, "ID", id);
        w.EndElement();
        Start(w, "PartyName");
        Basic(w, "Name", name);
        w.EndElement();
    }

    private static void VatScheme(Utf8XmlWriter w)
    {
        Start(w, "TaxScheme");
        Basic(w, "ID", "VAT");
        w.EndElement();
    }

    private static void Country(Utf8XmlWriter w)
    {
        Start(w, "Country");
        Basic(w, "IdentificationCode", "NL");
        w.EndElement();
    }

    private static void Period(Utf8XmlWriter w, DateOnly start, DateOnly end)
    {
        Start(w, "InvoicePeriod");
        Basic(w, "StartDate", Date(start));
        Basic(w, "EndDate", Date(end));
        w.EndElement();
    }

    private static void Oin(Utf8XmlWriter w, string name, string oin)
    {
        w.StartElement("cbc", name);
        w.Attribute("schemeID", "0190");
        w.Text(oin);
        w.EndElement();
    }

    private static void Amount(Utf8XmlWriter w, string name, Money amount)
    {
        w.StartElement("cbc", name);
        w.Attribute("currencyID", "EUR");
        w.Text(amount.ToString());
        w.EndElement();
    }

    private static void WithUnit(Utf8XmlWriter w, string name, decimal quantity)
    {
        w.StartElement("cbc", name);
        w.Attribute("unitCode", UnitCode);
        w.Text(Figures.Plain(quantity, CultureInfo.InvariantCulture));
        w.EndElement();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Basic(Utf8XmlWriter w, string name, string value) => w.Element("cbc", name, value);

    /// <summary>Opens an aggregate; the caller closes it with <see cref="Utf8XmlWriter.EndElement"/>.</summary>
    private static void Start(Utf8XmlWriter w, string name) => w.StartElement("cac", name);
}
