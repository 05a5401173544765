using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Reports.Cashier;

/// <summary>
/// What the cashier of a run pays to each other host municipality: the sum over the host's locations of the
/// statement's payouts, exact to the cent. The payment orders and the SEPA file are written from it, so they agree.
/// </summary>
/// <param name="PaymentDay">The scheme's <c>flow.paymentDay</c>: the execution date is that day of the month after the period.</param>
/// <param name="Zone">The region's time zone: the document date is the day the run was made there.</param>
public sealed record CashierPayments(IssuedSettlement Settlement, CashierStatement Statement, TimeZoneInfo Zone, int PaymentDay = CashierFlow.DefaultPaymentDay)
{
    public SettlementRun Run => Settlement.Run;

    public DateOnly ExecutionDate => CashierFlow.ExecutionDate(Run.Period, PaymentDay);

    /// <summary>The document date of the payment orders and the SEPA file: the day the run was made, in the region's time zone.</summary>
    public DateOnly DocumentDate => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Run.CreatedAt, Zone).DateTime);

    /// <summary>The locations the statement pays (any amount but zero), per host municipality other than the cashier.</summary>
    public IReadOnlyDictionary<MunicipalityCode, IReadOnlyList<(SchoolLocationId School, Money Amount)>> PerHost =>
        Statement.PaidOut
            .Where(p => p.Value != Money.Zero && Settlement.Schools.TryGetValue(p.Key, out _))
            .Select(p => (Host: Settlement.Schools[p.Key].Municipality, School: p.Key, Amount: p.Value))
            .Where(p => p.Host != Statement.Cashier)
            .GroupBy(p => p.Host)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(SchoolLocationId, Money)>)g.OrderBy(p => p.School).Select(p => (p.School, p.Amount)).ToList());

    /// <summary>The transfers of the SEPA file: per host, the sum of its locations, where that is positive.</summary>
    public IReadOnlyList<(MunicipalityCode Host, Money Amount)> Transfers =>
        PerHost.Select(h => (h.Key, Money.Sum(h.Value.Select(l => l.Amount)))).Where(t => t.Item2 > Money.Zero).ToList();

    /// <summary>The payee's IBAN from the municipality file, or null when the file gives none.</summary>
    public Iban? PayeeIban(MunicipalityCode host) =>
        Settlement.Municipalities.TryGetValue(host, out var m) ? m.Iban : null;

    /// <summary>
    /// The cashier's account: the scheme's invoice IBAN as stored on the run's invoices (the cashier issues them all),
    /// else the cashier's IBAN from the municipality file.
    /// </summary>
    public string? DebtorIban =>
        Settlement.Invoices.FirstOrDefault(i => i.Issuer == Statement.Cashier)?.Iban.Replace(" ", "", StringComparison.Ordinal)
        ?? PayeeIban(Statement.Cashier)?.Value;
}
