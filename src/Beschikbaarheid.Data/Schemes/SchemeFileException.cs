namespace Beschikbaarheid.Data.Schemes;

/// <summary>A scheme file cannot be used; the message names the file and every offending key.</summary>
public sealed class SchemeFileException : Exception
{
    public SchemeFileException(string file, IReadOnlyList<string> problems)
        : base($"Scheme file {file}:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => "  " + p))}")
    {
        File = file;
        Problems = problems;
    }

    public string File { get; }
    public IReadOnlyList<string> Problems { get; }
}
