using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>A stored settlement run: what started it and when, and a fingerprint of what it was computed from.</summary>
public sealed record SettlementRun(
    long Id, string SchemeId, string SchemeName, YearMonth Period, SettlementKind Kind, BasisUnit BasisUnit, DateTimeOffset CreatedAt, string StartedBy,
    string InputFingerprint = "");

public sealed record InvoiceLine(int LineNumber, SchoolLocationId School, decimal Basis, Money Amount, bool Estimated = false);

/// <summary>An issued invoice as stored: numbered, dated, never changed afterwards.</summary>
public sealed record IssuedInvoice(
    string Number,
    MunicipalityCode Issuer,
    MunicipalityCode Debtor,
    DateOnly InvoiceDate,
    DateOnly DueDate,
    string Iban,
    string VatStatement,
    IReadOnlyList<InvoiceLine> Lines)
{
    public Money Total => Money.Sum(Lines.Select(l => l.Amount));
}

/// <summary>
/// Everything the workbooks and the journal of one run are written from, read back from the database,
/// so that the files always show what was issued. <see cref="YearToDate"/> sums this and earlier months
/// of the same funding year per municipality.
/// </summary>
public sealed record IssuedSettlement(
    SettlementRun Run,
    IReadOnlyList<IssuedInvoice> Invoices,
    IReadOnlyList<AllocationRow> Allocation,
    IReadOnlyDictionary<MunicipalityCode, Money> YearToDate,
    IReadOnlyList<LocationRow> Locations,
    IReadOnlyList<IndividualCount> Individual,
    IReadOnlyDictionary<MunicipalityCode, Municipality> Municipalities,
    IReadOnlyDictionary<SchoolLocationId, SchoolLocation> Schools);
