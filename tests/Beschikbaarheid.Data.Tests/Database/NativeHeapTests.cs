using System.Runtime.InteropServices;
using Beschikbaarheid.Data.Database;

namespace Beschikbaarheid.Data.Tests.Database;

/// <summary>After a unit of work the C library is asked to give its free memory back, wherever that library is glibc.</summary>
public class NativeHeapTests
{
    [Fact]
    public void OnGlibc_TheTrimReachesTheCLibrary_AndElsewhereNothingIsCalled()
    {
        // A portable .NET names a glibc Linux linux-x64 (or -arm64) and a musl one linux-musl-x64.
        var glibc = OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);
        Assert.Equal(glibc, NativeHeap.Trim());
    }
}
