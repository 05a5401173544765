using Beschikbaarheid.Worker.Application;
using Quartz;

namespace Beschikbaarheid.Worker.Jobs;

/// <summary>
/// Settles, for every scheme, every complete month not yet settled, up to <c>Schedule:CatchUpMonths</c> back
/// (normally just the previous month; after downtime or a refused run also the months missed). A thin shell:
/// the work is idempotent per scheme and month (guarded in the database), so a double fire or a misfire replay
/// issues nothing twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MonthlySettlementJob(SettlementService settlements) : IJob
{
    public static readonly JobKey Key = new("monthly-settlement", "settlement");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await settlements.SettleCompleteMonthsAsync($"job {Key}", cancellationToken).ConfigureAwait(false);
}
