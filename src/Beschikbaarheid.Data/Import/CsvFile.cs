using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Beschikbaarheid.Data.Import;

/// <summary>One data row: its line number in the file and its fields by lower-case header name.</summary>
public sealed class CsvRow(int line, IReadOnlyDictionary<string, int> columns, string[] fields)
{
    public int Line { get; } = line;

    public string this[string column] =>
        columns.TryGetValue(column, out var index) && index < fields.Length ? fields[index].Trim() : string.Empty;

    public bool Has(string column) => columns.ContainsKey(column);
}

/// <summary>
/// Reads a CSV file the way Dutch systems export them: a header row, <c>;</c> or <c>,</c> as separator
/// (whichever the header uses), UTF-8 with or without BOM or else Windows-1252 (DUO publishes ISO-8859-1,
/// which Windows-1252 reads the same for letters).
/// </summary>
public static class CsvFile
{
    static CsvFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (IReadOnlyList<CsvRow> Rows, IReadOnlyList<RowError> Errors) Read(string path, IReadOnlyList<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(requiredColumns);
        var name = Path.GetFileName(path);
        var text = Decode(File.ReadAllBytes(path));
        var firstLine = text.AsSpan()[..Math.Max(0, text.IndexOfAny(['\r', '\n']) is var i and >= 0 ? i : text.Length)];
        if (firstLine.IsWhiteSpace())
        {
            return ([], [new RowError(name, 1, "the file is empty: a header row is required")]);
        }
        var delimiter = firstLine.Count(';') >= firstLine.Count(',') ? ";" : ",";

        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            BadDataFound = null,
            IgnoreBlankLines = true,
        };
        using var parser = new CsvParser(new StringReader(text), configuration);
        if (!parser.Read())
        {
            return ([], [new RowError(name, 1, "the file is empty: a header row is required")]);
        }
        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++)
        {
            columns.TryAdd(header[c], c);
        }
        var missing = requiredColumns.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            return ([], [new RowError(name, 1, $"missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; the header has {string.Join(delimiter, header)}")]);
        }

        var rows = new List<CsvRow>();
        var errors = new List<RowError>();
        while (parser.Read())
        {
            var line = parser.RawRow;
            var fields = parser.Record!;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (fields.Length < header.Length)
            {
                errors.Add(new RowError(name, line, $"{fields.Length} field(s) where the header has {header.Length}"));
                continue;
            }
            rows.Add(new CsvRow(line, columns, fields));
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new RowError(name, 2, "the file has a header but no data rows"));
        }
        return (rows, errors);
    }

    private static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }
}
