using AngleSharp.Dom;

namespace Kumparan.Content.Import;

/// <summary>Links, pictures, embedded players and the shortcodes that stand for them.</summary>
internal sealed partial class PostWalker
{
    private Exit Anchor(IElement anchor)
    {
        var href = anchor.GetAttribute("href");
        if (href is null || (WrapsOnlyAnImage(anchor) && WebAddresses.IsImageFile(href)))
        {
            return Exit.None;
        }

        var url = addresses.Link(href, out var refused);
        if (url is null)
        {
            if (refused is not null)
            {
                warnings.UnsafeLink(refused);
            }

            return Exit.None;
        }

        return builder.OpenSpan(SpanKind.Link, url) ? Exit.Span : Exit.None;
    }

    private static bool WrapsOnlyAnImage(IElement anchor)
    {
        var images = 0;
        foreach (var child in anchor.ChildNodes)
        {
            if (child is IElement { LocalName: "img" })
            {
                images++;
            }
            else if (child is not IText text || !string.IsNullOrWhiteSpace(text.Data))
            {
                return false;
            }
        }

        return images == 1;
    }

    private void Image(IElement image)
    {
        var src = image.GetAttribute("src");
        // Lazy-loading plugins leave a placeholder in src and the picture in data-src.
        if (string.IsNullOrWhiteSpace(src) || src.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var lazy = image.GetAttribute("data-src") ?? image.GetAttribute("data-lazy-src") ?? image.GetAttribute("data-original");
            src = string.IsNullOrWhiteSpace(lazy) ? src : lazy;
        }

        var url = addresses.Image(src, out var refused);
        if (url is null)
        {
            if (refused is null)
            {
                warnings.ImageWithoutAddress();
            }
            else
            {
                warnings.UnsafeImage(refused);
            }

            return;
        }

        builder.Image(MarkdownText.Collapse(image.GetAttribute("alt") ?? ""), url);
    }

    private void Embed(IElement player)
    {
        var name = player.LocalName;
        var src = name switch
        {
            "object" => player.GetAttribute("data")
                ?? player.Children.FirstOrDefault(c => c.LocalName == "embed")?.GetAttribute("src")
                ?? player.Children.FirstOrDefault(c => c.LocalName == "param" && c.GetAttribute("name") is "movie" or "src")?.GetAttribute("value"),
            "video" or "audio" => player.GetAttribute("src") ?? player.Children.FirstOrDefault(c => c.LocalName == "source" && c.HasAttribute("src"))?.GetAttribute("src"),
            _ => player.GetAttribute("src"),
        };
        var url = addresses.Media(src);
        warnings.Embed($"<{name}>", url);
        EmbedLink(url);
    }

    // A player that cannot be shown in Markdown becomes a paragraph with a link to what it plays.
    private void EmbedLink(string? url)
    {
        if (url is null)
        {
            return;
        }

        builder.Boundary();
        builder.Link(url, url);
        builder.Boundary();
    }

    private Exit? Shortcode(IElement shortcode)
    {
        var name = shortcode.GetAttribute("name") ?? "";
        if (Shortcodes.IsCaption(name))
        {
            MakeFigure(shortcode);
            builder.Boundary();
            return Exit.Boundary;
        }

        var url = addresses.Media(shortcode.GetAttribute("url"));
        warnings.ShortcodeLink(name, url);
        EmbedLink(url);
        return null;
    }

    // [caption]<a><img></a> Text[/caption] is a figure: what follows the picture (or the caption="…" of
    // older WordPress) becomes a figcaption, read like the block editor's.
    private void MakeFigure(IElement shortcode)
    {
        var caption = shortcode.Owner!.CreateElement("figcaption");
        var attribute = shortcode.GetAttribute("caption");
        if (!string.IsNullOrWhiteSpace(attribute))
        {
            foreach (var node in parser.ParseFragment(attribute, caption).ToArray())
            {
                caption.AppendChild(node);
            }
        }
        else
        {
            var picture = shortcode.ChildNodes.FirstOrDefault(n => n is IElement e && HoldsImage(e));
            var moved = new List<INode>();
            for (var node = picture is null ? shortcode.FirstChild : picture.NextSibling; node is not null; node = node.NextSibling)
            {
                moved.Add(node);
            }

            moved.ForEach(node => caption.AppendChild(node));
        }

        if (caption.HasChildNodes)
        {
            shortcode.AppendChild(caption);
        }
    }

    private static bool HoldsImage(IElement element) =>
        element.LocalName == "img" || element.Children.Any(c => c.LocalName == "img" || c.Children.Any(g => g.LocalName == "img"));
}
