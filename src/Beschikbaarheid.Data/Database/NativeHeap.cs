using System.Runtime.InteropServices;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// Gives the C library's free memory back to the system after a unit of work. SQLite's page cache (16 MB a connection) and
/// the compressor of every workbook are allocated by glibc's malloc, which keeps an arena per thread that allocated and
/// holds on to what is freed there: over the bench's year of a national region, arenas of freed memory grew to about
/// 150 MB beside the managed heap. Elsewhere than glibc there is nothing to call, and nothing is done.
/// </summary>
public static partial class NativeHeap
{
    private static bool _absent = !OperatingSystem.IsLinux();

    /// <returns>Whether the C library was asked to give its free memory back (false where it is not glibc).</returns>
    public static bool Trim()
    {
        if (_absent)
        {
            return false;
        }
        try
        {
            _ = MallocTrim(0);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, as in Alpine images, has no libc.so.6).
            _absent = true;
            return false;
        }
    }

    // glibc by its soname, which a C library of another kind does not have.
    [LibraryImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
