namespace Beschikbaarheid.Core.Registry;

/// <summary>A municipality as the gemeenten file gives it; the address is optional and printed on invoices when present.</summary>
public sealed record Municipality(MunicipalityCode Code, string Name, string? Address = null, string? PostalCode = null, string? City = null);
