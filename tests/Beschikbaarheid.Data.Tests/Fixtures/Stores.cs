using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Settlement;

namespace Beschikbaarheid.Data.Tests.Fixtures;

/// <summary>Issues a plan as a unit of work does: the scheme's lock, the writer, a commit.</summary>
internal static class Stores
{
    public static async Task<long> IssueAsync(
        IConnectionFactory connections, SettlementWriter writer, Scheme scheme, SettlementPlan plan, DateOnly invoiceDate, string startedBy, DateTimeOffset now, string fingerprint)
    {
        await using var session = await new SchemeLocks(connections).AcquireAsync(scheme.Id);
        var runId = await writer.IssueAsync(session, scheme, plan, invoiceDate, startedBy, now, fingerprint);
        await session.CommitAsync();
        return runId;
    }
}

/// <summary>Fails the issuing transaction after its first invoice, as a crash halfway would.</summary>
internal sealed class FailingProbe : IIssueProbe
{
    public void InvoiceWritten(int written) => throw new IOException($"simulated crash after {written} invoice(s)");
}
