using System.Text.RegularExpressions;
using Beschikbaarheid.Data.Database;
using Beschikbaarheid.Data.Tests.Fixtures;
using Dapper;

namespace Beschikbaarheid.Data.Tests.Database;

/// <summary>Migration 0014 puts the grade into the pupil counts' key; the counts stored before keep their values, without grade (0).</summary>
public abstract partial class PupilGradesMigrationTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();

    public ValueTask InitializeAsync() => new(_database.CreateAsync());

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task CountsStoredBefore_KeepTheirValues_WithoutGrade_AndAGradeJoinsTheKey()
    {
        var migrator = new Migrator(_database.Connections);
        await using (var connection = await _database.OpenAsync())
        {
            // The database as 0013 left it, with two counts: one known, one masked.
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)");
            foreach (var migration in migrator.Known.Where(m => m.Version < 14))
            {
                foreach (var batch in GoLine().Split(migration.Sql).Where(b => !string.IsNullOrWhiteSpace(b)))
                {
                    await connection.ExecuteAsync(batch);
                }
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, 'test')", new { migration.Version, migration.Name });
            }
            await connection.ExecuteAsync("INSERT INTO municipalities (code, name) VALUES ('GM0268', 'Nijmegen'), ('GM0209', 'Beuningen')");
            await connection.ExecuteAsync(
                "INSERT INTO school_locations (brin, vestiging, name, board_number, board_name, municipality_code, sector) VALUES ('30AB', '00', 'St. Maarten', '41234', 'SO', 'GM0268', 'SO')");
            await connection.ExecuteAsync(
                "INSERT INTO pupil_counts (peildatum, brin, vestiging, municipality_code, pupils) VALUES ('2025-10-01', '30AB', '00', 'GM0268', 120), ('2025-10-01', '30AB', '00', 'GM0209', NULL)");
        }

        // 0014 and what came after it, nothing before.
        Assert.Equal(migrator.Known.Select(m => m.Version).Where(v => v >= 14), (await migrator.MigrateAsync(TimeProvider.System)).Select(m => m.Version));

        Assert.Equal(2L, await _database.CountAsync("pupil_counts"));
        Assert.Equal(120L, await _database.ScalarAsync<long>("SELECT pupils FROM pupil_counts WHERE municipality_code = 'GM0268' AND grade = 0"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM pupil_counts WHERE municipality_code = 'GM0209' AND grade = 0 AND pupils IS NULL"));
        await using (var connection = await _database.OpenAsync())
        {
            // Another grade of the same count is another key now.
            await connection.ExecuteAsync(
                "INSERT INTO pupil_counts (peildatum, brin, vestiging, municipality_code, pupils, grade) VALUES ('2025-10-01', '30AB', '00', 'GM0268', 12, 6)");
        }
        Assert.Equal(3L, await _database.CountAsync("pupil_counts"));
    }

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}

public sealed class PupilGradesMigrationTestsOnSqlite : PupilGradesMigrationTests<SqliteTestDatabase>;

public sealed class PupilGradesMigrationTestsOnSqlServer : PupilGradesMigrationTests<SqlServerTestDatabase>;

public sealed class PupilGradesMigrationTestsOnPostgreSql : PupilGradesMigrationTests<PostgreSqlTestDatabase>;
