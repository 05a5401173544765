using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// A statement prepared through the SQLite library and held by one reference on its safe handle until disposed, so that the
/// calls of <see cref="SqliteNative"/> may use its pointer (<see cref="Handle"/>) without counting a reference per call.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly bool _referenced;

    public SqliteStatement(sqlite3 database, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, database);
        }
        Wrapped = statement;
        statement.DangerousAddRef(ref _referenced);
        Handle = statement.DangerousGetHandle();
    }

    /// <summary>For the calls made once per statement (binding names, parameter count).</summary>
    public sqlite3_stmt Wrapped { get; }

    public nint Handle { get; }

    public void Dispose()
    {
        if (_referenced)
        {
            Wrapped.DangerousRelease();
        }
        Wrapped.Dispose();
    }
}
