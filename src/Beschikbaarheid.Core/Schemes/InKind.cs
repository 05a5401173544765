using Beschikbaarheid.Core.Arithmetic;

namespace Beschikbaarheid.Core.Schemes;

/// <summary>
/// A school board's contribution in kind in a funding year (the scheme's <c>inKind</c>): teacher hours and what one hour
/// is worth. Not settled: shown in the year overview next to the funder's cost.
/// </summary>
public sealed record InKindContribution(decimal Hours, decimal HourlyValue)
{
    /// <summary>Hours × hourly value in cents, rounded once (half away from zero).</summary>
    public Money Value => Money.RoundHalfAwayFromZero(Hours * HourlyValue * 100m);
}

/// <summary>Which pupils a scheme reaches (its <c>reach</c>): those of one grade (<i>leerjaar</i>).</summary>
public sealed record Reach(int Grade);
