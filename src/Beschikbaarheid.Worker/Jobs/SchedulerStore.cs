using Beschikbaarheid.Worker.Application;
using Beschikbaarheid.Worker.Options;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Beschikbaarheid.Worker.Jobs;

/// <summary>
/// Where Quartz keeps its jobs, triggers and fire history: in the engine's own database, its tables created
/// on first start. The embedded SQLite file is one worker's store (SQLite cannot be clustered); on SQL Server
/// and PostgreSQL the workers form a cluster, each with an instance id of its own, so a trigger fires on one node only. The
/// settlement's own unique key guards a month independently of this.
/// </summary>
public static class SchedulerStore
{
    public static void UseEngineStore(this IQuartzBuilder quartz, DatabaseOptions database, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(database);
        // The same checks and messages as the engine's own connections.
        var connections = EngineServices.CreateConnectionFactory(database, connectionString);
        if (connections.Provider == Data.Database.DatabaseProvider.Sqlite)
        {
            var sqlite = new SqliteConnectionStringBuilder { DataSource = connections.Describe(), DefaultTimeout = 30, ForeignKeys = true }.ToString();
            quartz.UsePersistentStore(store =>
            {
                store.UseSqlite(SqliteFactory.Instance, sqlite);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            return;
        }
        // Instance id AUTO: each node generates its own (host name and time), as a cluster requires. In Quartz 4 that is
        // GenerateInstanceId; an InstanceId of "AUTO" is taken literally, so every node shared the id "AUTO" (seen on
        // PostgreSQL: one check-in row for two nodes, each reported as a failed instance of the other).
        quartz.ConfigureScheduler(o =>
        {
            o.InstanceName = "beschikbaarheid";
            o.GenerateInstanceId = true;
        });
        quartz.UsePersistentStore(store =>
        {
            // The same checked connection string, with the same short connect timeout, as the engine's own connections.
            if (connections.Provider == Data.Database.DatabaseProvider.PostgreSql)
            {
                store.UsePostgres(Data.Database.PostgreSqlConnectionFactory.WithDefaults(connectionString!).ConnectionString);
            }
            else
            {
                store.UseSqlServer(SqlClientFactory.Instance, Data.Database.SqlServerConnectionFactory.WithDefaults(connectionString!).ConnectionString);
            }
            // A node that stops checking in is declared failed, and its running job recovered by another node, after
            // about the interval plus the threshold: a few seconds of one small UPDATE per node, for a takeover that
            // does not wait minutes (measured with 20 s and 60 s: 120 s from a SIGKILL to the other node's first month).
            store.UseClustering(c =>
            {
                c.CheckinInterval = TimeSpan.FromSeconds(5);
                c.CheckinMisfireThreshold = TimeSpan.FromSeconds(7.5);
            });
            store.UseSystemTextJsonSerializer();
            store.ProvisionSchema();
        });
        // A node joining the cluster keeps the jobs and triggers already stored instead of replacing them: replacing a
        // trigger another node has scheduled made both nodes fire it (checked on PostgreSQL 15). Quartz honours
        // IgnoreDuplicates only when it is not told to overwrite, so both are set.
        quartz.Services.Configure<QuartzOptions>(o =>
        {
            o.Scheduling.IgnoreDuplicates = true;
            o.Scheduling.OverwriteExistingData = false;
        });
    }
}
