using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace Beschikbaarheid.Reports.Xml;

/// <summary>
/// Writes XML straight into a stream as UTF-8, byte for byte what an <see cref="XmlWriter"/> (UTF-8 without byte order mark,
/// indented or not) writes for the same calls (a test drives both alike on every kind of text), with less work per call:
/// a national month writes 339 e-invoices and 339 invoice workbooks, 70,000 lines in all for each, and the framework's writer, which
/// checks every call against the state of the document and encodes through a character buffer, was a fifth of the processor
/// time of that writing. It does what the engine's documents need: a declaration, elements with a prefix, attributes, text.
/// </summary>
/// <remarks>
/// Names are the caller's constants and are not checked. Text and attribute values are escaped as the framework's writer
/// escapes them (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>; in attributes also <c>"</c>, tab and line breaks as character
/// references; in text a line break as <see cref="Environment.NewLine"/>), and a character XML 1.0 cannot hold (a control
/// character, U+FFFE, U+FFFF, half a surrogate pair) is refused with an <see cref="ArgumentException"/>, as that writer
/// refuses all but the half pair, which it lets through: an e-invoice is never written with a character its receiver cannot read.
/// </remarks>
internal sealed class Utf8XmlWriter : IDisposable
{
    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    /// <summary>What text cannot hold as it is: markup, and every character below a space (tab and line breaks are handled, the rest refused).</summary>
    private static readonly SearchValues<char> TextSpecial = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F<>&\uFFFE\uFFFF");

    private static readonly SearchValues<char> AttributeSpecial = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F<>&\"\uFFFE\uFFFF");

    private readonly Stream _stream;
    private readonly bool _indent;
    // From the shared pool, given back on disposal: a month writes 339 e-invoices, a 64 KB buffer each.
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _used;

    // The open elements, innermost last: the name as written and what it holds so far.
    private readonly List<Open> _open = [];
    // A start tag still open for attributes: its '>' is written when content follows.
    private bool _inStartTag;
    // Whether anything was written since the last text: an element closed after text is closed on the same line.
    private bool _afterText;
    private bool _wroteAnything;

    private struct Open(string? prefix, string name)
    {
        public readonly string? Prefix = prefix;
        public readonly string Name = name;
        public bool HasContent;
        public bool Mixed;
    }

    public Utf8XmlWriter(Stream stream, bool indent)
    {
        _stream = stream;
        _indent = indent;
    }

    /// <summary>
    /// The declaration, <c>&lt;?xml version="1.0" encoding="utf-8"?&gt;</c>, as the framework's writer starts a document;
    /// with <c>standalone="yes"</c> as <see cref="XmlWriter.WriteStartDocument(bool)"/> writes it for true.
    /// </summary>
    public void StartDocument(bool standalone = false)
    {
        Ascii(standalone ? "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>" : "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        _wroteAnything = true;
    }

    /// <param name="prefix">The namespace prefix as declared, e.g. <c>cac</c>; null for none.</param>
    public void StartElement(string? prefix, string name)
    {
        var mixed = false;
        if (_open.Count > 0)
        {
            CloseStartTag();
            var parent = _open[^1];
            parent.HasContent = true;
            mixed = parent.Mixed;
            _open[^1] = parent;
        }
        if (_indent && !mixed && _wroteAnything && !_afterText)
        {
            Indent(_open.Count);
        }
        Byte((byte)'<');
        Name(prefix, name);
        _open.Add(new Open(prefix, name) { Mixed = mixed });
        _inStartTag = true;
        _afterText = false;
        _wroteAnything = true;
    }

    /// <summary>An attribute of the element just started.</summary>
    public void Attribute(string name, ReadOnlySpan<char> value)
    {
        if (!_inStartTag)
        {
            throw new InvalidOperationException($"Attribute {name} written outside a start tag.");
        }
        Byte((byte)' ');
        Ascii(name);
        Ascii("=\"");
        Escaped(value, AttributeSpecial, inAttribute: true);
        Byte((byte)'"');
    }

    /// <summary>
    /// Text inside the open element. An empty text writes no characters but, as <see cref="XmlWriter.WriteString"/>, ends
    /// the start tag: the element is written <c>&lt;t&gt;&lt;/t&gt;</c>, not <c>&lt;t /&gt;</c>.
    /// </summary>
    public void Text(ReadOnlySpan<char> value)
    {
        CloseStartTag();
        var open = _open[^1];
        open.HasContent = true;
        open.Mixed = true;
        _open[^1] = open;
        Escaped(value, TextSpecial, inAttribute: false);
        _afterText = true;
    }

    /// <summary>Closes the innermost element: <c> /&gt;</c> when it holds nothing, else its end tag, on a line of its own after child elements.</summary>
    public void EndElement()
    {
        var open = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        if (!open.HasContent)
        {
            Ascii(" />");
            _inStartTag = false;
        }
        else
        {
            if (_indent && !open.Mixed && !_afterText)
            {
                Indent(_open.Count);
            }
            Ascii("</");
            Name(open.Prefix, open.Name);
            Byte((byte)'>');
        }
        _afterText = false;
    }

    /// <summary>An element holding only text, as <see cref="XmlWriter.WriteElementString(string, string, string, string)"/> writes it.</summary>
    public void Element(string? prefix, string name, string value)
    {
        StartElement(prefix, name);
        // As the framework's writer, an element with an empty value is written empty: <x />.
        if (value.Length > 0)
        {
            Text(value);
        }
        EndElement();
    }

    /// <summary>Writes what is buffered into the stream.</summary>
    public void Flush()
    {
        if (_used > 0)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }
        _stream.Flush();
    }

    /// <summary>Writes what is buffered; elements left open stay open (a document cut short by an error is not made to look whole).</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0)
        {
            return;
        }
        Flush();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void CloseStartTag()
    {
        if (_inStartTag)
        {
            Byte((byte)'>');
            _inStartTag = false;
        }
    }

    private void Indent(int depth)
    {
        LineBreak();
        Room(2 * depth);
        _buffer.AsSpan(_used, 2 * depth).Fill((byte)' ');
        _used += 2 * depth;
    }

    private void Escaped(ReadOnlySpan<char> value, SearchValues<char> special, bool inAttribute)
    {
        var rest = value;
        while (!rest.IsEmpty)
        {
            var plain = rest.IndexOfAny(special);
            var run = plain < 0 ? rest : rest[..plain];
            if (!run.IsEmpty)
            {
                Utf8Run(run);
            }
            if (plain < 0)
            {
                return;
            }
            var c = rest[plain];
            rest = rest[(plain + 1)..];
            switch (c)
            {
                case '&':
                    Ascii("&amp;");
                    break;
                case '<':
                    Ascii("&lt;");
                    break;
                case '>':
                    Ascii("&gt;");
                    break;
                case '"':
                    Ascii("&quot;");
                    break;
                case '\t':
                    if (inAttribute)
                    {
                        Ascii("&#x9;");
                    }
                    else
                    {
                        Byte((byte)'\t');
                    }
                    break;
                case '\n':
                    if (inAttribute)
                    {
                        Ascii("&#xA;");
                    }
                    else
                    {
                        LineBreak();
                    }
                    break;
                case '\r':
                    if (inAttribute)
                    {
                        Ascii("&#xD;");
                    }
                    else
                    {
                        // CR LF and a lone CR are each one line break.
                        if (!rest.IsEmpty && rest[0] == '\n')
                        {
                            rest = rest[1..];
                        }
                        LineBreak();
                    }
                    break;
                default:
                    throw new ArgumentException($"'{(c < 0x20 ? $"\\u{(int)c:X4}" : c.ToString())}', hexadecimal value 0x{(int)c:X2}, is an invalid character in XML.");
            }
        }
    }

    private void LineBreak()
    {
        Room(NewLine.Length);
        NewLine.CopyTo(_buffer, _used);
        _used += NewLine.Length;
    }

    private void Utf8Run(ReadOnlySpan<char> run)
    {
        while (!run.IsEmpty)
        {
            // Three bytes at most per UTF-16 unit; a long run goes in pieces that fit the buffer.
            Room(Math.Min(run.Length * 3, _buffer.Length));
            var status = Utf8.FromUtf16(run, _buffer.AsSpan(_used), out var read, out var written, replaceInvalidSequences: false, isFinalBlock: true);
            _used += written;
            run = run[read..];
            if (status == OperationStatus.InvalidData)
            {
                throw new ArgumentException($"Invalid surrogate character 0x{(int)run[0]:X4} in XML text.");
            }
        }
    }

    private void Name(string? prefix, string name)
    {
        if (prefix is null)
        {
            Ascii(name);
            return;
        }
        // One check for room for the whole qualified name.
        Room(prefix.Length + 1 + name.Length);
        Copy(prefix);
        _buffer[_used++] = (byte)':';
        Copy(name);
    }

    // Names, markup and escapes: the caller's constants, ASCII by construction.
    private void Ascii(string text)
    {
        Room(text.Length);
        Copy(text);
    }

    // Copied character by character into room made before: these strings are short, and for them the vectorised conversion
    // took more time in a profile of a month's documents.
    private void Copy(string ascii)
    {
        var into = _buffer.AsSpan(_used, ascii.Length);
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = (byte)ascii[i];
        }
        _used += ascii.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Byte(byte value)
    {
        Room(1);
        _buffer[_used++] = value;
    }

    // Called for every name, mark and run of text: the check inlined, the flush not.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Room(int bytes)
    {
        if (_buffer.Length - _used < bytes)
        {
            MakeRoom(bytes);
        }
    }

    private void MakeRoom(int bytes)
    {
        if (_used > 0)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }
        if (bytes > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(bytes);
        }
    }
}
