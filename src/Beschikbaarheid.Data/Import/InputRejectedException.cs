namespace Beschikbaarheid.Data.Import;

/// <summary>One reason a row of an input file was refused: file, line (1 = header) and why.</summary>
public sealed record RowError(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}, line {Line}: {Reason}";
}

/// <summary>A file was refused as a whole; <see cref="Errors"/> names every bad row. Nothing of the file was imported.</summary>
public sealed class InputRejectedException : Exception
{
    public InputRejectedException(string file, IReadOnlyList<RowError> errors)
        : base($"{file}: {errors.Count} bad row(s), nothing imported.{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
    {
        File = file;
        Errors = errors;
    }

    /// <summary>A file refused as a whole before any row was read, e.g. one that does not exist: the reason, without rows.</summary>
    public InputRejectedException(string file, string reason)
        : base(reason)
    {
        File = file;
        Errors = [];
    }

    /// <summary>A file that does not exist: "file not found: PATH" (the full path), not a bad row.</summary>
    public static InputRejectedException NotFound(string path) =>
        new(System.IO.Path.GetFileName(path), $"file not found: {System.IO.Path.GetFullPath(path)}; nothing imported.");

    public string File { get; }
    public IReadOnlyList<RowError> Errors { get; }
}
