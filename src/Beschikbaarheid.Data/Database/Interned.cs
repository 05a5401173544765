using System.Text;

namespace Beschikbaarheid.Data.Database;

/// <summary>
/// A value made once per distinct stored text and looked up by its characters after that: the codes of a large read
/// (municipalities, schools, kinds, periods) repeat on every row, so a row costs a lookup instead of a string and a parse.
/// </summary>
internal sealed class Interned<T>(Func<string, T> make)
{
    /// <summary>Separates two columns that make one value, e.g. brin and vestiging; no stored code holds it.</summary>
    public const char Separator = '\u001f';

    private readonly Dictionary<string, T> _made = new(StringComparer.Ordinal);
    private readonly char[] _buffer = new char[256];

    public T Of(ReadOnlySpan<char> text)
    {
        var lookup = _made.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(text, out var value))
        {
            var key = text.ToString();
            _made[key] = value = make(key);
        }
        return value;
    }

    /// <summary>A value of one stored text, as SQLite holds it.</summary>
    public T Of(ReadOnlySpan<byte> utf8) => Of(_buffer.AsSpan(0, Chars(utf8, 0)));

    /// <summary>A value of two stored texts, passed to the maker joined by <see cref="Separator"/>.</summary>
    public T Of(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var length = Chars(first, 0);
        _buffer[length++] = Separator;
        return Of(_buffer.AsSpan(0, length + Chars(second, length)));
    }

    /// <exception cref="InvalidOperationException">A stored value longer than any code, which the engine never stores.</exception>
    private int Chars(ReadOnlySpan<byte> utf8, int offset) =>
        Encoding.UTF8.TryGetChars(utf8, _buffer.AsSpan(offset), out var written)
            ? written
            : throw new InvalidOperationException($"A stored value of {utf8.Length} bytes is longer than a code can be.");
}
