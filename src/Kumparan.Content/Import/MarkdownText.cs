using System.Text;

namespace Kumparan.Content.Import;

/// <summary>
/// Text written as Markdown that renders back to the same text: the characters the site's
/// pipeline (CommonMark, pipe tables, emphasis extras, autolinks) would read as markup are escaped.
/// </summary>
internal static class MarkdownText
{
    // What the autolink extension turns into links by itself (Markdig's AutolinkOptions).
    private static readonly string[] AutolinkPrefixes = ["https://", "http://", "ftp://", "www.", "mailto:", "tel:"];

    /// <param name="text">Collapsed text with no line breaks.</param>
    /// <param name="inLink">Inside a link's text or an image's description, where nothing is linked automatically.</param>
    public static void Escape(string text, bool inLink, StringBuilder output)
    {
        for (var i = 0; i < text.Length;)
        {
            if (!inLink && AutolinkAt(text, i) is { } prefix)
            {
                // The extension would show "mailto:a@b" as "a@b", and an ftp: link is not one the site
                // allows: an escaped colon keeps them text. What follows is read on as text.
                if (prefix is "ftp://" or "mailto:" or "tel:")
                {
                    var colon = i + prefix.IndexOf(':', StringComparison.Ordinal);
                    output.Append(text, i, colon - i).Append("\\:");
                    i = colon + 1;
                    continue;
                }

                var end = text.AsSpan(i).IndexOfAny(' ', '\u00A0');
                end = end < 0 ? text.Length : i + end;
                Address(text[i..end], prefix, followed: end == text.Length, output);
                i = end;
                continue;
            }

            EscapeAt(text, i, output);
            i++;
        }
    }

    public static string Escape(string text, bool inLink)
    {
        var output = new StringBuilder(text.Length + 8);
        Escape(text, inLink, output);
        return output.ToString();
    }

    /// <summary>Text as a browser shows it: runs of white space (and no-break spaces) as one space, none at the ends.</summary>
    public static string Collapse(string text) =>
        string.Join(' ', text.Split([' ', '\t', '\n', '\r', '\f', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Escapes what would start a block at <paramref name="lineStart"/>: a heading, quote, list item or setext underline.</summary>
    public static void EscapeLineStart(StringBuilder markdown, int lineStart)
    {
        if (lineStart >= markdown.Length)
        {
            return;
        }

        if (markdown[lineStart] is '#' or '>' or '-' or '+' or '=')
        {
            markdown.Insert(lineStart, '\\');
            return;
        }

        var digits = 0;
        while (lineStart + digits < markdown.Length && digits < 10 && char.IsAsciiDigit(markdown[lineStart + digits]))
        {
            digits++;
        }

        if (digits is > 0 and < 10 && lineStart + digits < markdown.Length && markdown[lineStart + digits] is '.' or ')')
        {
            markdown.Insert(lineStart + digits, '\\');
        }
    }

    /// <summary>"&amp;amp;", "&amp;#8220;", "&amp;#x201C;": what CommonMark would decode as a character reference.</summary>
    public static bool StartsEntity(string text, int ampersand)
    {
        var i = ampersand + 1;
        int start;
        if (i < text.Length && text[i] == '#')
        {
            i++;
            var hex = i < text.Length && text[i] is 'x' or 'X';
            if (hex)
            {
                i++;
            }

            start = i;
            while (i < text.Length && i - start < 8 && (hex ? char.IsAsciiHexDigit(text[i]) : char.IsAsciiDigit(text[i])))
            {
                i++;
            }
        }
        else
        {
            start = i;
            while (i < text.Length && i - start < 33 && char.IsAsciiLetterOrDigit(text[i]))
            {
                i++;
            }
        }

        return i > start && i < text.Length && text[i] == ';';
    }

    /// <summary>An inline code span around any backticks in the code.</summary>
    public static string CodeSpan(string code)
    {
        var fence = new string('`', LongestRun(code, '`') + 1);
        var pad = code[0] == '`' || code[^1] == '`' || (code[0] == ' ' && code[^1] == ' ');
        return pad ? $"{fence} {code} {fence}" : fence + code + fence;
    }

    /// <summary>A fenced code block longer than any run of backticks in the code.</summary>
    public static string Fence(string code, string language)
    {
        var fence = new string('`', Math.Max(3, LongestRun(code, '`') + 1));
        return $"{fence}{language}\n{code}\n{fence}";
    }

    private static void EscapeAt(string text, int i, StringBuilder output)
    {
        var c = text[i];
        var escape = c switch
        {
            '\\' or '`' or '*' or '[' or ']' or '<' or '|' or '~' or '^' => true,
            // Inside a word an underscore emphasises nothing ("snake_case").
            '_' => !(i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1])),
            '&' => StartsEntity(text, i),
            // "==" marks and "++" inserts with the emphasis extras; a single one is plain.
            '=' or '+' => (i > 0 && text[i - 1] == c) || (i + 1 < text.Length && text[i + 1] == c),
            _ => false,
        };
        if (escape)
        {
            output.Append('\\');
        }

        output.Append(c);
    }

    private static string? AutolinkAt(string text, int i)
    {
        if (i > 0 && char.IsLetterOrDigit(text[i - 1]))
        {
            return null;
        }

        foreach (var prefix in AutolinkPrefixes)
        {
            if (text.AsSpan(i).StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return prefix;
            }
        }

        return null;
    }

    // An address in the text: the autolink extension links it, and would keep the backslashes of
    // escapes inside it, so it is written as it is when nothing in it needs escaping, else as a link
    // whose text is escaped (no address is linked inside a link's text).
    /// <param name="followed">The text ends with the address: markup may follow it directly, which the extension would take into it.</param>
    private static void Address(string token, string prefix, bool followed, StringBuilder output)
    {
        var plain = new StringBuilder();
        for (var i = 0; i < token.Length; i++)
        {
            EscapeAt(token, i, plain);
        }

        // Raw only when the extension would read it all as one address: it ends an address early at
        // parentheses, and starts another after them.
        if (!followed && plain.Length == token.Length && token.AsSpan().IndexOfAny('(', ')') < 0 && !AutolinkPrefixes.Any(p => token.IndexOf(p, 1, StringComparison.OrdinalIgnoreCase) > 0))
        {
            output.Append(token);
            return;
        }

        var core = token.Length;
        while (core > prefix.Length && (token[core - 1] is '.' or ',' or ':' or ';' or '!' or '?' or '"' or '\''
            || (token[core - 1] == ')' && token.AsSpan(0, core).Count('(') < token.AsSpan(0, core).Count(')'))))
        {
            core--;
        }

        var address = token[..core];
        if (output.Length > 0 && output[^1] == '!')
        {
            output.Insert(output.Length - 1, '\\');
        }

        output.Append('[');
        Escape(address, inLink: true, output);
        output.Append("](").Append(WebAddresses.Destination(prefix == "www." ? "http://" + address : address)).Append(')');
        for (var i = core; i < token.Length; i++)
        {
            EscapeAt(token, i, output);
        }
    }

    private static int LongestRun(string text, char c)
    {
        var longest = 0;
        var run = 0;
        foreach (var x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
