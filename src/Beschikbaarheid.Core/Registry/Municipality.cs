namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// A municipality as the gemeenten file gives it. Everything but code and name is optional master data: the address
/// is printed on invoices when present; the OIN (Organisatie-identificatienummer, 20 digits), the IBAN (checked by
/// <see cref="Registry.Iban"/>), a contact person and an e-mail address are kept for documents finance can book and pay.
/// </summary>
public sealed record Municipality(MunicipalityCode Code, string Name, string? Address = null, string? PostalCode = null, string? City = null)
{
    /// <summary>The Organisatie-identificatienummer: exactly 20 ASCII digits.</summary>
    public string? Oin { get; init; }

    public Iban? Iban { get; init; }

    public string? ContactPerson { get; init; }

    public string? Email { get; init; }
}
