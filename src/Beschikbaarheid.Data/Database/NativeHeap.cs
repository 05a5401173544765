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

    public static void Trim()
    {
        if (_absent)
        {
            return;
        }
        try
        {
            _ = MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without it (musl, as in Alpine images).
            _absent = true;
        }
        catch (DllNotFoundException)
        {
            _absent = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
