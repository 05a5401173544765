using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Beschikbaarheid.Data.Import;

/// <summary>One data row: its line number in the file and its fields by lower-case header name.</summary>
public sealed class CsvRow(int line, IReadOnlyDictionary<string, int> columns, string[] fields)
{
    public int Line { get; } = line;

    public int FieldCount => fields.Length;

    public string this[string column] =>
        columns.TryGetValue(column, out var index) && index < fields.Length ? fields[index].Trim() : string.Empty;

    public bool Has(string column) => columns.ContainsKey(column);
}

/// <summary>
/// Reads a CSV file the way Dutch systems export them: a header row, <c>;</c> or <c>,</c> as separator
/// (whichever the header uses), UTF-8 with or without BOM or else Windows-1252 (DUO publishes ISO-8859-1,
/// which Windows-1252 reads the same for letters). Rows are streamed, never held all at once.
/// </summary>
public sealed class CsvFile : IDisposable
{
    private readonly CsvParser _parser;
    private readonly Dictionary<string, int> _columns;

    static CsvFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private CsvFile(CsvParser parser, Dictionary<string, int> columns, int headerCount)
    {
        _parser = parser;
        _columns = columns;
        HeaderCount = headerCount;
    }

    public int HeaderCount { get; }

    /// <summary>Opens the file and checks its header; a file that cannot be read at all gives the reason instead.</summary>
    public static (CsvFile? File, RowError? Error) Open(string path, IReadOnlyList<string> requiredColumns) =>
        Open(path, _ => requiredColumns);

    /// <param name="requiredColumns">Given the header's column names, the columns the file must have (one file kind may come in two shapes).</param>
    public static (CsvFile? File, RowError? Error) Open(string path, Func<IReadOnlySet<string>, IReadOnlyList<string>> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(requiredColumns);
        var name = Path.GetFileName(path);
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var encoding = bom || System.Text.Unicode.Utf8.IsValid(bytes) ? new UTF8Encoding(false) : Encoding.GetEncoding(1252);
        var reader = new StreamReader(new MemoryStream(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)), encoding);
        var firstLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(firstLine))
        {
            reader.Dispose();
            return (null, new RowError(name, 1, "the file is empty: a header row is required"));
        }
        reader.BaseStream.Position = 0;
        reader.DiscardBufferedData();
        var delimiter = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ";" : ",";

        var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            BadDataFound = null,
            IgnoreBlankLines = true,
        });
        parser.Read();
        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++)
        {
            columns.TryAdd(header[c], c);
        }
        var missing = requiredColumns(columns.Keys.ToHashSet(StringComparer.Ordinal)).Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            parser.Dispose();
            return (null, new RowError(name, 1, $"missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; the header has {string.Join(delimiter, header)}"));
        }
        return (new CsvFile(parser, columns, header.Length), null);
    }

    /// <summary>The data rows in file order; blank lines are skipped.</summary>
    public IEnumerable<CsvRow> Rows()
    {
        while (_parser.Read())
        {
            var fields = _parser.Record!;
            if (!fields.All(string.IsNullOrWhiteSpace))
            {
                yield return new CsvRow(_parser.RawRow, _columns, fields);
            }
        }
    }

    public void Dispose() => _parser.Dispose();
}
