using System.Text;
using Kumparan.Content.Rendering;

namespace Kumparan.Content.Import;

/// <summary>
/// The addresses of links, images and embedded players in an imported post: which are safe, which
/// point at the old site (and become paths of this one), and how each is written in Markdown.
/// </summary>
internal sealed class WebAddresses(HtmlConversionOptions options)
{
    private static readonly string[] ImageFiles = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff"];

    /// <summary>A link's target, or null when there is none or it is unsafe (then <paramref name="refused"/> names the scheme).</summary>
    public string? Link(string? href, out string? refused)
    {
        refused = null;
        var url = Clean(href);
        if (url.Length == 0)
        {
            return null;
        }

        if (!SafeUrl.IsSafe(url))
        {
            refused = Refused(url);
            return null;
        }

        return Local(url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url : url);
    }

    /// <summary>An image's source: resolved against the old site, then given to the caller's <see cref="HtmlConversionOptions.Image"/>.</summary>
    public string? Image(string? src, out string? refused)
    {
        refused = null;
        var url = Resolve(Clean(src));
        if (url.Length == 0)
        {
            return null;
        }

        if (!IsWebAddress(url))
        {
            refused = Refused(url);
            return null;
        }

        if (options.Image?.Invoke(url) is { } replaced)
        {
            if (SafeUrl.IsSafe(replaced))
            {
                return replaced;
            }

            refused = Refused(replaced);
            return null;
        }

        return Local(url);
    }

    /// <summary>The address an embedded player plays, as a page a reader can open; null when it has none a browser may follow.</summary>
    public string? Media(string? src)
    {
        var url = Clean(src);
        var scheme = SchemeOf(url);
        var web = scheme is "http:" or "https:" || (scheme.Length == 0 && url.StartsWith('/'));
        return web ? Local(Watchable(Resolve(url))) : null;
    }

    /// <summary>A link to an image file: a picture wrapped in a link to its own full size needs no link.</summary>
    public static bool IsImageFile(string url)
    {
        var end = url.AsSpan();
        var cut = end.IndexOfAny('?', '#');
        if (cut >= 0)
        {
            end = end[..cut];
        }

        foreach (var extension in ImageFiles)
        {
            if (end.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A link destination in Markdown: nothing in it can end the link, start a title or be read as an entity.</summary>
    public static string Destination(string url)
    {
        var builder = new StringBuilder(url.Length + 8);
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c is '(' or ')' or '\\' || (c == '&' && MarkdownText.StartsEntity(url, i)))
            {
                builder.Append('\\').Append(c);
            }
            else if (c is '<' or '>' or '|' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                // Percent-encoded, the address is the same to a server; raw, these would end the
                // destination or, with "|", a table cell.
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Browsers drop tabs and line breaks anywhere in an address and spaces at its ends.
    private static string Clean(string? url)
    {
        if (url is null)
        {
            return "";
        }

        var cleaned = url.Contains('\n', StringComparison.Ordinal) || url.Contains('\t', StringComparison.Ordinal) || url.Contains('\r', StringComparison.Ordinal)
            ? url.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal)
            : url;
        return cleaned.Trim(' ', '\f', '\u00A0');
    }

    // Relative and scheme-relative sources of images and players are on the old site.
    private string Resolve(string url)
    {
        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            return "https:" + url;
        }

        if (options.SiteUrl is { } site && url.Length > 0 && SchemeOf(url).Length == 0)
        {
            try
            {
                return new Uri(site, url).AbsoluteUri;
            }
            catch (UriFormatException)
            {
                return url;
            }
        }

        return url;
    }

    // An address on the old site becomes the same path here: the site's aliases answer old paths.
    private string Local(string url)
    {
        if (options.SiteUrl is not { } site || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || !SameHost(uri.Host, site.Host))
        {
            return url;
        }

        var authority = url.IndexOf("//", StringComparison.Ordinal) + 2;
        var path = url.IndexOfAny(['/', '?', '#'], authority);
        return path < 0 ? "/" : url[path] == '/' ? url[path..] : "/" + url[path..];
    }

    private static bool SameHost(string a, string b) =>
        WithoutWww(a).Equals(WithoutWww(b), StringComparison.OrdinalIgnoreCase);

    private static string WithoutWww(string host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    // Images and players come from the web or from this site; mailto: and tel: are safe links but no sources.
    private static bool IsWebAddress(string url)
    {
        var scheme = SchemeOf(url);
        return scheme.Length == 0
            ? SafeUrl.IsSafe(url)
            : scheme.Equals("http:", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https:", StringComparison.OrdinalIgnoreCase);
    }

    private static string Refused(string url) => SchemeOf(url) is { Length: > 0 } scheme ? scheme : "an unreadable scheme";

    /// <summary>"javascript:" for "JavaScript:alert(1)", as a browser reads the scheme; "" when there is none.</summary>
    private static string SchemeOf(string url)
    {
        var scheme = new StringBuilder();
        foreach (var c in url)
        {
            if (c == ':')
            {
                return scheme.Length > 0 && char.IsAsciiLetter(scheme[0]) ? scheme.Append(':').ToString() : "";
            }

            if (c is '/' or '?' or '#' || scheme.Length > 30)
            {
                return "";
            }

            if (c > ' ' && !char.IsControl(c) && c is not ('\u200B' or '\u200C' or '\u200D' or '\uFEFF'))
            {
                scheme.Append(char.ToLowerInvariant(c));
            }
        }

        return "";
    }

    // A player's address is where it plays; the page a reader opens is the video's own.
    private static string Watchable(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Segments.Length < 3)
        {
            return url;
        }

        var id = uri.Segments[2].TrimEnd('/');
        if (id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return url;
        }

        var host = WithoutWww(uri.Host).ToLowerInvariant();
        return (host, uri.Segments[1]) switch
        {
            ("youtube.com" or "youtube-nocookie.com" or "m.youtube.com", "embed/") => "https://www.youtube.com/watch?v=" + id,
            ("player.vimeo.com", "video/") => "https://vimeo.com/" + id,
            _ => url,
        };
    }
}
