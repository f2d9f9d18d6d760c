using System.Buffers;
using System.Text;
using System.Xml;

namespace Kumparan.Content.Rendering;

/// <summary>The characters XML 1.0 can carry.</summary>
public static class XmlCharacters
{
    // C0 controls other than tab, line feed and carriage return, and the two non-characters XML excludes.
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not 0x09 and not 0x0A and not 0x0D).Select(c => (char)c), '\uFFFE', '\uFFFF']);

    /// <summary>
    /// Drops the characters XML cannot carry at all (most C0 controls, lone surrogates): front matter may
    /// hold them through YAML escapes, an old post pasted from a word processor as they are, and an XML
    /// writer or reader would otherwise stop at them.
    /// </summary>
    public static string Clean(string text)
    {
        if (text.AsSpan().IndexOfAny(Forbidden) < 0 && !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
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
}
