using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// What a municipality carries in a period: its key figures (children, basis) and amounts. The lead's own
/// row is counted here but never invoiced.
/// </summary>
public sealed record AllocationRow(
    MunicipalityCode Municipality,
    int Children,
    decimal Basis,
    Money Month,
    Money AnnualProjection,
    bool Invoiced,
    bool Estimated = false);

/// <summary>What one school location costs in a period; for a drawing-rights pool also its FTE and annual budget.</summary>
public sealed record LocationRow(SchoolLocationId School, int Children, decimal Basis, Money Month, decimal? Fte = null, Money? AnnualBudget = null, bool Estimated = false);

/// <summary>Children at the scheme's schools in the period who stay on individual beschikkingen, by reason.</summary>
public sealed record IndividualCount(Eligibility Reason, int Children);

/// <param name="Estimated">The basis includes a pupil count masked as &lt;5 and valued by the scheme setting.</param>
/// <param name="Period">The month (or for the year end, the year) the line concerns; null for the plan's own month.</param>
/// <param name="Reference">The invoice(s) a correction or year end refers to.</param>
public sealed record InvoiceLineDraft(
    SchoolLocationId School, decimal Basis, Money Amount, bool Estimated = false,
    SettlementKind Kind = SettlementKind.Voorschot, SettledPeriod? Period = null, string? Reference = null)
{
    /// <summary>The municipality of residence the line concerns when it is not the debtor: one merged into the debtor (<see cref="Successions"/>).</summary>
    public MunicipalityCode? Residence { get; init; }
}

/// <summary>An invoice before it has a number: issuer, debtor and one line per school location.</summary>
public sealed record InvoiceDraft(MunicipalityCode Issuer, PartyCode Debtor, IReadOnlyList<InvoiceLineDraft> Lines)
{
    public Money Total => Money.Sum(Lines.Select(l => l.Amount));
}

/// <summary>
/// The pure result of settling one scheme for one month: nothing is numbered or stored yet.
/// <see cref="Allocation"/> lists every participant, <see cref="Invoices"/> only debtors with something to pay.
/// </summary>
public sealed record SettlementPlan(
    string SchemeId,
    YearMonth Period,
    SettlementKind Kind,
    BasisUnit BasisUnit,
    IReadOnlyList<AllocationRow> Allocation,
    IReadOnlyList<LocationRow> Locations,
    IReadOnlyList<IndividualCount> Individual,
    IReadOnlyList<InvoiceDraft> Invoices)
{
    public bool HasEligibleChildren => Allocation.Any(a => a.Basis > 0);

    /// <summary>Every amount the run attributes, own shares included; the invoices are the part billed to others.</summary>
    public IReadOnlyList<Entry> Entries { get; init; } = [];

    /// <summary>For the cashier flow: the month's gap and cover, which the statement is made of.</summary>
    public CashierMonth? CashierMonth { get; init; }

    /// <summary>For the cashier flow: what was collected, the gap and who covered it, and what is paid to which location.</summary>
    public CashierStatement? Statement { get; init; }

    /// <summary>For a year end after a reopened year: the how-manieth final settlement of the year it is (1 the first).</summary>
    public int Revision { get; init; } = 1;

    /// <summary>
    /// The month's annual figure per municipality and location (e.g. its share of the location's annual budget), which
    /// an invoice line of the month shows beside its amount so that a reader can redo it.
    /// </summary>
    public IReadOnlyDictionary<(PartyCode Municipality, SchoolLocationId School), Money> AnnualShares { get; init; } =
        new Dictionary<(PartyCode, SchoolLocationId), Money>();

    /// <summary>The figures the month was computed from, as documents show them; null where the scheme's terms are to be taken (a year end).</summary>
    public RunCalculation? Calculation { get; init; }

    /// <summary>For an estimate pool with a recipient: what the lead pays the school board in this run, or claims back at the year end.</summary>
    public SubsidyPayment? Subsidy { get; init; }

    /// <summary>The digests of what is settled per month and location once this run is stored (<see cref="SettledDigest"/>), for the months it settles or corrects.</summary>
    public IReadOnlyList<MonthDigests> Digests { get; init; } = [];
}

/// <summary>What the basis of a line counts.</summary>
public enum BasisUnit { ChildDays, Pupils, HoursPerWeek }
