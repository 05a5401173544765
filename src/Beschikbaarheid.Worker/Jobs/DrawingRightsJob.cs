using Beschikbaarheid.Worker.Application;
using Quartz;

namespace Beschikbaarheid.Worker.Jobs;

/// <summary>
/// Computes next year's drawing rights for every drawing-rights scheme, by default on 1 December, so
/// school boards know their FTE before the year starts. Recomputing replaces the stored figures and issues
/// no money, so a double fire is harmless.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DrawingRightsJob(DrawingRightsService drawingRights) : IJob
{
    public static readonly JobKey Key = new("drawing-rights", "drawing-rights");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await drawingRights.ComputeNextYearForAllAsync(cancellationToken).ConfigureAwait(false);
}
