using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Settlement;

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

    public static void Write(IssuedSettlement settlement, IssuedInvoice invoice, string path)
    {
        var document = Build(settlement, invoice);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = true };
        using var writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    public static XDocument Build(IssuedSettlement settlement, IssuedInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(invoice);
        var run = settlement.Run;
        var credit = invoice.IsCreditNote;
        var root = credit ? CreditNoteNs : InvoiceNs;
        // A credit note states what is paid back as positive amounts.
        var sign = credit ? -1 : 1;
        var lines = invoice.Lines.Select(l => (Line: l, Amount: new Money(sign * l.Amount.Cents))).ToList();
        var total = Money.Sum(lines.Select(l => l.Amount));
        var (start, end) = run.Kind == SettlementKind.Voorschot
            ? (run.Period.FirstDay, run.Period.LastDay)
            : (new DateOnly(run.Period.Year, 1, 1), new DateOnly(run.Period.Year, 12, 31));
        var references = References(invoice);
        var seller = Dutch.Municipality(settlement.Municipalities, invoice.Issuer);
        var computation = new InvoiceComputation(settlement, invoice);

        var content = new List<object?>
        {
            new XAttribute(XNamespace.Xmlns + "cac", Cac),
            new XAttribute(XNamespace.Xmlns + "cbc", Cbc),
            Basic("CustomizationID", CustomizationId),
            Basic("ProfileID", ProfileId),
            Basic("ID", invoice.Number),
            Basic("IssueDate", Date(invoice.InvoiceDate)),
            credit ? null : Basic("DueDate", Date(invoice.DueDate)),
            Basic(credit ? "CreditNoteTypeCode" : "InvoiceTypeCode", credit ? "381" : "380"),
            Basic("Note", $"{Dutch.Kind(run.Kind)} {Dutch.Period(run)}, {run.SchemeName} ({run.SchemeId}){(run.Agreement is { } agreement ? $", op grond van {agreement}" : "")}; afrekening {run.Id}."),
            Basic("DocumentCurrencyCode", "EUR"),
            // The debtor's own reference where the scheme gives one (invoice.debtorReferences), else the scheme.
            Basic("BuyerReference", invoice.BuyerReference ?? run.SchemeId),
            Aggregate("InvoicePeriod", Basic("StartDate", Date(start)), Basic("EndDate", Date(end))),
            references.Select(r => Aggregate("BillingReference", Aggregate("InvoiceDocumentReference", Basic("ID", r)))),
            Aggregate("AccountingSupplierParty", Party(settlement, invoice.Issuer, withContact: true)),
            Aggregate("AccountingCustomerParty", Party(settlement, invoice.Debtor, withContact: false)),
            credit
                ? null
                : Aggregate("PaymentMeans",
                    Basic("PaymentMeansCode", "30"),
                    Basic("PaymentID", invoice.Number),
                    // No account name: SI-UBL advises against it (BR-NL-30); the payee is named in the payment terms.
                    Aggregate("PayeeFinancialAccount", Basic("ID", invoice.Iban.Replace(" ", "", StringComparison.Ordinal)))),
            Aggregate("PaymentTerms", Basic("Note", credit
                ? $"Te verrekenen met een volgende factuur van {seller} in deze regeling, anders betaalt {seller} dit bedrag vóór {invoice.DueDate:dd-MM-yyyy} terug met kenmerk {invoice.Number}."
                : $"Betalen vóór {invoice.DueDate:dd-MM-yyyy} op {invoice.Iban} ten name van {seller}, met kenmerk {invoice.Number}.")),
            Aggregate("TaxTotal",
                Amount("TaxAmount", Money.Zero),
                Aggregate("TaxSubtotal",
                    Amount("TaxableAmount", total),
                    Amount("TaxAmount", Money.Zero),
                    Aggregate("TaxCategory", Basic("ID", "O"), Basic("TaxExemptionReason", invoice.VatStatement), VatScheme()))),
            Aggregate("LegalMonetaryTotal",
                Amount("LineExtensionAmount", total),
                Amount("TaxExclusiveAmount", total),
                Amount("TaxInclusiveAmount", total),
                Amount("PayableAmount", total)),
            lines.Select(l => Line(settlement, computation, l.Line, l.Amount, credit)),
        };
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement(root + (credit ? "CreditNote" : "Invoice"), content));
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

    private static XElement Line(IssuedSettlement settlement, InvoiceComputation computation, InvoiceLine line, Money amount, bool credit)
    {
        var run = settlement.Run;
        var period = line.Period ?? SettledPeriod.Of(run.Period);
        var (start, end) = period.Month is { } month
            ? (new DateOnly(period.Year, month, 1), new DateOnly(period.Year, month, DateTime.DaysInMonth(period.Year, month)))
            : (new DateOnly(period.Year, 1, 1), new DateOnly(period.Year, 12, 31));
        var price = Math.Abs(amount.Euros);
        var negative = amount < Money.Zero;
        var baseQuantity = Math.Abs(line.Basis);
        var quantity = baseQuantity == 0 ? (negative ? -1m : 1m) : negative ? -baseQuantity : baseQuantity;
        var school = Dutch.School(settlement.Schools, line.School);
        var name = $"{(school.Length > 0 ? school + " " : "")}({line.School}): {Dutch.Kind(line.Kind).ToLowerInvariant()} {Dutch.Period(period)}";
        var description = string.Join("; ", new[]
        {
            $"grondslag {line.Basis.ToString("0.####", CultureInfo.GetCultureInfo("nl-NL"))} {Dutch.Basis(run.BasisUnit)}",
            line.Kind == SettlementKind.Voorschot ? computation.LineText(line) : null,
            line.Estimated ? "geschat: leerlingental <5 (DUO)" : null,
            line.Reference is null ? null : $"verrekend met {line.Reference}",
        }.Where(t => t is not null));
        return Aggregate(credit ? "CreditNoteLine" : "InvoiceLine",
            Basic("ID", line.LineNumber.ToString(CultureInfo.InvariantCulture)),
            new XElement(Cbc + (credit ? "CreditedQuantity" : "InvoicedQuantity"), new XAttribute("unitCode", UnitCode), Quantity(quantity)),
            Amount("LineExtensionAmount", amount),
            Aggregate("InvoicePeriod", Basic("StartDate", Date(start)), Basic("EndDate", Date(end))),
            Aggregate("Item",
                Basic("Description", description),
                Basic("Name", name),
                Aggregate("SellersItemIdentification", Basic("ID", line.School.ToString())),
                Aggregate("ClassifiedTaxCategory", Basic("ID", "O"), VatScheme())),
            Aggregate("Price",
                new XElement(Cbc + "PriceAmount", new XAttribute("currencyID", "EUR"), price.ToString("0.00", CultureInfo.InvariantCulture)),
                baseQuantity == 0 ? null : new XElement(Cbc + "BaseQuantity", new XAttribute("unitCode", UnitCode), Quantity(baseQuantity))));
    }

    /// <summary>Name, postal address (country NL) and legal name; the OIN as endpoint and legal identifier where known.</summary>
    /// <param name="withContact">The seller's contact (BG-6): whom to ask about the invoice.</param>
    private static IEnumerable<XElement> Party(IssuedSettlement settlement, PartyCode code, bool withContact) =>
        code.Municipality is { } municipality ? Party(settlement, municipality, withContact) : FunderParty(settlement, code);

    /// <summary>
    /// A buyer that is a funder, not a municipality: it has no OIN, so no endpoint and no legal identifier (both optional
    /// in EN 16931); its id identifies it (BT-46, no scheme), with its name (BT-44) and its address line (BT-50) in NL.
    /// </summary>
    private static IEnumerable<XElement> FunderParty(IssuedSettlement settlement, PartyCode code)
    {
        var funder = Settlement.FunderDebtor.Of(settlement, code);
        var name = Settlement.FunderDebtor.Name(settlement, code);
        yield return Aggregate("Party",
            Aggregate("PartyIdentification", Basic("ID", code.Value)),
            Aggregate("PartyName", Basic("Name", name)),
            Aggregate("PostalAddress",
                funder is null ? null : Basic("StreetName", funder.Address),
                Aggregate("Country", Basic("IdentificationCode", "NL"))),
            Aggregate("PartyLegalEntity", Basic("RegistrationName", name)));
    }

    private static IEnumerable<XElement> Party(IssuedSettlement settlement, MunicipalityCode code, bool withContact)
    {
        settlement.Municipalities.TryGetValue(code, out var municipality);
        var name = Dutch.Municipality(settlement.Municipalities, code);
        var oin = Oin(municipality);
        yield return Aggregate("Party",
            oin is null ? null : new XElement(Cbc + "EndpointID", new XAttribute("schemeID", "0190"), oin),
            // The CBS municipality code identifies the party (BT-29/BT-46, no scheme) so that an invoice
            // without OIN still names its seller by an identifier (BR-CO-26).
            Aggregate("PartyIdentification", Basic("ID", code.Value)),
            Aggregate("PartyName", Basic("Name", name)),
            Aggregate("PostalAddress",
                municipality?.Address is { } street ? Basic("StreetName", street) : null,
                Basic("CityName", municipality?.City ?? municipality?.Name ?? code.Value),
                municipality?.PostalCode is { } postalCode ? Basic("PostalZone", postalCode) : null,
                Aggregate("Country", Basic("IdentificationCode", "NL"))),
            Aggregate("PartyLegalEntity",
                Basic("RegistrationName", name),
                oin is null ? null : new XElement(Cbc + "CompanyID", new XAttribute("schemeID", "0190"), oin)),
            withContact && (municipality?.ContactPerson ?? municipality?.Email) is not null
                ? Aggregate("Contact",
                    municipality!.ContactPerson is { } person ? Basic("Name", person) : null,
                    municipality.Email is { } email ? Basic("ElectronicMail", email) : null)
                : null);
    }

    /// <summary>
    /// The municipality's OIN (Organisatie-identificatienummer, 20 digits) from the gemeenten file: its electronic
    /// address and legal identifier (scheme 0190). Without one, no endpoint and no legal identifier are written;
    /// never an invented one.
    /// </summary>
    private static string? Oin(Municipality? municipality) => municipality?.Oin;

    private static XElement VatScheme() => Aggregate("TaxScheme", Basic("ID", "VAT"));

    private static XElement Amount(string name, Money amount) =>
        new(Cbc + name, new XAttribute("currencyID", "EUR"), amount.Euros.ToString("0.00", CultureInfo.InvariantCulture));

    private static string Quantity(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static XElement Basic(string name, object? content) => new(Cbc + name, content);

    private static XElement Aggregate(string name, params object?[] content) => new(Cac + name, content);
}
