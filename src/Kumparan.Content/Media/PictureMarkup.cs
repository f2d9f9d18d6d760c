using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Kumparan.Content.Media;

public enum PictureLoading
{
    /// <summary>The page's largest picture, seen first: fetched at once and before the others.</summary>
    Priority,

    /// <summary>Seen first but not the largest: fetched at once.</summary>
    Eager,

    /// <summary>Below the fold: fetched when the reader scrolls near it, decoded off the main thread.</summary>
    Lazy,
}

/// <summary>
/// A picture's markup: <c>&lt;picture&gt;</c> with AVIF and WebP sources and a JPEG (or PNG) fallback in
/// every width, <c>sizes</c> saying how wide it is shown, and its width and height so the page does not
/// shift while it loads. A picture without variants (a remote URL) is a plain <c>&lt;img&gt;</c>.
/// </summary>
public static class PictureMarkup
{
    // The fallback's src for browsers without srcset: wide enough for a column, small enough for a phone.
    private const int PlainWidth = 960;

    public static string Html(PictureSource picture, ImageOptions options, string sizes, PictureLoading loading)
    {
        var html = new StringBuilder(1024);
        var encoder = HtmlEncoder.Default;
        if (picture.Hash is not { } hash)
        {
            html.Append("<img src=\"").Append(encoder.Encode(picture.Url)).Append('"');
            Attributes(html, picture.Width, picture.Height, picture.Alt, loading);
            return html.Append('>').ToString();
        }

        var widths = Variants.WidthsFor(picture.Width, options.Widths);
        var fallback = Variants.FallbackFormat(picture.Graphic);
        html.Append("<picture>");
        foreach (var format in Variants.ModernFormats)
        {
            int[] made = format == "avif" ? [.. widths.Where(w => w <= options.AvifMaxWidth)] : widths;
            if (made.Length == 0)
            {
                continue;
            }

            html.Append("<source type=\"").Append(Variants.ContentType(format)).Append("\" srcset=\"");
            SourceSet(html, picture, hash, made, format);
            html.Append("\" sizes=\"").Append(encoder.Encode(sizes)).Append("\">");
        }

        var plain = widths.LastOrDefault(w => w <= PlainWidth, widths[0]);
        html.Append("<img src=\"").Append(Variants.Url(picture.Name, hash, plain, fallback)).Append("\" srcset=\"");
        SourceSet(html, picture, hash, widths, fallback);
        html.Append("\" sizes=\"").Append(encoder.Encode(sizes)).Append('"');
        var widest = widths[^1];
        Attributes(html, widest, Variants.HeightAt(widest, picture.Width, picture.Height), picture.Alt, loading);
        return html.Append("></picture>").ToString();
    }

    private static void SourceSet(StringBuilder html, PictureSource picture, string hash, int[] widths, string format)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            html.Append(i == 0 ? "" : ", ").Append(Variants.Url(picture.Name, hash, widths[i], format))
                .Append(' ').Append(widths[i].ToString(CultureInfo.InvariantCulture)).Append('w');
        }
    }

    private static void Attributes(StringBuilder html, int width, int height, string alt, PictureLoading loading)
    {
        html.Append(" width=\"").Append(width.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(height.ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(HtmlEncoder.Default.Encode(alt)).Append('"');
        html.Append(loading switch
        {
            PictureLoading.Priority => " fetchpriority=\"high\"",
            PictureLoading.Lazy => " loading=\"lazy\" decoding=\"async\"",
            _ => "",
        });
    }
}

/// <summary>What the markup needs of a picture: its name under content/media (or a URL), fingerprint and size upright.</summary>
/// <param name="Hash">Null for a picture without variants (a remote URL).</param>
public sealed record PictureSource(string Name, string Url, string? Hash, int Width, int Height, bool Graphic, string Alt);
