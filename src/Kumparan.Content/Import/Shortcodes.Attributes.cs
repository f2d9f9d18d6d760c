namespace Kumparan.Content.Import;

/// <summary>A shortcode's attributes, and the address an embedding shortcode plays.</summary>
internal sealed partial class Shortcodes
{
    private static readonly string[] AddressAttributes = ["url", "src", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav", "link"];

    // [embed]URL[/embed], [video mp4="URL"], [youtube URL], Jetpack's [youtube=URL].
    private static string? Address(string attributes, string content)
    {
        if (IsAddress(content.Trim()))
        {
            return content.Trim();
        }

        if (attributes.StartsWith('='))
        {
            return attributes[1..].Trim().TrimEnd('/').Trim();
        }

        var (named, positional) = Attributes(attributes);
        foreach (var key in AddressAttributes)
        {
            if (named.TryGetValue(key, out var value) && value.Length > 0)
            {
                return value;
            }
        }

        return positional.FirstOrDefault(IsAddress);
    }

    private static bool IsAddress(string text) =>
        text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("//", StringComparison.Ordinal);

    // WordPress's shortcode_parse_atts: name="value", name='value', name=value, "value", 'value', value.
    private static (Dictionary<string, string> Named, List<string> Positional) Attributes(string text)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        text = text.Replace('\u00A0', ' ').Replace('\u200B', ' ');
        var i = 0;
        while (true)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '/'))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return (named, positional);
            }

            var nameStart = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-'))
            {
                i++;
            }

            var nameEnd = i;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (nameEnd > nameStart && i < text.Length && text[i] == '=')
            {
                i++;
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }

                named[text[nameStart..nameEnd].ToLowerInvariant()] = Value(text, ref i);
            }
            else
            {
                i = nameStart;
                positional.Add(Value(text, ref i));
            }
        }
    }

    private static string Value(string text, ref int i)
    {
        if (i < text.Length && text[i] is '"' or '\'')
        {
            var quote = text[i];
            var close = text.IndexOf(quote, i + 1);
            close = close < 0 ? text.Length : close;
            var quoted = text[(i + 1)..close];
            i = Math.Min(close + 1, text.Length);
            return quoted;
        }

        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return text[start..i];
    }
}
