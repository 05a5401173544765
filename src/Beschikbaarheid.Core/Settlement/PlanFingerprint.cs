using System.Security.Cryptography;
using System.Text;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// A fingerprint of what a run would bill (four-eyes approval): SHA-256 over the whole plan written out
/// (<see cref="InputFingerprint.Describe"/>: its allocation, locations, every invoice draft with its lines and
/// amounts, every entry, the cashier's month and statement, the calculation and annual shares) and over what the
/// scheme puts on its invoices besides (the invoice terms of the year and the agreement). The same plan gives the
/// same fingerprint in any process; any changed amount, line, debtor or invoice term gives another, whatever changed
/// it: an imported file, a scheme file, or a month settled meanwhile. Not covered: the invoice date and the numbers,
/// which are the approval's own.
/// </summary>
public static class PlanFingerprint
{
    public static string Of(Scheme scheme, SettlementPlan plan)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(plan);
        var terms = scheme.TermsFor(plan.Period.Year);
        var text = new StringBuilder()
            .Append(scheme.Id).Append('|').Append(scheme.Agreement ?? "").Append('|')
            .Append(InputFingerprint.Describe(terms.Invoice)).Append('\n')
            .Append(InputFingerprint.Describe(plan));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
