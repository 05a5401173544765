using System.Text;
using System.Xml;
using Beschikbaarheid.Reports.Xml;

namespace Beschikbaarheid.Reports.Tests.Xml;

/// <summary>
/// The e-invoice's writer against the framework's <see cref="XmlWriter"/>: both are driven with the same calls and must
/// write the same bytes, so replacing the one by the other changed no e-invoice.
/// </summary>
public class Utf8XmlWriterTests
{
    private const string RootNs = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    private const string CacNs = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private const string CbcNs = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    // Every kind of character the escaping treats apart: markup, quotes, tab and line breaks (CR LF, lone CR, LF), Dutch and
    // euro signs (two and three UTF-8 bytes), a character outside the BMP (a surrogate pair, four bytes), and plain text.
    private static readonly string[] Pieces =
        ["a", "Gemeente Nijmegen", "&", "<", ">", "]]>", "\"", "'", "\t", "\n", "\r\n", "\r", "é", "€ 13.750,00", "ĳ", "𝄞", " ", "0190", "÷ 365"];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WritesTheSameBytesAsTheFrameworkWriter_ForRandomDocuments(bool indent)
    {
        for (var seed = 0; seed < 1_000; seed++)
        {
            var (expected, actual) = BothWrite(indent, (framework, own) => RandomDocument(new Random(seed), framework, own));
            Assert.True(expected == actual, $"seed {seed}, indent {indent}:\nexpected\n{expected}\nactual\n{actual}");
        }
    }

    [Fact]
    public void WritesAnEInvoiceLineAsTheFrameworkWriter()
    {
        var (expected, actual) = BothWrite(indent: true, (framework, own) =>
        {
            Declaration(framework, own);
            Root(framework, own);
            Start(framework, own, "cac", "InvoiceLine");
            Element(framework, own, "cbc", "ID", "2");
            Start(framework, own, "cbc", "InvoicedQuantity");
            Attribute(framework, own, "unitCode", "C62");
            Text(framework, own, "31");
            End(framework, own);
            Element(framework, own, "cbc", "Description", "grondslag 31 kinddagen; 31 × € 13.750,00 ÷ 365");
            Element(framework, own, "cbc", "TaxExemptionReason", "");
            End(framework, own);
            End(framework, own);
        });
        Assert.Equal(expected, actual);
        // An empty element closes itself; a line's elements are indented by two spaces a level.
        Assert.Contains("\n    <cbc:TaxExemptionReason />\n  </cac:InvoiceLine>", actual, StringComparison.Ordinal);
    }

    /// <summary>The workbook's parts start so: standalone, without indenting, a default namespace and <c>xml:space</c> on text.</summary>
    [Fact]
    public void WritesAStandaloneWorksheetCellAsTheFrameworkWriter()
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var (expected, actual) = BothWrite(indent: false, (framework, own) =>
        {
            framework.WriteStartDocument(standalone: true);
            own.StartDocument(standalone: true);
            framework.WriteStartElement("worksheet", main);
            own.StartElement(null, "worksheet");
            own.Attribute("xmlns", main);
            foreach (var text in (string[])["Druten", ""])
            {
                framework.WriteStartElement("t", main);
                framework.WriteAttributeString("xml", "space", null, "preserve");
                framework.WriteString(text);
                framework.WriteEndElement();
                own.StartElement(null, "t");
                own.Attribute("xml:space", "preserve");
                own.Text(text);
                own.EndElement();
            }
            framework.WriteElementString("f", main, "SUM(E24:E30)");
            own.Element(null, "f", "SUM(E24:E30)");
            End(framework, own);
        });
        Assert.Equal(expected, actual);
        Assert.Equal(
            $"""<?xml version="1.0" encoding="utf-8" standalone="yes"?><worksheet xmlns="{main}"><t xml:space="preserve">Druten</t><t xml:space="preserve"></t><f>SUM(E24:E30)</f></worksheet>""",
            actual);
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("a\u001Fb")]
    [InlineData("\uFFFE")]
    [InlineData("\uFFFF")]
    public void RefusesACharacterXmlCannotHold_AsTheFrameworkWriterDoes(string text)
    {
        Assert.ThrowsAny<ArgumentException>(() => BothWrite(indent: true, (framework, _) =>
        {
            framework.WriteStartElement("x");
            framework.WriteString(text);
            framework.WriteEndElement();
        }));
        using var stream = new MemoryStream();
        using var own = new Utf8XmlWriter(stream, indent: true);
        own.StartElement(null, "x");
        Assert.Throws<ArgumentException>(() => own.Text(text));
    }

    /// <summary>
    /// Half a surrogate pair is no character at all: refused, where the framework's writer let it through. (The cases are
    /// made here: an attribute's string argument is stored as UTF-8, which cannot hold half a pair.)
    /// </summary>
    [Theory]
    [InlineData(0xD834, false)]
    [InlineData(0xDD1E, false)]
    [InlineData(0xD834, true)]
    public void RefusesHalfASurrogatePair(int half, bool withTextAround)
    {
        var text = withTextAround ? $"half a pair {(char)half} here" : ((char)half).ToString();
        using var stream = new MemoryStream();
        using var own = new Utf8XmlWriter(stream, indent: true);
        own.StartElement(null, "x");
        Assert.Throws<ArgumentException>(() => own.Text(text));
    }

    private static (string Expected, string Actual) BothWrite(bool indent, Action<XmlWriter, Utf8XmlWriter> write)
    {
        using var expected = new MemoryStream();
        using var actual = new MemoryStream();
        using (var framework = XmlWriter.Create(expected, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = indent }))
        using (var own = new Utf8XmlWriter(actual, indent))
        {
            write(framework, own);
        }
        return (Encoding.UTF8.GetString(expected.ToArray()), Encoding.UTF8.GetString(actual.ToArray()));
    }

    /// <summary>A document with the e-invoice's root and namespaces, and below it up to four levels of elements with and without a prefix, attributes, text, empty elements and text mixed with elements.</summary>
    private static void RandomDocument(Random random, XmlWriter framework, Utf8XmlWriter own)
    {
        Declaration(framework, own);
        Root(framework, own);
        Children(random, framework, own, depth: 1);
        End(framework, own);
        framework.WriteEndDocument();
    }

    private static void Children(Random random, XmlWriter framework, Utf8XmlWriter own, int depth)
    {
        for (var n = random.Next(depth == 1 ? 1 : 0, 4); n > 0; n--)
        {
            var prefix = new[] { null, "cac", "cbc" }[random.Next(3)];
            var name = new[] { "ID", "Item", "Note", "Party" }[random.Next(4)];
            switch (random.Next(depth < 4 ? 5 : 3))
            {
                case 0:
                    Element(framework, own, prefix, name, random.Next(3) == 0 ? "" : RandomText(random));
                    break;
                case 1:
                    Start(framework, own, prefix, name);
                    for (var a = random.Next(3); a > 0; a--)
                    {
                        Attribute(framework, own, $"at{a}", RandomText(random));
                    }
                    // An empty text too: it ends the start tag without a character (<x></x>, not <x />).
                    Text(framework, own, random.Next(4) == 0 ? "" : RandomText(random));
                    End(framework, own);
                    break;
                case 2:
                    Start(framework, own, prefix, name);
                    if (random.Next(2) == 0)
                    {
                        Attribute(framework, own, "currencyID", "EUR");
                    }
                    End(framework, own);
                    break;
                case 3:
                    Start(framework, own, prefix, name);
                    Children(random, framework, own, depth + 1);
                    End(framework, own);
                    break;
                default:
                    // Text before elements: from there on the element's content is written without indenting.
                    Start(framework, own, prefix, name);
                    Text(framework, own, RandomText(random));
                    Children(random, framework, own, depth + 1);
                    End(framework, own);
                    break;
            }
        }
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }
        return text.ToString();
    }

    private static void Declaration(XmlWriter framework, Utf8XmlWriter own)
    {
        framework.WriteStartDocument();
        own.StartDocument();
    }

    private static void Root(XmlWriter framework, Utf8XmlWriter own)
    {
        framework.WriteStartElement("Invoice", RootNs);
        framework.WriteAttributeString("xmlns", "cac", null, CacNs);
        framework.WriteAttributeString("xmlns", "cbc", null, CbcNs);
        own.StartElement(null, "Invoice");
        own.Attribute("xmlns:cac", CacNs);
        own.Attribute("xmlns:cbc", CbcNs);
        own.Attribute("xmlns", RootNs);
    }

    private static string Ns(string? prefix) => prefix switch { "cac" => CacNs, "cbc" => CbcNs, _ => RootNs };

    private static void Start(XmlWriter framework, Utf8XmlWriter own, string? prefix, string name)
    {
        framework.WriteStartElement(prefix, name, Ns(prefix));
        own.StartElement(prefix, name);
    }

    private static void Element(XmlWriter framework, Utf8XmlWriter own, string? prefix, string name, string value)
    {
        framework.WriteElementString(prefix, name, Ns(prefix), value);
        own.Element(prefix, name, value);
    }

    private static void Attribute(XmlWriter framework, Utf8XmlWriter own, string name, string value)
    {
        framework.WriteAttributeString(name, value);
        own.Attribute(name, value);
    }

    private static void Text(XmlWriter framework, Utf8XmlWriter own, string value)
    {
        framework.WriteString(value);
        own.Text(value);
    }

    private static void End(XmlWriter framework, Utf8XmlWriter own)
    {
        framework.WriteEndElement();
        own.EndElement();
    }
}
