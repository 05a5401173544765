using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Schemes;

/// <summary>Who pays whom.</summary>
public abstract record Flow;

/// <summary>
/// The lead municipality (<i>penvoerder</i>) pays the providers and invoices every other participant
/// for its share; its own share is counted but never invoiced.
/// </summary>
public sealed record LeadFlow(MunicipalityCode Lead) : Flow
{
    /// <summary>Where the share of municipalities that do not take part goes (the file's <c>nonParticipants</c>, default spread).</summary>
    public LeadNonParticipants NonParticipants { get; init; } = LeadNonParticipants.Spread;

    /// <summary>For an estimate pool: the school board the lead pays the subsidy to (advances by the pool's monthly schedule); null when the lead pays outside the engine.</summary>
    public SubsidyRecipient? Recipient { get; init; }
}

/// <summary>The school board that receives a subsidy: its number (5 digits), name and account (checked by ISO 13616, kept without spaces).</summary>
public sealed record SubsidyRecipient(string Board, string Name, string Iban);

/// <summary>
/// No invoices between municipalities; a balance report shows per municipality what the locations on its
/// territory cost against what its residents use, flagged above <paramref name="BalanceThresholdPct"/> percent.
/// </summary>
public sealed record NoneFlow(decimal BalanceThresholdPct) : Flow;

/// <summary>What a scheme does with the share of municipalities that do not take part.</summary>
public enum NonParticipants
{
    /// <summary>Their share is a gap, reported and covered by named other funds.</summary>
    Gap,

    /// <summary>Their share is spread over the participants.</summary>
    Spread,
}

/// <summary>A named fund that covers (part of) the gap, e.g. "VSV-middelen", with its amount per year.</summary>
public sealed record GapFund(string Name, Arithmetic.Money Amount);

/// <summary>
/// The cashier (<i>kassier</i>) invoices every other participant for its contribution, counts its own in
/// the statement, and pays what it collects (plus the funds covering the gap) out to the host municipalities.
/// </summary>
/// <param name="PaymentDay">The day (1–28) of the month after the period on which the cashier's payments are to be executed.</param>
public sealed record CashierFlow(MunicipalityCode Cashier, NonParticipants NonParticipants, IReadOnlyList<GapFund> GapFunds, int PaymentDay = CashierFlow.DefaultPaymentDay) : Flow
{
    public const int DefaultPaymentDay = 15;

    /// <summary>The execution date of a run's payments: <paramref name="paymentDay"/> of the month after <paramref name="period"/>.</summary>
    public static DateOnly ExecutionDate(Periods.YearMonth period, int paymentDay)
    {
        var next = new DateOnly(period.Year, period.Month, 1).AddMonths(1);
        return new DateOnly(next.Year, next.Month, paymentDay);
    }
}

/// <summary>
/// One municipality (a participant) funds the whole pool: no invoices; each month the funder's cost is recorded per
/// location (the key only spreads it over the locations for reporting), e.g. 's-Hertogenbosch's WIsH.
/// </summary>
public sealed record FunderFlow(MunicipalityCode Funder) : Flow;
