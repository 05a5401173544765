using Beschikbaarheid.Worker.Jobs;
using Beschikbaarheid.Worker.Options;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Beschikbaarheid.Worker.Tests.Jobs;

/// <summary>Quartz's SQL Server store on the SqlClient the worker ships, checked without a server.</summary>
public sealed class SchedulerStoreTests
{
    [Fact(Timeout = 60_000)]
    public async Task TheSqlServerStore_GoesToTheServerThroughSqlClient()
    {
        // Nothing listens on loopback port 1 (as in ProductionTests): if Quartz's SQL Server provider can use this SqlClient, starting the
        // clustered scheduler ends in SqlClient's own refusal, not in a type or method Quartz cannot find.
        var services = new ServiceCollection().AddLogging();
        services.AddQuartz(q => q.UseEngineStore(new DatabaseOptions { Provider = "sqlserver" },
            "Server=tcp:127.0.0.1,1;Database=b;User Id=sa;Password=x;Connect Timeout=1"));
        await using var provider = services.BuildServiceProvider();
        var error = await Record.ExceptionAsync(async () =>
        {
            var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
            try
            {
                await scheduler.Start(TestContext.Current.CancellationToken);
            }
            finally
            {
                await scheduler.Shutdown(waitForJobsToComplete: false, TestContext.Current.CancellationToken);
            }
        });
        Assert.NotNull(error);
        var causes = new List<Exception>();
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            causes.Add(cause);
        }
        Assert.True(causes.OfType<SqlException>().Any(), error.ToString());
    }
}
