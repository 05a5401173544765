using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>A stored settlement run: what started it and when, and a fingerprint of what it was computed from.</summary>
/// <param name="Period">The month settled; for a year end, December of the year.</param>
/// <param name="Revision">For a year end: the how-manieth of the year (a reopened year is settled again).</param>
public sealed record SettlementRun(
    long Id, string SchemeId, string SchemeName, YearMonth Period, SettlementKind Kind, BasisUnit BasisUnit, DateTimeOffset CreatedAt, string StartedBy,
    string InputFingerprint = "", int Revision = 1)
{
    /// <summary>The agreement the scheme rests on (its file's <c>agreement</c>), as it was when the run was issued.</summary>
    public string? Agreement { get; init; }

    /// <summary>The figures the run's lines were computed from; null for a run stored before they were kept.</summary>
    public RunCalculation? Calculation { get; init; }

    /// <summary>How the run is named in folders and files: the month, or <c>2026-vaststelling</c> (<c>-2</c> after a reopening).</summary>
    public string Label => Kind == SettlementKind.Voorschot
        ? Period.ToString()
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Period.Year}-vaststelling{(Revision > 1 ? $"-{Revision}" : "")}");
}

/// <param name="Period">The month or year the line concerns.</param>
/// <param name="Reference">The invoice(s) a correction or year end refers to.</param>
/// <param name="Annual">For a month's own line: the debtor's annual figure at the location it was computed from (<see cref="SettlementPlan.AnnualShares"/>).</param>
public sealed record InvoiceLine(
    int LineNumber, SchoolLocationId School, decimal Basis, Money Amount, bool Estimated = false,
    SettlementKind Kind = SettlementKind.Voorschot, SettledPeriod? Period = null, string? Reference = null, Money? Annual = null)
{
    /// <summary>The municipality of residence the line concerns when it is not the debtor: one merged into the debtor, its legal successor.</summary>
    public MunicipalityCode? Residence { get; init; }
}

/// <summary>An issued invoice as stored: numbered, dated, never changed afterwards.</summary>
public sealed record IssuedInvoice(
    string Number,
    MunicipalityCode Issuer,
    PartyCode Debtor,
    DateOnly InvoiceDate,
    DateOnly DueDate,
    string Iban,
    string VatStatement,
    IReadOnlyList<InvoiceLine> Lines)
{
    public Money Total => Money.Sum(Lines.Select(l => l.Amount));

    /// <summary>The debtor's own reference for its invoices (the scheme's <c>invoice.debtorReferences</c>), e.g. its purchase order; null when none was given.</summary>
    public string? BuyerReference { get; init; }

    /// <summary>An invoice with a negative total pays back: a credit note.</summary>
    public bool IsCreditNote => Total < Money.Zero;
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
    IReadOnlyDictionary<SchoolLocationId, SchoolLocation> Schools)
{
    /// <summary>For the cashier flow: the run's cashier statement as stored.</summary>
    public CashierStatement? Statement { get; init; }

    /// <summary>For an estimate pool with a recipient: the run's payment to the school board (or reclaim from it) as stored.</summary>
    public SubsidyPayment? Subsidy { get; init; }

    /// <summary>Under the funder flow: what the run recorded for the <see cref="Funder"/>, per location, kind and period; empty otherwise.</summary>
    public IReadOnlyList<Entry> Recorded { get; init; } = [];

    /// <summary>The municipal mergers known when the documents are written, which the allocation sheet names where one applies.</summary>
    public Mergers Mergers { get; init; } = Mergers.None;

    /// <summary>The day the run's documents speak for: its invoice date, or the day it was made when it has no invoices.</summary>
    public DateOnly DocumentDate => Invoices.Count > 0 ? Invoices[0].InvoiceDate : DateOnly.FromDateTime(Run.CreatedAt.UtcDateTime);

    /// <summary>Under the funder flow: the funder, whose <see cref="Recorded"/> cost the journal books (there are no invoices).</summary>
    public MunicipalityCode? Funder { get; init; }

    /// <summary>
    /// A concept (a dry run, or a run prepared for approval): what a run would issue, read back from a transaction that
    /// was rolled back. Its invoices carry <see cref="ConceptNumber"/>s instead of numbers; its documents say CONCEPT and
    /// are never bookable (no e-invoices, no SEPA file, no journal).
    /// </summary>
    public bool IsConcept { get; init; }

    /// <summary>The marker a concept's n-th invoice carries where an issued one has its number.</summary>
    public static string ConceptNumber(int n) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CONCEPT {n}");

    /// <summary>
    /// This settlement as a concept: every invoice's number replaced by <c>CONCEPT n</c> in the order of the numbers
    /// (references to invoices of earlier runs, which are issued, stay), and the run without its id, which was never kept.
    /// </summary>
    public IssuedSettlement AsConcept() => this with
    {
        IsConcept = true,
        Run = Run with { Id = 0 },
        Invoices = Invoices.Select((invoice, i) => invoice with { Number = ConceptNumber(i + 1) }).ToList(),
    };
}
