using System.Text;

namespace Beschikbaarheid.Data.Import;

/// <summary>One data row: its line number in the file and its fields by lower-case header name.</summary>
public sealed class CsvRow(int line, IReadOnlyDictionary<string, int> columns, string[] fields)
{
    /// <summary>Only spaces and tabs are trimmed: a no-break or zero-width space around a value stays, and the value's own check refuses it.</summary>
    private static readonly char[] OrdinaryWhiteSpace = [' ', '\t'];

    public int Line { get; } = line;

    public string this[string column] =>
        columns.TryGetValue(column, out var index) && index < fields.Length ? fields[index].Trim(OrdinaryWhiteSpace) : string.Empty;

    public bool Has(string column) => columns.ContainsKey(column);
}

/// <summary>
/// Reads a CSV file the way Dutch systems export them: a header row, <c>;</c> or <c>,</c> as separator
/// (whichever the header uses), in one encoding (<see cref="FileEncoding"/>: UTF-8 with or without BOM, or
/// else Windows-1252, which reads DUO's ISO-8859-1 the same for letters). Rows are streamed, never held all at once.
/// <para>
/// Strict, line by line: one line is one row. A field may be quoted (<c>"</c> as its first character) and then
/// hold separators and doubled quotes, but never a line break: no field of these files holds one, so a quote
/// still open at the end of a line is an error, not the start of a field spanning lines (which is how a stray
/// pair of quotes would otherwise merge the rows between them). A quote inside an unquoted field, text after a
/// closing quote, and a row whose field count differs from the header's are errors too. Lines that hold no data
/// (empty, white space, or only separators and white space as spreadsheets write for cleared rows) are skipped
/// wherever they are; line numbers stay those of the file.
/// </para>
/// </summary>
public sealed class CsvFile : IDisposable
{
    private readonly StreamReader _reader;
    private readonly string _name;
    private readonly char _separator;
    private readonly string[] _header;
    private readonly Dictionary<string, int> _columns;

    private CsvFile(StreamReader reader, string name, char separator, string[] header, Dictionary<string, int> columns)
    {
        _reader = reader;
        _name = name;
        _separator = separator;
        _header = header;
        _columns = columns;
    }

    public int HeaderCount => _header.Length;

    /// <summary>
    /// Opens the file and checks its header, or refuses it (<see cref="InputRejectedException"/>): a file that does not exist,
    /// cannot be read, or lacks a required column.
    /// </summary>
    public static CsvFile OpenOrRefuse(string path, IReadOnlyList<string> requiredColumns)
    {
        if (!System.IO.File.Exists(path))
        {
            throw InputRejectedException.NotFound(path);
        }
        var (csv, error) = Open(path, requiredColumns);
        return csv ?? throw new InputRejectedException(Path.GetFileName(path), [error!]);
    }

    /// <summary>Opens the file and checks its header; a file that cannot be read at all gives the reason instead.</summary>
    public static (CsvFile? File, RowError? Error) Open(string path, IReadOnlyList<string> requiredColumns) =>
        Open(path, _ => requiredColumns);

    /// <param name="requiredColumns">Given the header's column names, the columns the file must have (one file kind may come in two shapes).</param>
    public static (CsvFile? File, RowError? Error) Open(string path, Func<IReadOnlySet<string>, IReadOnlyList<string>> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(requiredColumns);
        var name = Path.GetFileName(path);
        var bytes = File.ReadAllBytes(path);
        var (encoding, start, encodingError, encodingErrorLine) = FileEncoding.Detect(bytes);
        if (encodingError is not null)
        {
            return (null, new RowError(name, encodingErrorLine, encodingError));
        }
        var reader = new StreamReader(new MemoryStream(bytes, start, bytes.Length - start, writable: false), encoding!, detectEncodingFromByteOrderMarks: false);
        var firstLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(firstLine))
        {
            reader.Dispose();
            return (null, new RowError(name, 1, "the file is empty: a header row is required"));
        }
        var separator = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ';' : ',';
        var fields = new List<string>();
        if (Split(firstLine, separator, fields) is { } headerError)
        {
            reader.Dispose();
            return (null, new RowError(name, 1, $"header: {Describe(headerError, [])}"));
        }
        var header = fields.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++)
        {
            columns.TryAdd(header[c], c);
        }
        var missing = requiredColumns(columns.Keys.ToHashSet(StringComparer.Ordinal)).Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            reader.Dispose();
            return (null, new RowError(name, 1, $"missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; the header has {string.Join(separator, header)}"));
        }
        return (new CsvFile(reader, name, separator, header, columns), null);
    }

    /// <summary>
    /// The well-formed data rows in file order. A line that is not a well-formed row (a quote problem, or a
    /// field count other than the header's) is not returned but added to <paramref name="errors"/> with its line,
    /// in line order with whatever the caller adds for the rows before it; reading goes on, so every bad line is named.
    /// </summary>
    public IEnumerable<CsvRow> Rows(ICollection<RowError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var fields = new List<string>(_header.Length);
        var line = 1;
        while (_reader.ReadLine() is { } text)
        {
            line++;
            if (IsBlank(text))
            {
                continue;
            }
            if (Split(text, _separator, fields) is { } error)
            {
                errors.Add(new RowError(_name, line, Describe(error, _header)));
            }
            else if (fields.Count != _header.Length)
            {
                errors.Add(new RowError(_name, line, $"{fields.Count} field(s) where the header has {_header.Length}"));
            }
            else
            {
                yield return new CsvRow(line, _columns, [.. fields]);
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>No data: nothing but white space and separators (a quote makes it a row, checked as one).</summary>
    private bool IsBlank(string text)
    {
        foreach (var c in text)
        {
            if (c != _separator && !char.IsWhiteSpace(c))
            {
                return false;
            }
        }
        return true;
    }

    private enum Problem
    {
        QuoteNotClosed,
        QuoteInsideField,
        TextAfterClosingQuote,
    }

    /// <summary>
    /// Splits one line into <paramref name="fields"/> (cleared first): RFC 4180 without line breaks in fields.
    /// Returns the problem and the 0-based field it is in, or null for a well-formed line.
    /// </summary>
    private static (Problem Problem, int Field)? Split(string line, char separator, List<string> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                StringBuilder? unescaped = null;
                var from = i + 1;
                while (true)
                {
                    var quote = line.IndexOf('"', from);
                    if (quote < 0)
                    {
                        return (Problem.QuoteNotClosed, fields.Count);
                    }
                    if (quote + 1 < line.Length && line[quote + 1] == '"')
                    {
                        (unescaped ??= new StringBuilder()).Append(line, from, quote + 1 - from);
                        from = quote + 2;
                        continue;
                    }
                    fields.Add(unescaped is null ? line[from..quote] : unescaped.Append(line, from, quote - from).ToString());
                    i = quote + 1;
                    break;
                }
                if (i < line.Length && line[i] != separator)
                {
                    return (Problem.TextAfterClosingQuote, fields.Count - 1);
                }
            }
            else
            {
                var length = line.AsSpan(i).IndexOfAny(separator, '"');
                var end = length < 0 ? line.Length : i + length;
                if (end < line.Length && line[end] == '"')
                {
                    return (Problem.QuoteInsideField, fields.Count);
                }
                fields.Add(line[i..end]);
                i = end;
            }
            if (i == line.Length)
            {
                return null;
            }
            i++; // past the separator; a separator at the very end leaves one empty field to read
        }
    }

    private static string Describe((Problem Problem, int Field) error, string[] header)
    {
        var field = error.Field < header.Length ? $"field {error.Field + 1} ({header[error.Field]})" : $"field {error.Field + 1}";
        return error.Problem switch
        {
            Problem.QuoteNotClosed => $"{field} opens a quote that is not closed on this line; a field cannot span lines (a stray quote?)",
            Problem.QuoteInsideField => $"{field} holds a quote but does not start with one; quote the whole field and double the quote inside (\"\")",
            _ => $"{field} has text after its closing quote",
        };
    }
}
