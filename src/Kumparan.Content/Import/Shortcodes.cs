using System.Text;

namespace Kumparan.Content.Import;

/// <summary>
/// WordPress shortcodes in a post's HTML, handled before the HTML is parsed, the way WordPress reads
/// them: only the names below are shortcodes ("[Foto: Antara]" and "[1]" stay text), "[[name]]" is
/// the literal "[name]", and an enclosing shortcode ends at the first "[/name]". Shortcodes inside
/// tags and comments are left alone. Each one becomes nothing, its content, or an element of
/// <see cref="ElementName"/> that the walk over the DOM turns into Markdown; the rest of the HTML is
/// copied as it is.
/// </summary>
internal sealed partial class Shortcodes
{
    public const string ElementName = "wp-shortcode";

    private readonly string _html;
    private readonly ConversionWarnings _warnings;
    private readonly Func<IReadOnlyDictionary<string, string>, string?>? _gallery;

    // Where the next "]" and each name's next "[/name]" are (int.MaxValue: none); the scan only moves
    // forward, so every search starts where the last one left off and the whole pass stays linear.
    private readonly Dictionary<string, int> _nextClosing = new(StringComparer.Ordinal);
    private int _nextBracket = -1;

    private Shortcodes(string html, ConversionWarnings warnings, Func<IReadOnlyDictionary<string, string>, string?>? gallery)
    {
        _html = html;
        _warnings = warnings;
        _gallery = gallery;
    }

    private enum Kind
    {
        None,
        Caption,
        Link,
        Drop,
        Unwrap,
    }

    /// <param name="gallery">The pictures of a [gallery] as HTML (<see cref="HtmlConversionOptions.Gallery"/>); without it a gallery is dropped.</param>
    public static string Expand(string html, ConversionWarnings warnings, Func<IReadOnlyDictionary<string, string>, string?>? gallery = null) =>
        html.Contains('[', StringComparison.Ordinal) ? new Shortcodes(html, warnings, gallery).Run(0, html.Length) : html;

    public static bool IsCaption(string name) => KindOf(name) == Kind.Caption;

    private static Kind KindOf(string name) => name switch
    {
        "caption" or "wp_caption" => Kind.Caption,
        "embed" or "video" or "audio" or "youtube" or "tweet" or "instagram" => Kind.Link,
        "gallery" or "playlist" or "contact-form" or "contact-form-7" or "wpforms" or "ninja_form" or "ninja_forms"
            or "mc4wp_form" or "ads" or "adsense" or "related" or "related_posts" => Kind.Drop,
        // Page builders (WPBakery, Divi, Avada, Shortcodes Ultimate) wrap the text in layout.
        _ when name.StartsWith("vc_", StringComparison.Ordinal) || name.StartsWith("et_pb_", StringComparison.Ordinal)
            || name.StartsWith("fusion_", StringComparison.Ordinal) || name.StartsWith("su_", StringComparison.Ordinal) => Kind.Unwrap,
        _ => Kind.None,
    };

    private string Run(int start, int end)
    {
        var output = new StringBuilder(end - start);
        var copied = start;
        var i = start;
        while (i < end)
        {
            var next = _html.AsSpan(i, end - i).IndexOfAny('[', '<');
            if (next < 0)
            {
                break;
            }

            next += i;
            if (_html[next] == '<')
            {
                i = SkipMarkup(next, end);
                continue;
            }

            if (Parse(next, end) is not { } token)
            {
                i = next + 1;
                continue;
            }

            output.Append(_html, copied, next - copied);
            copied = i = Write(token, output);
        }

        return output.Append(_html, copied, end - copied).ToString();
    }

    /// <param name="At">Where its "[" is.</param>
    /// <param name="End">Where it ends: after its closing tag, if it has one.</param>
    /// <param name="Escaped">"[[name]]": the text "[name]". "[[name]" has it set too; then "[" and the shortcode.</param>
    private readonly record struct Token(int At, int End, string Name, Kind Kind, string Attributes, int ContentStart, int ContentEnd, bool Escaped);

    // The shortcode at "[" (or "[[" for an escaped one), or null when there is none.
    private Token? Parse(int at, int end)
    {
        var p = at + 1;
        var escaped = p < end && _html[p] == '[';
        p += escaped ? 1 : 0;
        var closing = p < end && _html[p] == '/';
        p += closing ? 1 : 0;
        var nameStart = p;
        while (p < end && (char.IsAsciiLetterOrDigit(_html[p]) || _html[p] is '_' or '-'))
        {
            p++;
        }

        if (p == nameStart || p >= end || !(_html[p] is ']' or '/' or '=' || char.IsWhiteSpace(_html[p])))
        {
            return null;
        }

        var name = _html[nameStart..p];
        var kind = KindOf(name);
        var bracket = NextBracket(p);
        if (kind == Kind.None || bracket >= end || (closing && (kind != Kind.Unwrap || bracket != p)))
        {
            return null;
        }

        var attributes = _html[p..bracket];
        var tokenEnd = bracket + 1;
        var (contentStart, contentEnd) = (tokenEnd, tokenEnd);
        if (!closing && kind != Kind.Unwrap && !attributes.TrimEnd().EndsWith('/'))
        {
            var closingTag = NextClosing(name, tokenEnd);
            if (closingTag < end)
            {
                (contentStart, contentEnd) = (tokenEnd, closingTag);
                tokenEnd = closingTag + name.Length + 3;
            }
        }

        return new Token(at, tokenEnd, name, kind, attributes, contentStart, contentEnd, escaped);
    }

    // Writes what the shortcode becomes; returns where the text after it starts.
    private int Write(Token token, StringBuilder output)
    {
        if (token.Escaped)
        {
            if (token.End < _html.Length && _html[token.End] == ']')
            {
                output.Append(_html, token.At + 1, token.End - token.At - 1);
                return token.End + 1;
            }

            output.Append('[');
        }

        switch (token.Kind)
        {
            case Kind.Drop when token.Name == "gallery" && _gallery?.Invoke(Attributes(token.Attributes).Named) is { } pictures:
                output.Append(pictures);
                break;
            case Kind.Drop:
                _warnings.Shortcode(token.Name);
                break;
            case Kind.Link:
                var content = _html[token.ContentStart..token.ContentEnd];
                Element(output, token.Name, "url", Address(token.Attributes, content)).Append("</").Append(ElementName).Append('>');
                break;
            case Kind.Caption:
                Element(output, token.Name, "caption", Attributes(token.Attributes).Named.GetValueOrDefault("caption"))
                    .Append(Run(token.ContentStart, token.ContentEnd))
                    .Append("</").Append(ElementName).Append('>');
                break;
        }

        return token.End;
    }

    private static StringBuilder Element(StringBuilder output, string name, string attribute, string? value)
    {
        output.Append('<').Append(ElementName).Append(" name=\"").Append(name).Append('"');
        if (value is not null)
        {
            output.Append(' ').Append(attribute).Append("=\"").Append(value.Replace("\"", "&quot;", StringComparison.Ordinal)).Append('"');
        }

        return output.Append('>');
    }

    // Past a tag (its quoted attribute values may hold "]" and ">") or a comment (block comments hold JSON).
    private int SkipMarkup(int at, int end)
    {
        if (_html.AsSpan(at, end - at).StartsWith("<!--", StringComparison.Ordinal))
        {
            var close = _html.IndexOf("-->", at + 4, end - at - 4, StringComparison.Ordinal);
            return close < 0 ? end : close + 3;
        }

        if (at + 1 >= end || !(char.IsAsciiLetter(_html[at + 1]) || _html[at + 1] is '/' or '!' or '?'))
        {
            return at + 1;
        }

        for (var i = at + 1; i < end; i++)
        {
            if (_html[i] == '>')
            {
                return i + 1;
            }

            if (_html[i] != '=')
            {
                continue;
            }

            while (i + 1 < end && _html[i + 1] == ' ')
            {
                i++;
            }

            if (i + 1 < end && _html[i + 1] is '"' or '\'')
            {
                var close = _html.IndexOf(_html[i + 1], i + 2, end - i - 2);
                if (close < 0)
                {
                    return end;
                }

                i = close;
            }
        }

        return end;
    }

    private int NextBracket(int from)
    {
        if (_nextBracket < from)
        {
            var found = _html.IndexOf(']', from);
            _nextBracket = found < 0 ? int.MaxValue : found;
        }

        return _nextBracket;
    }

    private int NextClosing(string name, int from)
    {
        if (!_nextClosing.TryGetValue(name, out var next) || next < from)
        {
            var found = _html.IndexOf("[/" + name + "]", from, StringComparison.Ordinal);
            next = found < 0 ? int.MaxValue : found;
            _nextClosing[name] = next;
        }

        return next;
    }
}
