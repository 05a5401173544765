using System.Runtime.InteropServices;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// The few SQLite calls made with a statement's pointer instead of through SQLitePCL, for the loops that run them per value:
/// SQLitePCL takes the statement as a safe handle and counts a reference up and down around every call; a
/// <see cref="SqliteStatement"/> holds one for the statement's life instead. The calls go to the same <c>e_sqlite3</c>
/// library SQLitePCL loaded (the application resolves the name once).
/// </summary>
internal static partial class SqliteNative
{
    /// <summary>SQLITE_TRANSIENT: SQLite copies a bound value before the call returns, so the caller's buffer may be reused.</summary>
    private static readonly nint Transient = -1;

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_column_blob")]
    public static partial nint ColumnBlob(nint statement, int column);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_column_bytes")]
    public static partial int ColumnBytes(nint statement, int column);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_column_count")]
    public static partial int ColumnCount(nint statement);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_column_type")]
    public static partial int ColumnType(nint statement, int column);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_column_int64")]
    public static partial long ColumnInt64(nint statement, int column);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_column_double")]
    public static partial double ColumnDouble(nint statement, int column);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_reset")]
    public static partial int Reset(nint statement);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_bind_null")]
    public static partial int BindNull(nint statement, int index);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_bind_int64")]
    public static partial int BindInt64(nint statement, int index, long value);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_bind_double")]
    public static partial int BindDouble(nint statement, int index, double value);

    public static unsafe int BindText(nint statement, int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* bytes = utf8)
        {
            // A null pointer would bind NULL: an empty text needs an address, any address.
            var text = bytes is null ? (byte*)&index : bytes;
            return BindText(statement, index, text, utf8.Length, Transient);
        }
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_bind_text")]
    private static unsafe partial int BindText(nint statement, int index, byte* text, int length, nint destructor);
}
