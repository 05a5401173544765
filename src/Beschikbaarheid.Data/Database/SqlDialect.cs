namespace Beschikbaarheid.Data.Database;

/// <summary>The few places where SQLite, T-SQL and PostgreSQL differ in a query; everything else is written once.</summary>
internal static class SqlDialect
{
    /// <summary>Appended to an INSERT in the same batch to read back the identity it generated.</summary>
    /// <remarks>PostgreSQL: <c>lastval()</c> is the value the session's INSERT just took from the identity's sequence.</remarks>
    public static string SelectInsertedId(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "SELECT last_insert_rowid();",
        DatabaseProvider.SqlServer => "SELECT CAST(SCOPE_IDENTITY() AS BIGINT);",
        DatabaseProvider.PostgreSql => "SELECT lastval();",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>Makes a scheme's lock row when it is missing; run outside the transaction, so a race to make it only ever loses a no-op.</summary>
    public static string EnsureSchemeLockRow(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => """
            INSERT INTO scheme_locks (scheme_id) SELECT @schemeId
            WHERE NOT EXISTS (SELECT 1 FROM scheme_locks WITH (UPDLOCK, HOLDLOCK) WHERE scheme_id = @schemeId)
            """,
        DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql => "INSERT INTO scheme_locks (scheme_id) VALUES (@schemeId) ON CONFLICT (scheme_id) DO NOTHING",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// Takes a scheme's lock in the current transaction, held until it ends. SQLite's BEGIN IMMEDIATE already
    /// holds the file's write lock, so there the statement only checks that the row is there.
    /// </summary>
    public static string LockScheme(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "SELECT scheme_id FROM scheme_locks WHERE scheme_id = @schemeId",
        DatabaseProvider.SqlServer => "SELECT scheme_id FROM scheme_locks WITH (UPDLOCK, HOLDLOCK) WHERE scheme_id = @schemeId",
        DatabaseProvider.PostgreSql => "SELECT scheme_id FROM scheme_locks WHERE scheme_id = @schemeId FOR UPDATE",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// Makes an issuer's number sequence of a year when it is missing, inside the issuing transaction. Two
    /// schemes with one issuer can issue at once (each holds only its own lock): the loser of the race waits
    /// for the winner's commit and then finds the row, on every provider at its default isolation level.
    /// </summary>
    public static string EnsureInvoiceSequence(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => """
            INSERT INTO invoice_sequences (issuer, year, last_number) SELECT @Issuer, @Year, 0
            WHERE NOT EXISTS (SELECT 1 FROM invoice_sequences WITH (UPDLOCK, HOLDLOCK) WHERE issuer = @Issuer AND year = @Year)
            """,
        DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql =>
            "INSERT INTO invoice_sequences (issuer, year, last_number) VALUES (@Issuer, @Year, 0) ON CONFLICT (issuer, year) DO NOTHING",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// A table expression of a scheme's school locations (columns <c>brin</c>, <c>vestiging</c>) from the JSON
    /// parameter <c>@Schools</c> made by <see cref="SchoolsParameter"/>: the list travels with the query, so a
    /// query of one process never sees another's list, and the join stays one set-based query.
    /// </summary>
    public static string SchoolList(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "(SELECT json_extract(value, '$.brin') AS brin, json_extract(value, '$.vestiging') AS vestiging FROM json_each(@Schools))",
        DatabaseProvider.SqlServer => "(SELECT brin, vestiging FROM OPENJSON(@Schools) WITH (brin CHAR(4) '$.brin', vestiging CHAR(2) '$.vestiging'))",
        DatabaseProvider.PostgreSql => "(SELECT brin, vestiging FROM json_to_recordset(CAST(@Schools AS json)) AS s (brin TEXT, vestiging TEXT))",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The value of <c>@Schools</c> for <see cref="SchoolList"/>.</summary>
    public static string SchoolsParameter(IEnumerable<Core.Registry.SchoolLocationId> schools) =>
        System.Text.Json.JsonSerializer.Serialize(schools.Select(s => new Dictionary<string, string> { ["brin"] = s.Brin, ["vestiging"] = s.Vestiging }));

    /// <summary>
    /// A column compared without letting SQLite look it up through an index on it: SQLite plans without table statistics and
    /// takes an equality on an indexed column for selective, so <c>periode = @Month</c> would scan a whole month of lines
    /// once per invoice where the invoice's own lines are the few wanted. SQLite's unary <c>+</c> turns that off; the
    /// servers keep statistics and get the column as it is.
    /// </summary>
    public static string NotIndexed(DatabaseProvider provider, string column) => provider == DatabaseProvider.Sqlite ? "+" + column : column;

    /// <summary>
    /// <c>column IN @parameter</c> for a list: Dapper expands the list into one parameter per value on SQLite and
    /// SQL Server, but hands Npgsql the whole list as one array parameter, which PostgreSQL compares with <c>= ANY</c>.
    /// </summary>
    public static string InList(DatabaseProvider provider, string column, string parameter) =>
        provider == DatabaseProvider.PostgreSql ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    /// <summary>
    /// A value as the provider's parameter wants it: SQLite keeps dates as ISO text, SQL Server takes DATE as
    /// DateTime, Npgsql takes DateOnly as <c>date</c> and writes a <c>timestamptz</c> only from an offset of zero
    /// (the instant is kept, the offset is not); a missing value is DBNull for all.
    /// </summary>
    public static object ParameterValue(DatabaseProvider provider, object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly date when provider == DatabaseProvider.Sqlite => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly date when provider == DatabaseProvider.SqlServer => date.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset moment when provider == DatabaseProvider.Sqlite => moment.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset moment when provider == DatabaseProvider.PostgreSql => moment.ToUniversalTime(),
        _ => value,
    };

    /// <summary>Marks a point in the current transaction that <see cref="RollbackToSavepoint"/> returns to.</summary>
    public static string Savepoint(DatabaseProvider provider, string name) => provider switch
    {
        DatabaseProvider.SqlServer => $"SAVE TRANSACTION {name}",
        DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql => $"SAVEPOINT {name}",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// Undoes everything written since <see cref="Savepoint"/> (rows, and the invoice numbers taken: a sequence row's
    /// update is undone like any other) and goes on in the same transaction, which keeps the scheme's lock.
    /// </summary>
    public static string RollbackToSavepoint(DatabaseProvider provider, string name) => provider switch
    {
        DatabaseProvider.SqlServer => $"ROLLBACK TRANSACTION {name}",
        DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql => $"ROLLBACK TO SAVEPOINT {name}; RELEASE SAVEPOINT {name}",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>A unique-key violation: the guard that stops a second process issuing the same period.</summary>
    /// <remarks>
    /// SQLite: SQLITE_CONSTRAINT_UNIQUE (2067) or _PRIMARYKEY (1555). SQL Server: 2627 (unique constraint) or 2601
    /// (unique index). PostgreSQL: SQLSTATE 23505 unique_violation (constraints and unique indexes alike).
    /// </remarks>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2627 or 2601,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
