using Beschikbaarheid.Data.Database;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Beschikbaarheid.Data.Tests.Database;

/// <summary>
/// SQL Server cannot run here, so its path is checked for syntax by Microsoft's own T-SQL parser (SQL Server 2022,
/// <see cref="TSql160Parser"/>): every migration script as the Migrator reads it, and every statement the data
/// layer sends, as <see cref="DataLayerStatements"/> finds and renders them from the sources.
/// </summary>
public sealed class TSqlSyntaxTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryMigrationScript_ParsesAsTSql()
    {
        var scripts = new Migrator(new ScriptsOnly()).Known;
        Assert.NotEmpty(scripts);
        var failures = scripts.SelectMany(m => Errors(m.Sql).Select(e => $"sql/sqlserver/{m.Name} line {e.Line}, column {e.Column}: {e.Message}")).ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        output.WriteLine($"{scripts.Count} scripts parsed.");
    }

    [Fact]
    public void EveryStatementOfTheDataLayer_ParsesAsTSql()
    {
        var statements = DataLayerStatements.FromSources(DataLayerStatements.SourceFolder());
        var failures = statements.SelectMany(Failures).ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
        output.WriteLine($"{statements.Count} statements parsed:");
        foreach (var statement in statements)
        {
            output.WriteLine($"  {statement.Location}");
        }
    }

    [Fact]
    public void TheCollector_FindsTheStatements_WithTheirHolesRenderedForSqlServer_AndWithoutSqliteOnes()
    {
        var statements = DataLayerStatements.FromSources(DataLayerStatements.SourceFolder());
        Assert.True(statements.Count >= 30, $"only {statements.Count} statements found");
        Assert.Contains(statements, s => s.Sql is { } sql && sql.TrimStart().StartsWith("INSERT INTO invoices", StringComparison.Ordinal));
        // The run's insert reads back its identity through SqlDialect, rendered for SQL Server.
        Assert.Contains(statements, s => s.Sql is { } sql && sql.Contains("INSERT INTO settlement_runs", StringComparison.Ordinal) && sql.Contains("SCOPE_IDENTITY()", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.Sql is { } sql && (sql.Contains("sqlite_master", StringComparison.Ordinal) || sql.Contains("last_insert_rowid", StringComparison.Ordinal)));
        Assert.DoesNotContain(statements, s => s.Sql is { } sql && sql.Contains("IN @", StringComparison.Ordinal));
    }

    [Fact]
    public void ABrokenStatement_IsReported_WithItsLine_WhileSqliteBranchesAreLeftOut()
    {
        const string source = """"
            class Store
            {
                string Exists(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite
                    ? "SELECT COUNT(*) FROM sqlite_master WHERE name = 'x'"
                    : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'x'";
                string Id(DatabaseProvider provider) => provider switch
                {
                    DatabaseProvider.Sqlite => "SELECT last_insert_rowid();",
                    DatabaseProvider.SqlServer => "SELECT CAST(SCOPE_IDENTITY() AS BIGINT);",
                };
                void Run(IConnectionFactory connections)
                {
                    if (connections.Provider != DatabaseProvider.SqlServer) { Execute("INSERT OR IGNORE INTO t (a) VALUES (1)"); }
                    Execute($"""
                        INSERT INTO runs (a) VALUES (@A);
                        {SqlDialect.SelectInsertedId(connections.Provider)}
                        """);
                    Execute("SELECT a FROM t WHERE b IN @Bs");
                    Execute("""
                        SELECT a
                        FROM t
                        WHERE a = = 1
                        """);
                    Execute($"SELECT a FROM {table}");
                    Execute("Update the program first.");
                }
            }
            """";
        var statements = DataLayerStatements.FromSource(source, "Store.cs").ToList();

        Assert.Equal(["Store.cs:5", "Store.cs:9", "Store.cs:14", "Store.cs:18", "Store.cs:19", "Store.cs:24"], statements.Select(s => s.Location));
        Assert.Contains("SCOPE_IDENTITY()", statements[2].Sql, StringComparison.Ordinal);
        Assert.Equal("SELECT a FROM t WHERE b IN (@Bs1, @Bs2)", statements[3].Sql);
        Assert.Contains("{table}", statements[5].Problem, StringComparison.Ordinal);
        var failures = statements.SelectMany(Failures).ToList();
        Assert.Equal(2, failures.Count);
        Assert.StartsWith("Store.cs:19, statement line 3:", failures[0], StringComparison.Ordinal);
        Assert.Contains("WHERE a = = 1", failures[0], StringComparison.Ordinal);
        Assert.StartsWith("Store.cs:24: ", failures[1], StringComparison.Ordinal);
    }

    /// <summary>Why a found statement fails: cannot be rendered, or each parse error with its line.</summary>
    private static IEnumerable<string> Failures(FoundStatement statement)
    {
        if (statement.Sql is null)
        {
            yield return $"{statement.Location}: {statement.Problem}";
            yield break;
        }
        var lines = statement.Sql.Split('\n');
        foreach (var error in Errors(statement.Sql))
        {
            var line = error.Line >= 1 && error.Line <= lines.Length ? lines[error.Line - 1].Trim() : "";
            yield return $"{statement.Location}, statement line {error.Line}: {error.Message}{Environment.NewLine}    {line}{Environment.NewLine}in:{Environment.NewLine}{statement.Sql}";
        }
    }

    private static IList<ParseError> Errors(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors;
    }

    /// <summary>The Migrator reads its embedded T-SQL scripts by provider; nothing is opened.</summary>
    private sealed class ScriptsOnly : IConnectionFactory
    {
        public DatabaseProvider Provider => DatabaseProvider.SqlServer;
        public string Describe() => "SQL Server scripts";
        public Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Only the embedded scripts are read.");
    }
}
