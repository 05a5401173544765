namespace Beschikbaarheid.Core.Schemes;

/// <summary>What every invoice of a scheme carries: where to pay, how soon, and the scheme's own VAT statement.</summary>
public sealed record InvoiceTerms(string Iban, int PaymentTermDays, string VatStatement);
