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
