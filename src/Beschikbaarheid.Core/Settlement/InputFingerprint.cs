using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// A fingerprint of what a settlement was computed from (audit trail): SHA-256 over the scheme's terms for
/// the year, the period and every input row in a canonical order. The same inputs give the same
/// fingerprint on any machine; any changed row gives another. Client ids enter only hashed.
/// </summary>
public static class InputFingerprint
{
    public static string Of(Scheme scheme, YearMonth period, SettlementInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder();
        var terms = scheme.TermsFor(period.Year);
        text.Append(CultureInfo.InvariantCulture, $"{scheme.Id}|{period}|{terms.Pool}|{terms.Key}|{terms.Flow}|");
        text.AppendJoin(',', terms.Schools.Order()).Append('|').AppendJoin(',', terms.Participants.Order()).Append('\n');
        foreach (var b in inputs.Beschikkingen.OrderBy(b => b.Number, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"B|{b.Number}|{b.Client}|{b.Residence}|{b.School}|{b.Category}|{b.Law}|{b.HoursPerWeek}|{b.Active.Start:yyyy-MM-dd}|{b.Active.End:yyyy-MM-dd}\n");
        }
        foreach (var r in inputs.DrawingRights.OrderBy(r => r.School).ThenBy(r => r.Category, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"R|{r.School}|{r.Category}|{r.Fte}|{r.Budget.Cents}\n");
        }
        foreach (var p in inputs.PupilCounts.OrderBy(p => p.Peildatum).ThenBy(p => p.School).ThenBy(p => p.Residence))
        {
            text.Append(CultureInfo.InvariantCulture, $"P|{p.Peildatum:yyyy-MM-dd}|{p.School}|{p.Residence}|{(p.Count?.ToString(CultureInfo.InvariantCulture) ?? "<5")}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
