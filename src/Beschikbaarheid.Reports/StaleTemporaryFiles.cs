using System.Globalization;
using System.Text.RegularExpressions;

namespace Beschikbaarheid.Reports;

/// <summary>
/// The temporary files of <see cref="FileOutput.Publish"/>: named <c>&lt;target&gt;.&lt;pid&gt;.&lt;32 hex&gt;.tmp</c>
/// beside their target, where the target is one of the engine's outputs (<c>.xlsx</c>, <c>.csv</c>, or an e-invoice's <c>.xml</c>). A run that is
/// killed between writing and renaming leaves one behind (issue 10, point 7); the next run that writes into the same
/// folder removes it.
/// </summary>
/// <remarks>
/// What counts as left behind, decided so that a file another writer is still busy with is never removed:
/// <list type="bullet">
/// <item>only in the folder the run is about to write into, never below or above it;</item>
/// <item>only names matching the pattern above exactly, so no other program's file (nor an operator's <c>x.tmp</c>) is touched;</item>
/// <item>never one of this process's own (its process id in the name);</item>
/// <item>only when not written to for <see cref="DefaultAge"/> (10 minutes). The age decides, not whether the process
/// in the name still runs: two nodes may share an output folder, and a process id means nothing on the other machine
/// (and is reused on this one). A workbook is written in seconds, so a file untouched for ten minutes is no one's.</item>
/// </list>
/// A file that vanishes or cannot be removed meanwhile (another run removed it first) is skipped.
/// </remarks>
public static partial class StaleTemporaryFiles
{
    public static readonly TimeSpan DefaultAge = TimeSpan.FromMinutes(10);

    /// <summary>The temporary name for writing <paramref name="path"/> in this process.</summary>
    public static string NameFor(string path) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>Removes the engine's temporary files left in <paramref name="folder"/> by earlier runs; returns their paths.</summary>
    /// <param name="olderThan">How long a file must have been left untouched; <see cref="DefaultAge"/> when null.</param>
    /// <param name="now">The current time (UTC); the clock when null.</param>
    public static IReadOnlyList<string> Remove(string folder, TimeSpan? olderThan = null, DateTimeOffset? now = null)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var cutoff = (now ?? DateTimeOffset.UtcNow) - (olderThan ?? DefaultAge);
        var removed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.tmp", SearchOption.TopDirectoryOnly))
        {
            if (Pattern().Match(Path.GetFileName(path)) is not { Success: true } match
                || long.Parse(match.Groups["pid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                if (File.GetLastWriteTimeUtc(path) < cutoff.UtcDateTime)
                {
                    File.Delete(path);
                    removed.Add(path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone or busy: not ours to insist on.
            }
        }
        return removed;
    }

    [GeneratedRegex(@"^.+\.(xlsx|csv|xml)\.(?<pid>[0-9]{1,10})\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
