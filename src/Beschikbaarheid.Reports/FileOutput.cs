namespace Beschikbaarheid.Reports;

/// <summary>
/// Writes an output file so that nobody ever sees half of it: into a temporary file beside it, then moved
/// over the target in one rename. Two workers writing the same run's files at once (two nodes, or a job
/// and a CLI run) each publish a whole file, and the files are the same because both come from the stored run.
/// </summary>
/// <remarks>
/// A run killed while writing leaves its temporary files behind; <see cref="StaleTemporaryFiles"/> removes them
/// from a folder the next run writes to.
/// </remarks>
public static class FileOutput
{
    public static void Publish(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temporary = StaleTemporaryFiles.NameFor(path);
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
