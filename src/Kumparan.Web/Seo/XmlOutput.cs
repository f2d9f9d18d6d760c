using System.Text;
using System.Xml;

namespace Kumparan.Web.Seo;

/// <summary>Writes an XML document to UTF-8 bytes (no BOM) with XmlWriter, which escapes every value.</summary>
public static class XmlOutput
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
    };

    public static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Drops characters XML cannot carry at all (most C0 controls, lone surrogates): front matter may
    /// hold them through YAML escapes, and XmlWriter would otherwise throw mid-response.
    /// </summary>
    public static string Clean(string text)
    {
        if (text.AsSpan().IndexOfAnyExcept(SafeAscii) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> SafeAscii =
        System.Buffers.SearchValues.Create(Enumerable.Range(0x20, 0x7F - 0x20).Select(i => (char)i).ToArray());
}
