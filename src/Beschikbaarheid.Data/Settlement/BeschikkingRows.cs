using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>
/// Makes beschikkingen of stored rows, each repeated value parsed once: a region's 200,000 rows name a few hundred
/// municipalities, schools, providers and categories, so a code is looked up by its characters and made only the first
/// time it is seen. Values come as characters from the provider's reader or as UTF-8 bytes straight from SQLite.
/// </summary>
internal sealed class BeschikkingRows
{
    private readonly Dictionary<string, MunicipalityCode> _municipalities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchoolLocationId> _schools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Law> _laws = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly char[] _buffer = new char[256];

    public List<Beschikking> Found { get; } = [];

    /// <summary>A row of the columns number, client, municipality_code, brin, vestiging, provider, category, law, hours_per_week, start_date, end_date.</summary>
    public void Add(SqliteRows row)
    {
        var brin = Chars(row.Utf8(3), 0);
        var school = School(_buffer.AsSpan(0, brin + Chars(row.Utf8(4), brin)), brin);
        Found.Add(new Beschikking(
            row.String(0), row.String(1), Municipality(_buffer.AsSpan(0, Chars(row.Utf8(2), 0))), school,
            Text(_buffer.AsSpan(0, Chars(row.Utf8(5), 0))), Text(_buffer.AsSpan(0, Chars(row.Utf8(6), 0))), Law(_buffer.AsSpan(0, Chars(row.Utf8(7), 0))),
            row.Decimal(8), new ActivePeriod(row.Date(9), row.IsNull(10) ? null : row.Date(10))));
    }

    /// <summary>The same row as the provider's reader gives it.</summary>
    public void Add(string number, string client, string municipality, string brin, string vestiging, string provider, string category, string law, decimal hours, DateOnly start, DateOnly? end) =>
        Found.Add(new Beschikking(
            number, client, Municipality(municipality), School(string.Concat(brin, vestiging), brin.Length),
            Text(provider), Text(category), Law(law), hours, new ActivePeriod(start, end)));

    /// <summary>The bytes as characters at <paramref name="offset"/> of the buffer; their count.</summary>
    /// <exception cref="InvalidOperationException">A stored code longer than any code is, which the import never stores.</exception>
    private int Chars(ReadOnlySpan<byte> utf8, int offset) =>
        System.Text.Encoding.UTF8.TryGetChars(utf8, _buffer.AsSpan(offset), out var written)
            ? written
            : throw new InvalidOperationException($"A stored value of {utf8.Length} bytes is longer than a code or name of a beschikking can be.");

    private MunicipalityCode Municipality(ReadOnlySpan<char> code)
    {
        var lookup = _municipalities.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(code, out var parsed))
        {
            var text = code.ToString();
            _municipalities[text] = parsed = MunicipalityCode.Parse(text);
        }
        return parsed;
    }

    /// <param name="location">brin followed by vestiging.</param>
    private SchoolLocationId School(ReadOnlySpan<char> location, int brinLength)
    {
        var lookup = _schools.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(location, out var school))
        {
            _schools[location.ToString()] = school = StoredCodes.School(location[..brinLength].ToString(), location[brinLength..].ToString());
        }
        return school;
    }

    private Law Law(ReadOnlySpan<char> name)
    {
        var lookup = _laws.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(name, out var law))
        {
            var text = name.ToString();
            _laws[text] = law = Enum.Parse<Law>(text);
        }
        return law;
    }

    /// <summary>Providers and categories: one string each for the whole region instead of one per row.</summary>
    private string Text(ReadOnlySpan<char> value)
    {
        var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(value, out var shared))
        {
            shared = value.ToString();
            _texts[shared] = shared;
        }
        return shared;
    }
}
