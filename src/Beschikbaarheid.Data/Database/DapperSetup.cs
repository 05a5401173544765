using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Beschikbaarheid.Data.Database;

/// <summary>Reading values whose type depends on the provider; used by Dapper's handlers and by typed readers.</summary>
internal static class DbValues
{
    /// <summary>SQLite keeps dates as ISO-8601 text; SQL Server and Npgsql return DATE as DateTime (Npgsql's typed read as DateOnly).</summary>
    public static DateOnly Date(object value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        string text => IsoDate(text),
        _ => throw new DataException($"Cannot read a date from {value.GetType().Name}."),
    };

    /// <summary>yyyy-MM-dd as the engine writes it; parsed by position because a period's load reads hundreds of thousands.</summary>
    private static DateOnly IsoDate(string text) =>
        text.Length >= 10 && text[4] == '-' && text[7] == '-'
            ? new DateOnly(
                int.Parse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(text.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture))
            : throw new DataException($"'{text}' is not a stored date (yyyy-MM-dd).");

    /// <summary>
    /// SQLite has no decimal type: a NUMERIC column hands back a double or an integer. Only hours and bases
    /// (at most a few decimals) travel this way; money is always integer cents. SQL Server and PostgreSQL hand back
    /// the column's scale (4 as 4.0000): it is dropped, so a value reads, prints and fingerprints the same on every provider.
    /// </summary>
    public static decimal Decimal(object value) => value switch
    {
        decimal d => d / 1.000000000000000000000000000000000m,
        double d => (decimal)d,
        long l => l,
        string s => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture),
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Dialect differences in how dates travel: SQLite keeps ISO-8601 text, SQL Server DATE and
/// DATETIMEOFFSET columns, PostgreSQL DATE and TIMESTAMPTZ (an instant, read back in UTC). Registered once, before the first query.
/// </summary>
internal static class DapperSetup
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new DateOnlyHandler());
            SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
            SqlMapper.AddTypeHandler(new DecimalHandler());
        }
    }

    /// <summary>The value as <see cref="SqlDialect.ParameterValue"/> converts it for the parameter's provider: text on SQLite.</summary>
    private static void Bind(IDbDataParameter parameter, object value, DbType serverType)
    {
        var provider = parameter switch
        {
            SqliteParameter => DatabaseProvider.Sqlite,
            Npgsql.NpgsqlParameter => DatabaseProvider.PostgreSql,
            _ => DatabaseProvider.SqlServer,
        };
        parameter.DbType = provider == DatabaseProvider.Sqlite ? DbType.String : serverType;
        parameter.Value = SqlDialect.ParameterValue(provider, value);
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value) => Bind(parameter, value, DbType.Date);

        public override DateOnly Parse(object value) => DbValues.Date(value);
    }

    private sealed class DecimalHandler : SqlMapper.TypeHandler<decimal>
    {
        public override void SetValue(IDbDataParameter parameter, decimal value)
        {
            parameter.DbType = DbType.Decimal;
            parameter.Value = value;
        }

        public override decimal Parse(object value) => DbValues.Decimal(value);
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => Bind(parameter, value, DbType.DateTimeOffset);

        /// <remarks>Npgsql reads a <c>timestamptz</c> as a UTC DateTime: the instant, at offset zero.</remarks>
        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset offset => offset,
            DateTime { Kind: DateTimeKind.Utc } utc => new DateTimeOffset(utc),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None),
            _ => throw new DataException($"Cannot read a timestamp from {value.GetType().Name}."),
        };
    }
}
