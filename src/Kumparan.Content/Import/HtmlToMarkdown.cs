using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Kumparan.Content.Articles;
using Kumparan.Content.Rendering;

namespace Kumparan.Content.Import;

/// <summary>A post's body as Markdown, and what was dropped or changed on the way, one sentence per kind.</summary>
public sealed record HtmlConversion(string Markdown, IReadOnlyList<string> Warnings);

public sealed record HtmlConversionOptions
{
    /// <summary>
    /// The old site's address (e.g. https://berita.example.com/): absolute links and image URLs on this
    /// host (with or without "www.") become local paths ("/2024/05/01/slug/"), so the site's aliases
    /// answer them after the move.
    /// </summary>
    public Uri? SiteUrl { get; init; }

    /// <summary>
    /// Called with each image's absolute URL (after SiteUrl resolution of relative srcs against
    /// SiteUrl); returns the src to write instead (e.g. "/media/wp/2024/05/foto.jpg" when the import
    /// copied the file from an uploads folder), or null to keep the URL as it is.
    /// </summary>
    public Func<string, string?>? Image { get; init; }

    /// <summary>
    /// Called with a [gallery] shortcode's attributes ("ids", "include", ...); returns the HTML of its
    /// pictures (figures of an img and a figcaption) to convert in its place, or null to drop it with a
    /// warning. A gallery names attachments by number: only the export knows them.
    /// </summary>
    public Func<IReadOnlyDictionary<string, string>, string?>? Gallery { get; init; }
}

/// <summary>
/// WordPress post content (classic or block editor) → Markdown that the site's pipeline renders to
/// the same text, links and pictures. Nothing passes through as HTML: what Markdown cannot say is
/// reduced to its text or dropped, with a warning. One instance serves one thread (it keeps its parser).
/// </summary>
public sealed class HtmlToMarkdown(HtmlConversionOptions options)
{
    /// <summary>Quotes and lists nest at most this deep; deeper ones are flattened.</summary>
    internal const int MaxLevels = 8;

    private readonly HtmlParser _parser = new(new HtmlParserOptions { DisableElementPositionTracking = true });
    private readonly WebAddresses _addresses = new(options);
    private IElement? _body;

    public HtmlConversion Convert(string html)
    {
        var result = Convert(html, MaxLevels);
        // Deep ordered lists with long numbers indent far enough for the site's nesting check to
        // count more levels than there are: then the post is converted again, shallower.
        if (!FitsNesting(result.Markdown))
        {
            result = Convert(html, 3);
        }

        return result;
    }

    /// <summary>Text only (for an excerpt → summary): tags dropped, entities decoded, white space collapsed, trimmed.</summary>
    public string PlainText(string html)
    {
        var text = new StringBuilder();
        foreach (var node in Parse(Shortcodes.Expand(html, new ConversionWarnings())))
        {
            DomWalk.Walk(node, n =>
            {
                if (n is IText t)
                {
                    text.Append(t.Data);
                    return false;
                }

                if (n is not IElement { LocalName: var name } || PostWalker.IsDropped(name) || name is "form" or "iframe" or "object" or "video" or "audio")
                {
                    return false;
                }

                // Blocks and line breaks separate words; inline elements do not ("<b>Ja</b>karta").
                if (name == "br" || PostWalker.IsBlock(name))
                {
                    text.Append(' ');
                }

                return true;
            }, n =>
            {
                if (PostWalker.IsBlock(((IElement)n).LocalName))
                {
                    text.Append(' ');
                }
            });
        }

        return MarkdownText.Collapse(text.ToString());
    }

    private HtmlConversion Convert(string html, int maxLevels)
    {
        var warnings = new ConversionWarnings();
        // The block editor marks its blocks with comments; without them the post is the classic
        // editor's, whose line breaks WordPress turns into paragraphs and <br> when it shows it.
        var classic = !html.Contains("<!-- wp:", StringComparison.Ordinal);
        var builder = new MarkdownBuilder(classic, maxLevels, warnings);
        var walker = new PostWalker(builder, _addresses, warnings, _parser);
        foreach (var node in Parse(Shortcodes.Expand(html, warnings, options.Gallery)))
        {
            walker.Walk(node);
        }

        return new HtmlConversion(builder.Finish(), warnings.ToList());
    }

    // The post is a fragment of a body: a <style> or <meta> at its start stays where it is (a whole
    // document would move it into a head).
    private INode[] Parse(string html)
    {
        _body ??= _parser.ParseDocument("").Body!;
        return _parser.ParseFragment(html, _body).ToArray();
    }

    private static bool FitsNesting(string markdown)
    {
        try
        {
            NestingGuard.Check(markdown, 1, MarkdownRenderer.MaxNesting);
            return true;
        }
        catch (ContentException)
        {
            return false;
        }
    }
}
