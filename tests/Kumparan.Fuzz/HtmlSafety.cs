using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Kumparan.Fuzz;

/// <summary>
/// What "safe output" means for a rendered body, checked the way a browser would read it: parsed
/// with AngleSharp, not searched as text. No script elements, no event-handler attributes, no
/// embedding elements, and links/images only with http, https, mailto, tel or relative URLs.
/// </summary>
public static class HtmlSafety
{
    private static readonly string[] ForbiddenElements = ["script", "iframe", "object", "embed", "frame", "frameset", "base", "meta", "link", "style", "form", "svg", "math"];
    private static readonly string[] UrlAttributes = ["href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background", "data"];
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto", "tel"];
    private static readonly HtmlParser Parser = new();

    /// <summary>The problems found in an HTML fragment; empty when it is safe.</summary>
    public static List<string> Problems(string html)
    {
        var problems = new List<string>();
        var document = Parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        foreach (var element in document.Body!.Descendants<IElement>())
        {
            var name = element.LocalName;
            if (ForbiddenElements.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"<{name}> element");
            }

            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{attribute.Name}= on <{name}>");
                }

                if (attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"style= on <{name}>");
                }

                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase) && !IsAllowedUrl(attribute.Value))
                {
                    problems.Add($"{attribute.Name}=\"{attribute.Value}\" on <{name}>");
                }
            }
        }

        return problems;
    }

    /// <summary>The URL's scheme as a browser finds it (after dropping whitespace and controls) is allowed, or it has none.</summary>
    public static bool IsAllowedUrl(string url)
    {
        var cleaned = new string(url.Where(c => c > ' ' && !char.IsControl(c)).ToArray());
        var colon = cleaned.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }

        var delimiter = cleaned.IndexOfAny(['/', '?', '#']);
        if (delimiter >= 0 && delimiter < colon)
        {
            return true;
        }

        // A browser reads a scheme only where there is one (an ASCII letter, then letters, digits, "+",
        // "-" or "."; WHATWG URL, "scheme state"): before any other text, such as "%E2%80%8Bhttps" (a
        // zero-width space Markdig percent-encoded), the colon is part of a relative path.
        var scheme = cleaned[..colon];
        if (!IsScheme(scheme))
        {
            return true;
        }

        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsScheme(string text) =>
        text.Length > 0 && char.IsAsciiLetter(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
}
