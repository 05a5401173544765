namespace Beschikbaarheid.Data.Database;

/// <summary>The few places where SQLite and T-SQL differ in a query; everything else is written once.</summary>
internal static class SqlDialect
{
    /// <summary>Appended to an INSERT in the same batch to read back the identity it generated.</summary>
    public static string SelectInsertedId(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "SELECT last_insert_rowid();",
        DatabaseProvider.SqlServer => "SELECT CAST(SCOPE_IDENTITY() AS BIGINT);",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// A value as the provider's parameter wants it: SQLite keeps dates as ISO text, SQL Server takes
    /// DATE as DateTime; a missing value is DBNull for both.
    /// </summary>
    public static object ParameterValue(DatabaseProvider provider, object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly date when provider == DatabaseProvider.Sqlite => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset moment when provider == DatabaseProvider.Sqlite => moment.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>A unique-key violation: the guard that stops a second process issuing the same period.</summary>
    /// <remarks>SQLite: SQLITE_CONSTRAINT_UNIQUE (2067) or _PRIMARYKEY (1555). SQL Server: 2627 (unique constraint) or 2601 (unique index).</remarks>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2627 or 2601,
        _ => false,
    };
}
