using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>
/// Turns a run's entries into invoices by the flow: the lead or the cashier invoices every other
/// municipality, one invoice per debtor per run with a line per location and period; its own share stays
/// home. The <c>none</c> and <c>funder</c> flows invoice nothing.
/// </summary>
public static class Invoicing
{
    public static MunicipalityCode? IssuerOf(Flow flow) => flow switch
    {
        LeadFlow lead => lead.Lead,
        CashierFlow cashier => cashier.Cashier,
        _ => null,
    };

    public static bool IsInvoiced(Flow flow, MunicipalityCode municipality) =>
        IssuerOf(flow) is { } issuer && issuer != municipality;

    /// <param name="addressee">Who is addressed for a municipality (and who issues for the issuer): after a merger its successor
    /// (<see cref="Successions.Readdressed"/>); a line of another municipality than its invoice's debtor names it as its residence.</param>
    public static IReadOnlyList<InvoiceDraft> Drafts(Scheme scheme, Flow flow, IEnumerable<Entry> entries, Func<MunicipalityCode, MunicipalityCode>? addressee = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(flow);
        if (SupportedSchemes.TypeOf(flow) is null)
        {
            throw new NotSupportedException($"Scheme {scheme.Id}: a {flow.GetType().Name} flow is not supported (supported: {SupportedSchemes.Describe()}); nothing issued.");
        }
        if (IssuerOf(flow) is not { } own)
        {
            return [];
        }
        // A funder is never merged: only a municipality is readdressed.
        PartyCode to(PartyCode party) => addressee is null || party.Municipality is not { } municipality ? party : addressee(municipality);
        var issuer = addressee?.Invoke(own) ?? own;
        return entries
            .Where(e => to(e.Municipality) != issuer && e.Amount != Arithmetic.Money.Zero)
            .GroupBy(e => to(e.Municipality))
            .OrderBy(g => g.Key)
            .Select(g => new InvoiceDraft(
                issuer,
                g.Key,
                g.OrderBy(e => e.Kind).ThenBy(e => e.Period).ThenBy(e => e.School).ThenBy(e => e.Municipality)
                    .Select(e => new InvoiceLineDraft(e.School, e.Basis, e.Amount, e.Estimated, e.Kind, e.Period, e.Reference)
                    {
                        Residence = e.Municipality == g.Key ? null : e.Municipality.Municipality,
                    })
                    .ToList()))
            .ToList();
    }
}
