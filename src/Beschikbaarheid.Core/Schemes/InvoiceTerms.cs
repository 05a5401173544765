namespace Beschikbaarheid.Core.Schemes;

/// <summary>What every invoice of a scheme carries: where to pay, how soon, and the scheme's own VAT statement.</summary>
public sealed record InvoiceTerms(string Iban, int PaymentTermDays, string VatStatement)
{
    /// <summary>Per debtor the reference it asked invoices to carry (a purchase order or budget line), printed and sent as the e-invoice's BuyerReference.</summary>
    public IReadOnlyDictionary<Registry.MunicipalityCode, string> DebtorReferences { get; init; } = new Dictionary<Registry.MunicipalityCode, string>();
}
